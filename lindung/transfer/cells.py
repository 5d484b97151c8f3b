"""From one cell's text to one value, as Polars expressions over a whole column.

- Dates are read from date cells, spreadsheet serial numbers, 17-08-1985, 17/08/1985, 17.08.1985,
  1985-08-17 and 17 Agustus 1985 (Indonesian or English month names, full or short). Two-digit years are
  refused: the century is never guessed.
- Incomes, RT/RW numbers and village codes are read in the forms offices write them; anything else is null
  (or empty) so the caller can report it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lindung.regions.codes import SEPARATOR

from .checks import PY_WHITESPACE
from .vocabulary import MONTHS

WS_CLASS = "".join(f"\\x{{{ord(c):x}}}" for c in PY_WHITESPACE)
JUNK = r"[\x00-\x08\x0e-\x1b\x7f]"
EXCEL_EPOCH = dt.date(1899, 12, 30)


def key(expr: pl.Expr) -> pl.Expr:
    """Lower case, letters and digits only: how the vocabulary's keys are written."""
    return expr.str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


def clean(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).fill_null("").str.replace_all(JUNK, "")


def stripped(expr: pl.Expr) -> pl.Expr:
    return clean(expr).str.strip_chars(PY_WHITESPACE)


def collapse(text: pl.Expr) -> pl.Expr:
    """White space runs to one space, as " ".join(s.split()) does; most cells need nothing, so only the ones
    that do are rewritten."""
    needs = text.str.contains(
        f"[{WS_CLASS}]{{2,}}|[\\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    )
    return pl.when(needs).then(text.str.replace_all(f"[{WS_CLASS}]+", " ")).otherwise(text)


def _ymd(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    return pl.concat_str(
        [year, month.cast(pl.String).str.zfill(2), day.cast(pl.String).str.zfill(2)], separator="-"
    ).str.to_date("%Y-%m-%d", strict=False)


def parse_date(text: pl.Expr) -> pl.Expr:
    """A birth date from any of the forms offices use; null when it cannot be read without guessing."""
    s = text.str.strip_chars(PY_WHITESPACE).str.replace_all(f"[{WS_CLASS}]+", " ")
    # A date cell, which calamine writes as ISO, with or without the time.
    iso = s.str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)?$", 1).str.to_date(
        "%Y-%m-%d", strict=False
    )
    typed_iso = s.str.replace_all("/", "-").str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})$", 1)
    dmy = s.str.extract_groups(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
    named = s.str.extract_groups(r"^(\d{1,2})[ \-/.]+([A-Za-z]+)\.?[ \-/.,]+(\d{4})$")
    month = (
        named.struct.field("2").str.to_lowercase().replace_strict(MONTHS, default=None, return_dtype=pl.Int32)
    )
    # A serial number: days since 30-12-1899 in the 1900 date system. A lone 4-digit year 1900-2100 is not
    # a serial but a year without day and month, which cannot be read without guessing.
    serial = s.str.extract(r"^(\d{1,6})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    year_only = (serial >= 1900) & (serial <= 2100)
    from_serial = pl.when(serial.is_not_null() & ~year_only & (serial >= 61) & (serial <= 73_415)).then(
        pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)
    )
    typed = typed_iso.str.split("-")
    return pl.coalesce(
        iso,
        _ymd(
            typed.list.get(0, null_on_oob=True),
            typed.list.get(1, null_on_oob=True),
            typed.list.get(2, null_on_oob=True),
        ),
        _ymd(dmy.struct.field("3"), dmy.struct.field("2"), dmy.struct.field("1")),
        _ymd(named.struct.field("3"), month, named.struct.field("1")),
        from_serial.cast(pl.Date),
    )


def village(s: pl.Expr, default: str) -> pl.Expr:
    """A village code as typed (stripped), dotted when written as ten digits; the upload's village when empty."""
    dotted = s.str.replace(r"^(\d{2})(\d{2})(\d{2})(\d{4})$", SEPARATOR.join(["$1", "$2", "$3", "$4"]))
    return pl.when(s == "").then(pl.lit(default or "")).otherwise(dotted)


def rt_rw_parts(text: pl.Expr) -> dict[str, pl.Expr]:
    """One "003/001" (or "RT 3 RW 1") cell → RT, RW (three digits) and whether it could not be read."""
    parts = text.str.extract_groups(r"^(?:RT\.?\s*)?(\d{1,3})\s*[/\-.,\s]\s*(?:RW\.?\s*)?(\d{1,3})$")
    return {
        "rt": parts.struct.field("1").str.zfill(3).fill_null(""),
        "rw": parts.struct.field("2").str.zfill(3).fill_null(""),
        "_f_rt_rw_unreadable": (text != "") & parts.struct.field("1").is_null(),
    }


def number_part(text: pl.Expr, name: str) -> dict[str, pl.Expr]:
    """One RT or RW cell: up to three digits, zero-padded; anything else is unreadable."""
    ok = text.str.contains(r"^\d{1,3}$")
    return {
        name: pl.when(ok).then(text.str.zfill(3)).otherwise(pl.lit("")),
        f"_{name}_bad": (text != "") & ~ok,
    }


def income(text: pl.Expr) -> pl.Expr:
    """ "Rp 2.000.000", "2,000,000", "2000000,00" → 2000000; anything else null."""
    digits = (
        text.str.replace(r"(?i)^rp\.?\s*", "")
        .str.replace(r",00$|,-$|\.-$", "")
        .str.replace_all(r"[.,\s]", "")
    )
    return pl.when(digits.str.contains(r"^\d{1,13}$")).then(digits.cast(pl.Int64, strict=False))
