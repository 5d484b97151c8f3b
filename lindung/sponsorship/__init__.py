"""Per-person sponsorships (ASN, CSR, donors), CSR commitments and payments against them."""
