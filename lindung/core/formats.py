"""Numbers in the reader's language: ``1.234.567`` and ``34,99 %`` in Indonesian, ``1,234,567`` and
``34.99 %`` in English. Pages, charts, reports and messages all write numbers through here (templates through
the ``angka`` and ``persen`` filters), so a figure reads the same everywhere. Money is ``core.money.rupiah``:
rupiah print the Indonesian way in every language, as budget documents do.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format

MISSING = "—"


def number(value: int | Decimal | str | None) -> str:
    """``1.819.430``; an em dash for a missing value, and text (a placeholder already written) as it is."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value
    return number_format(value, force_grouping=True, use_l10n=True)


def percent_text(value: Decimal | None, places: int | None = 2) -> str:
    """``31,63 %`` (``places`` decimals), or ``50 %`` with ``places=None`` (as many as the value has, for rule
    values such as rates and thresholds); an em dash when there is nothing to divide by."""
    if value is None:
        return MISSING
    if places is None:
        value = Decimal(value).normalize()
    return f"{number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)} %"
