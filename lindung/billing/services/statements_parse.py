"""A statement's cells as typed (``amount_text``, ``month``, ``paid_on_text``) → values, or the reason why not.

Amounts are read with lokal-id's ``parse_rupiah`` (once per distinct text: a statement repeats a handful of
amounts a million times), which reads "Rp 16.800,-", "16.800" and "16800" alike. It drops a minus sign, so a
sign is looked for first: a negative amount is refused, never read as positive. An estimate ("2jtan") is no
amount either.
"""

from __future__ import annotations

import datetime as dt

import lokal
import polars as pl

from lindung.core.months import MONTH_NAMES

_NEGATIVE = r"^\s*(?:\(|[-−–]|rp\.?\s*[-−–])"
_MONTH_WORDS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)} | {
    name.lower()[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)
}
_MONTH_WORDS |= {
    "agt": 8,
    "ags": 8,
    "sept": 9,
    "okt": 10,
    "des": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    "december": 12,
    "dec": 12,
    "oct": 10,
    "aug": 8,
}


def _amount_of(text: str) -> int | None:
    parsed = lokal.parse_rupiah(text)
    if parsed is None or parsed.approximate:
        return None
    return int(parsed.amount) if parsed.amount == int(parsed.amount) else None


def amounts(texts: pl.Series) -> pl.DataFrame:
    """``amount_text`` → ``amount`` (null when unreadable) and ``amount_negative``, per distinct text."""
    distinct = texts.fill_null("").unique().to_list()
    values = [_amount_of(t) if t.strip() else None for t in distinct]
    return pl.DataFrame(
        {"amount_text": distinct, "amount": values},
        schema={"amount_text": pl.String, "amount": pl.Int64},
    ).with_columns(amount_negative=pl.col("amount_text").str.to_lowercase().str.contains(_NEGATIVE))


def _ym(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    return pl.date(year.cast(pl.Int32, strict=False), month.cast(pl.Int8, strict=False), 1)


def month_expr(text: pl.Expr) -> pl.Expr:
    """2026-06, 2026-06-01 (a date cell), 06/2026, 6-2026, "Juni 2026", "Jun-26" is refused (no century)."""
    s = text.fill_null("").str.strip_chars().str.to_lowercase()
    iso = s.str.extract_groups(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t][\d:.]+)?$")
    my = s.str.extract_groups(r"^(\d{1,2})[-/.](\d{4})$")
    named = s.str.extract_groups(r"^([a-z]+)\.?[ \-/]+(\d{4})$")
    named_month = named.struct.field("1").replace_strict(_MONTH_WORDS, default=None, return_dtype=pl.Int8)
    month = pl.coalesce(
        _valid(iso.struct.field("1"), iso.struct.field("2")),
        _valid(my.struct.field("2"), my.struct.field("1")),
        _valid(named.struct.field("2"), named_month),
    )
    return month


