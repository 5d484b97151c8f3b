"""Rupiah amounts. Money is whole rupiah in integer columns; percentages are ``Decimal``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from lokal import format_rupiah, terbilang


def round_rupiah(amount: Decimal | int) -> int:
    """Round to a whole rupiah, halves away from zero (Rp 10.800,5 → Rp 10.801).

    Half-up is the rule of ordinary Indonesian bookkeeping and of the insurer's own calculators; banker's
    rounding would make a 50 % discount on an odd amount differ by one rupiah from what the branch bills.
    """
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rupiah(amount: int | Decimal) -> str:
    """``Rp 20.160.000``: with a space, as budget documents print it."""
    return format_rupiah(amount).replace("Rp", "Rp ", 1)


def rupiah_words(amount: int) -> str:
    """``dua puluh juta seratus enam puluh ribu rupiah``, for budget documents."""
    return terbilang(amount, currency=True)
