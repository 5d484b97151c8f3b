"""Which rule row is in force. Rule tables are tiny, so a ``RuleBook`` loads them once and answers in memory.

A row is in force for a contribution month when ``valid_from <= month <= valid_to`` (``valid_to`` empty =
still in force; both are first days of months). When several rows of the same kind are in force, the one
with the latest ``valid_from`` wins: a later regulation overrides an earlier one without editing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lindung.core.money import rupiah
from lindung.core.months import month_label, month_of

from .models import ContributionRate, Discount, IncomeBracket, PaymentRule


class RuleMissing(LookupError):
    """No rule row covers the case; the message says which table to complete."""


def _in_force(row, month: dt.date) -> bool:
    return row.valid_from <= month and (row.valid_to is None or month <= row.valid_to)


def _latest(rows):
    return max(rows, key=lambda r: (r.valid_from, r.pk)) if rows else None


@dataclass
class RuleBook:
    rates: list[ContributionRate]
    brackets: list[IncomeBracket]
    discounts: list[Discount]
    # Read on first use: quoting a contribution (the planner, the calculator) never needs the payment rules.
    _payment_rules: list[PaymentRule] | None = field(default=None, repr=False)

    @classmethod
    def load(cls) -> RuleBook:
        return cls(
            rates=list(ContributionRate.objects.all()),
            brackets=list(IncomeBracket.objects.all()),
            discounts=list(Discount.objects.all()),
        )

    @property
    def payment_rules(self) -> list[PaymentRule]:
        if self._payment_rules is None:
            self._payment_rules = list(PaymentRule.objects.all())
        return self._payment_rules

    def rate(self, segment: str, component: str, month: dt.date) -> ContributionRate | None:
        month = month_of(month)
        return _latest(
            [
                r
                for r in self.rates
                if r.segment == segment and r.component == component and _in_force(r, month)
            ]
        )

    def bracket(self, income: int, month: dt.date) -> IncomeBracket:
        month = month_of(month)
        rows = [
            b
            for b in self.brackets
            if _in_force(b, month) and b.income_from <= income <= (b.income_to or b.income_from)
        ]
        found = _latest(rows)
        if found is None:
            known = sorted({b.income_from for b in self.brackets if _in_force(b, month)})
            raise RuleMissing(
                f"Penghasilan {rupiah(income)} tidak ada dalam tabel golongan penghasilan BPU (PP 44/2015 "
                f"Lampiran II) untuk {month_label(month)}. Golongan yang sudah dimuat: "
                f"{', '.join(rupiah(k) for k in known) or 'belum ada'}. Muat golongan lain dengan "
                "`lindung rates load-brackets FILE.csv`."
            )
        return found

    def discount(
        self, *, segment: str, month: dt.date, funding_source: str, category: str
    ) -> Discount | None:
        """The discount that reaches this case, or None. Discounts do not stack: the largest applies."""
        month = month_of(month)
        rows = [d for d in self.discounts if d.segment == segment and _in_force(d, month)]
        rows = [d for d in rows if funding_source not in (d.excluded_funding_sources or [])]
        rows = [d for d in rows if discount_reaches_category(d, category)]
        return max(rows, key=lambda d: (d.percent, d.valid_from)) if rows else None

    def payment_rule(self, segment: str, month: dt.date) -> PaymentRule:
        month = month_of(month)
        found = _latest([p for p in self.payment_rules if p.segment == segment and _in_force(p, month)])
        if found is None:
            raise RuleMissing(
                f"Belum ada aturan pembayaran untuk segmen {segment} pada {month_label(month)}."
            )
        return found


def discount_reaches_category(discount: Discount, category: str) -> bool:
    """Whether the discount's sector covers a worker of this category (e.g. "transportasi")."""
    in_sector = category in (discount.sector_categories or [])
    if discount.sector == Discount.Sector.TRANSPORT:
        return in_sector
    if discount.sector == Discount.Sector.NON_TRANSPORT:
        return not in_sector
    return True


def rules_in_force(month: dt.date) -> dict[str, list]:
    """Every rule row in force in a month, by table (for the rates page and ``lindung rates list``)."""
    month = month_of(month)
    book = RuleBook.load()
    return {
        "rates": [r for r in book.rates if _in_force(r, month)],
        "brackets": [b for b in book.brackets if _in_force(b, month)],
        "discounts": [d for d in book.discounts if _in_force(d, month)],
        "payment_rules": [p for p in book.payment_rules if _in_force(p, month)],
    }
