"""Fuzzy duplicate people across the registry: candidates, scores, the review queue and merges."""
