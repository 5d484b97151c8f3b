"""The claim rule rows in force on a day, read once into plain values for ``claims.benefits``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


class ClaimRuleMissing(LookupError):
    """No rule row in force for a code on the day; ``str(exc)`` is the Indonesian message."""


@dataclass(frozen=True)
class Amount:
    code: str
    label: str
    amount: int | None
    income_multiple: Decimal | None
    basis: str


@dataclass(frozen=True)
class Scholarship:
    level: str
    label: str
    per_year: int
    max_years: int
    basis: str


@dataclass(frozen=True)
class Limit:
    code: str
    value: int
    basis: str


@dataclass(frozen=True)
class ClaimRules:
    """The rows in force on ``on``: benefit amounts, scholarship rates by school level, limits."""

    on: dt.date
    amounts: dict[str, Amount]
    scholarship: tuple[Scholarship, ...]
    limits: dict[str, Limit]

    def amount(self, code: str) -> Amount:
        try:
            return self.amounts[code]
        except KeyError:
            raise ClaimRuleMissing(f"Aturan santunan {code} tidak berlaku pada {self.on:%d-%m-%Y}.") from None

    def limit(self, code: str) -> Limit:
        try:
            return self.limits[code]
        except KeyError:
            raise ClaimRuleMissing(
                f"Batas aturan klaim {code} tidak berlaku pada {self.on:%d-%m-%Y}."
            ) from None
