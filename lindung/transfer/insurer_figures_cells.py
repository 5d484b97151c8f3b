"""The cells of the insurer's figures file as values, a whole column at a time: counts and report months."""

from __future__ import annotations

import polars as pl

# The first three letters of a month's name, Indonesian and English, as reports write it ("Okt 2024").
_MONTHS = {
    "JAN": 1,
    "FEB": 2,
    "PEB": 2,
    "MAR": 3,
    "APR": 4,
    "MEI": 5,
    "MAY": 5,
    "JUN": 6,
    "JUL": 7,
    "AGU": 8,
    "AGS": 8,
    "AUG": 8,
    "SEP": 9,
    "OKT": 10,
    "OCT": 10,
    "NOV": 11,
    "NOP": 11,
    "DES": 12,
    "DEC": 12,
}


def count_value(text: pl.Expr) -> pl.Expr:
    """A whole number of people: ``625918``, ``625.918`` or ``625,918`` (groups of three), or a spreadsheet
    number read as ``625918.0``; null for anything else (a decimal, a negative, a word, an empty cell)."""
    t = text.cast(pl.String).str.strip_chars().str.replace_all(" ", "", literal=True)
    t = (
        pl.when(t.str.contains(r"^\d+\.0+$") & ~t.str.contains(r"^\d{1,3}\.000$"))
        .then(t.str.replace(r"\.0+$", ""))
        .otherwise(t)
    )
    grouped = t.str.contains(r"^\d{1,3}([.,]\d{3})+$")
    plain = t.str.contains(r"^\d+$")
    digits = t.str.replace_all(r"[.,]", "")
    return pl.when(grouped | plain).then(digits.cast(pl.Int64, strict=False)).otherwise(None)


def period_value(text: pl.Expr) -> pl.Expr:
    """The first day of the report month: ``2024-10``, ``2024-10-31``, ``10/2024``, ``31-10-2024`` or
    ``Oktober 2024``; null when no valid month can be read."""
    t = text.cast(pl.String).str.strip_chars()
    iso = t.str.extract_groups(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T].*)?$")
    month_year = t.str.extract_groups(r"^(?:\d{1,2}[/.-])?(\d{1,2})[/.-](\d{4})$")
    named = t.str.to_uppercase().str.extract_groups(r"^([A-Z]{3})[A-Z]*\.?\s+(\d{4})$")
    year = pl.coalesce(
        iso.struct.field("1").cast(pl.Int32, strict=False),
        month_year.struct.field("2").cast(pl.Int32, strict=False),
        named.struct.field("2").cast(pl.Int32, strict=False),
    )
    month = pl.coalesce(
        iso.struct.field("2").cast(pl.Int32, strict=False),
        month_year.struct.field("1").cast(pl.Int32, strict=False),
        named.struct.field("1").replace_strict(_MONTHS, default=None, return_dtype=pl.Int32),
    )
    valid = year.is_between(2000, 2100) & month.is_between(1, 12)
    return pl.when(valid).then(pl.date(year, month, 1)).otherwise(None)
