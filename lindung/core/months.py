"""Contribution months. A month is always the ``date`` of its first day, as ``Payment.month`` stores it."""

from __future__ import annotations

import datetime as dt


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_add(month: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``month`` (negative goes back)."""
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from ``first`` to ``last``, both included; empty when ``last`` is before ``first``."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [month_add(month_of(first), i) for i in range(max(count, 0))]


def month_parse(text: str) -> dt.date:
    """``2026-01`` (or ``2026-01-01``) → 1 January 2026. Raises ValueError with an Indonesian message."""
    try:
        year, month = (int(p) for p in text.strip().split("-")[:2])
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        raise ValueError(f'Bulan "{text}" tidak dikenali; tulis sebagai TTTT-BB, misalnya 2026-01.') from None


def month_label(month: dt.date) -> str:
    """``Januari 2026``."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
