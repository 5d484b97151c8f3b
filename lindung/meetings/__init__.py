"""Monev meetings: attendance, frozen figures, recommendations and their follow-up."""