def _valid(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    m = month.cast(pl.Int32, strict=False)
    return pl.when((m >= 1) & (m <= 12)).then(_ym(year, m))


def date_expr(text: pl.Expr) -> pl.Expr:
    """A payment date: ISO (a date cell, with or without its time) or 12-06-2026 / 12/06/2026 / 12.06.2026."""
    s = text.fill_null("").str.strip_chars()
    iso = s.str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[ T][\d:.]+)?$", 1).str.to_date("%Y-%m-%d", strict=False)
    dmy = s.str.extract_groups(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
    typed = pl.concat_str(
        [dmy.struct.field("3"), dmy.struct.field("2").str.zfill(2), dmy.struct.field("1").str.zfill(2)],
        separator="-",
    ).str.to_date("%Y-%m-%d", strict=False)
    return pl.coalesce(iso, typed)


def _by_distinct(frame: pl.DataFrame, column: str, parsed: dict[str, pl.Expr]) -> pl.DataFrame:
    """Columns parsed from ``column`` once per distinct text, then looked up for every line: a statement
    repeats a handful of amounts, months and payment dates a million times, and a lookup copies no other
    column (a join would copy every column of every line)."""
    read = frame.select(pl.col(column).unique()).with_columns(**parsed)
    texts = read.get_column(column)
    return frame.with_columns(
        **{name: pl.col(column).replace_strict(texts, read.get_column(name), default=None) for name in parsed}
    )


def _with_amounts(frame: pl.DataFrame) -> pl.DataFrame:
    """``amount`` and ``amount_negative``, read by lokal-id once per distinct text."""
    read = amounts(frame.get_column("amount_text"))
    texts = read.get_column("amount_text")
    return frame.with_columns(
        amount=pl.col("amount_text").replace_strict(texts, read.get_column("amount"), default=None),
        amount_negative=pl.col("amount_text").replace_strict(
            texts, read.get_column("amount_negative"), default=None
        ),
    )


def _reasons(today: dt.date) -> list[tuple[pl.Expr, list[pl.Expr]]]:
    """(condition, message parts) in order: a line's first true condition is why it cannot be read."""
    row = pl.concat_str([pl.lit("Baris "), pl.col("row_number").cast(pl.String)])
    return [
        (
            pl.col("month_text").str.strip_chars() == "",
            [row, pl.lit(", kolom Bulan Iuran: kosong.")],
        ),
        (
            pl.col("month").is_null(),
            [
                row,
                pl.lit(', kolom Bulan Iuran: "'),
                pl.col("month_text"),
                pl.lit('" tidak dikenali (tulis 2026-06).'),
            ],
        ),
        (
            pl.col("amount_text").str.strip_chars() == "",
            [row, pl.lit(", kolom Jumlah: kosong.")],
        ),
        (
            pl.col("amount_negative"),
            [
                row,
                pl.lit(', kolom Jumlah: "'),
                pl.col("amount_text"),
                pl.lit('" negatif; iuran harus lebih dari nol.'),
            ],
        ),
        (
            pl.col("amount").is_null(),
            [row, pl.lit(', kolom Jumlah: "'), pl.col("amount_text"), pl.lit('" bukan jumlah uang.')],
        ),
        (
            pl.col("amount") <= 0,
            [row, pl.lit(', kolom Jumlah: "'), pl.col("amount_text"), pl.lit('" harus lebih dari nol.')],
        ),
        (
            pl.col("paid_on_text").str.strip_chars() == "",
            [row, pl.lit(", kolom Tanggal Bayar: kosong.")],
        ),
        (
            pl.col("paid_on").is_null(),
            [
                row,
                pl.lit(', kolom Tanggal Bayar: "'),
                pl.col("paid_on_text"),
                pl.lit('" tidak dikenali (tulis 12-06-2026).'),
            ],
        ),
        (
            pl.col("paid_on") > pl.lit(today),
            [
                row,
                pl.lit(", kolom Tanggal Bayar: "),
                pl.col("paid_on").dt.strftime("%d-%m-%Y"),
                pl.lit(f" belum terjadi (hari ini {today:%d-%m-%Y})."),
            ],
        ),
    ]


def parse_cells(frame: pl.DataFrame, *, today: dt.date) -> pl.DataFrame:
    """Adds ``month`` (Date), ``amount`` (Int64), ``paid_on`` (Date) and ``invalid`` (the first reason a line
    cannot be read, naming its row and column; null when it can)."""
    frame = frame.with_columns(
        month_text=pl.col("month").cast(pl.String).fill_null(""),
        amount_text=pl.col("amount_text").cast(pl.String).fill_null(""),
        paid_on_text=pl.col("paid_on_text").cast(pl.String).fill_null(""),
    )
    frame = _with_amounts(frame)
    frame = _by_distinct(frame, "month_text", {"month": month_expr(pl.col("month_text"))})
    frame = _by_distinct(frame, "paid_on_text", {"paid_on": date_expr(pl.col("paid_on_text"))})
    reasons = _reasons(today)
    # The message is a string built per row: only the lines that cannot be read need one.
    unreadable = pl.any_horizontal([condition.fill_null(False) for condition, _ in reasons])
    invalid: pl.Expr = pl.lit(None, dtype=pl.String)
    for condition, parts in reversed(reasons):
        invalid = pl.when(condition.fill_null(False)).then(pl.concat_str(parts)).otherwise(invalid)
    named = frame.filter(unreadable).select("row_number", invalid=invalid)
    return frame.with_columns(
        invalid=pl.col("row_number").replace_strict(
            named.get_column("row_number"), named.get_column("invalid"), default=None, return_dtype=pl.String
        )
    )
