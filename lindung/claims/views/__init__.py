"""Claim pages: the list with due-soon deadlines, the report form (phone first), the case file, the letter.

Thin: rules live in ``claims.services``, reads in ``claims.selectors``. A case outside the reader's region
answers 404, a role without the capability 403.
"""
