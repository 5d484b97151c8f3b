"""Arrears by name: per programme and village, each person's unpaid months, amount and lapse date."""
