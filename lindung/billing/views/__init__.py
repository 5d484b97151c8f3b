"""Billing's pages: bills (``bills``) and arrears by name (``arrears``)."""
