"""Indonesian number formats for monev pages, charts and reports: ``1.234.567`` and ``34,99 %``."""

from __future__ import annotations

from decimal import Decimal

from lindung.core.money import rupiah


def number(value: int | None) -> str:
    """``1.819.430``; an em dash for a missing value."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")


def percent_text(value: Decimal | None) -> str:
    """``31,63 %``; an em dash when there is nothing to divide by."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",") + " %"


def money(value: int | None) -> str:
    return "—" if value is None else rupiah(value)
