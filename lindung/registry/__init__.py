"""Social-registry extracts (DTSEN, DTKS, P3KE), their editions and each worker's match."""
