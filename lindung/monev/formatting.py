"""Numbers for monev pages, charts and reports, in the reader's language: ``1.234.567`` and ``34,99 %`` in
Indonesian, ``1,234,567`` and ``34.99 %`` in English.

Numbers and percentages are ``core.formats``'s, the same the ``angka`` filter writes on every page; money
stays ``Rp 1.234.567`` in every language (``core.money.rupiah``).
"""

from __future__ import annotations

from lindung.core.formats import MISSING, number, percent_text
from lindung.core.money import rupiah

__all__ = ["MISSING", "money", "number", "percent_text"]


def money(value: int | None) -> str:
    return MISSING if value is None else rupiah(value)
