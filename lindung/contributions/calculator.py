"""The monthly contribution (iuran), itemised, and its aggregate forms for budgets and monitoring.

One rule for every amount: each component is computed from the rule row in force for the contribution month,
rounded to a whole rupiah half-up (``core.money.round_rupiah``) per component and per share, and a discount is
rounded per component too (Rp 6.800 × 50 % = Rp 3.400). Totals are sums of rounded lines, so the printed
lines always add up to the printed total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count

from lindung.core.formats import percent_text
from lindung.core.money import round_rupiah, rupiah
from lindung.core.months import month_label, month_of

from .models import Component, ContributionRate
from .selectors import RuleBook, RuleMissing

BPU = "BPU"
PU = "PU"


class ContributionError(ValueError):
    """The contribution cannot be computed (missing income, month outside the programme); Indonesian message."""


@dataclass(frozen=True)
class ContributionLine:
    component: str
    gross: int
    discount: int
    employer: int  # paid by the programme (BPU: all of it; PU: the employer's share), after discount
    worker: int  # deducted from the worker's pay (PU only)
    rate: str
    legal_basis: str
    rule_id: int

    @property
    def net(self) -> int:
        return self.gross - self.discount

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "gross": self.gross,
            "discount": self.discount,
            "net": self.net,
            "programme_share": self.employer,
            "worker_share": self.worker,
            "rate": self.rate,
            "legal_basis": self.legal_basis,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True)
class MonthlyContribution:
    """One person's contribution for one month, itemised, with the rule rows and legal basis used."""

    month: dt.date
    segment: str
    income: int
    funding_source: str
    category: str
    lines: tuple[ContributionLine, ...]
    discount_name: str = ""
    discount_percent: Decimal = Decimal(0)
    discount_basis: str = ""
    discount_rule_id: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def _component(self, name: str) -> int:
        return sum(line.gross for line in self.lines if line.component == name)

    @property
    def jkk(self) -> int:
        return self._component(Component.JKK)

    @property
    def jkm(self) -> int:
        return self._component(Component.JKM)

    @property
    def jht(self) -> int:
        return self._component(Component.JHT)

    @property
    def jp(self) -> int:
        return self._component(Component.JP)

    @property
    def gross(self) -> int:
        return sum(line.gross for line in self.lines)

    @property
    def discount(self) -> int:
        return sum(line.discount for line in self.lines)

    @property
    def total(self) -> int:
        """What reaches BPJS for this month: every component after the discount."""
        return self.gross - self.discount

    @property
    def programme_share(self) -> int:
        """What the funding programme pays (BPU: the whole total; PU: the employer's shares)."""
        return sum(line.employer for line in self.lines)

    @property
    def worker_share(self) -> int:
        return sum(line.worker for line in self.lines)

    @property
    def legal_basis(self) -> list[str]:
        bases = [line.legal_basis for line in self.lines]
        if self.discount_basis:
            bases.append(self.discount_basis)
        return list(dict.fromkeys(bases))

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "month_label": month_label(self.month),
            "segment": self.segment,
            "income": self.income,
            "funding_source": self.funding_source,
            "category": self.category,
            "jkk": self.jkk,
            "jkm": self.jkm,
            "jht": self.jht,
            "jp": self.jp,
            "gross": self.gross,
            "discount": self.discount,
            "total": self.total,
            "programme_share": self.programme_share,
            "worker_share": self.worker_share,
            "discount_rule": (
                {
                    "id": self.discount_rule_id,
                    "name": self.discount_name,
                    "percent": str(self.discount_percent),
                    "legal_basis": self.discount_basis,
                }
                if self.discount_rule_id
                else None
            ),
            "lines": [line.to_dict() for line in self.lines],
            "legal_basis": self.legal_basis,
            "notes": list(self.notes),
        }


def _line(
    row: ContributionRate,
    *,
    segment: str,
    income: int,
    month: dt.date,
    rules: RuleBook,
    discount_pct: Decimal,
) -> ContributionLine:
    if row.kind == ContributionRate.Kind.BRACKET:
        bracket = rules.bracket(income, month)
        gross, employer_gross, worker = bracket.jkk_amount, bracket.jkk_amount, 0
        rate = f"golongan {rupiah(bracket.income_from)}: {rupiah(bracket.jkk_amount)}"
        basis = bracket.legal_basis
    elif row.kind == ContributionRate.Kind.FLAT:
        gross, employer_gross, worker = row.amount or 0, row.amount or 0, 0
        rate = rupiah(gross)
        basis = row.legal_basis
    else:
        percent = row.percent or Decimal(0)
        rate = f"{percent_text(percent, places=None)} × {rupiah(income)}"
        basis = row.legal_basis
        if segment == PU and (row.employer_percent is not None or row.worker_percent is not None):
            # Employer and worker shares are computed (and rounded) separately, as on a payslip.
            employer_gross = round_rupiah(income * (row.employer_percent or Decimal(0)) / 100)
            worker = round_rupiah(income * (row.worker_percent or Decimal(0)) / 100)
            gross = employer_gross + worker
        else:
            gross = employer_gross = round_rupiah(income * percent / 100)
            worker = 0
    discount = round_rupiah(gross * discount_pct / 100) if discount_pct else 0
    return ContributionLine(
        component=row.component,
        gross=gross,
        discount=discount,
        employer=max(employer_gross - discount, 0),
        worker=worker,
        rate=rate,
        legal_basis=basis,
        rule_id=row.pk,
    )


def contribution_quote(
    *,
    segment: str,
    month: dt.date,
    income: int,
    funding_source: str,
    category: str = "",
    include_jht: bool = False,
    include_jp: bool = False,
    rules: RuleBook | None = None,
) -> MonthlyContribution:
    """The contribution for one person-month from plain parameters (the calculator; no worker needed).

    ``income`` is the declared income bracket for BPU and the fixed income (siltap) for PU. ``category`` only
    matters where a discount is limited to a sector (PP 50/2025: "transportasi").
    """
    rules = rules or RuleBook.load()
    month = month_of(month)
    if segment not in (BPU, PU):
        raise ContributionError(f"Segmen {segment} tidak dikenal; pilih BPU atau PU.")
    if not income or income <= 0:
        raise ContributionError(
            "Penghasilan wajib diisi (lebih dari Rp 0) untuk menghitung iuran "
            + ("(golongan penghasilan BPU)." if segment == BPU else "(penghasilan tetap/siltap PU).")
        )
    wanted = [Component.JKK, Component.JKM]
    if include_jht:
        wanted.append(Component.JHT)
    if include_jp:
        if segment != PU:
            raise ContributionError("JP (Jaminan Pensiun) hanya untuk peserta penerima upah (PU).")
        wanted.append(Component.JP)
    discount = rules.discount(segment=segment, month=month, funding_source=funding_source, category=category)
    lines = []
    for component in wanted:
        row = rules.rate(segment, component, month)
        if row is None:
            raise RuleMissing(
                f"Tarif {component} segmen {segment} untuk {month_label(month)} belum ada di tabel tarif iuran."
            )
        pct = discount.percent if discount and component in (discount.components or []) else Decimal(0)
        lines.append(_line(row, segment=segment, income=income, month=month, rules=rules, discount_pct=pct))
    return MonthlyContribution(
        month=month,
        segment=segment,
        income=income,
        funding_source=funding_source,
        category=category,
        lines=tuple(lines),
        discount_name=discount.name if discount else "",
        discount_percent=discount.percent if discount else Decimal(0),
        discount_basis=discount.legal_basis if discount else "",
        discount_rule_id=discount.pk if discount else None,
    )


def programme_income(programme, worker=None, *, fixed_income: int | None = None) -> int | None:
    """The income a programme's contribution is computed on: the declared bracket (BPU) or the siltap (PU)."""
    if programme.segment == BPU:
        return programme.declared_income
    if fixed_income is not None:
        return fixed_income
    return getattr(worker, "fixed_income", None)


def monthly_contribution(
    *, worker, programme, month: dt.date, rules: RuleBook | None = None
) -> MonthlyContribution:
    """THE monthly contribution of one worker in one programme, itemised (JKK, JKM, JHT, JP, discount, total).

    BPU: the programme's declared income bracket, whoever the worker is (only the sector can change the
    discount). PU: a percentage of the worker's fixed income. The funding source decides whether a discount
    applies (PP 50/2025 does not reach APBN/APBD money).
    """
    month = month_of(month)
    if not (programme.start_month <= month <= programme.end_month):
        raise ContributionError(
            f"{month_label(month)} di luar masa program {programme.code} "
            f"({month_label(programme.start_month)} – {month_label(programme.end_month)})."
        )
    income = programme_income(programme, worker)
    if not income:
        raise ContributionError(
            f"{worker.full_name}: penghasilan tetap (siltap) belum diisi; iuran PU dihitung dari siltap."
        )
    return contribution_quote(
        segment=programme.segment,
        month=month,
        income=income,
        funding_source=programme.funding_source,
        category=worker.category,
        include_jht=programme.include_jht,
        include_jp=programme.include_jp and programme.segment == PU,
        rules=rules,
    )


class QuoteCache:
    """Memoised ``contribution_quote`` for one programme: aggregate forms ask the same question many times."""

    def __init__(self, programme=None, *, rules: RuleBook | None = None, **params: Any):
        self.rules = rules or RuleBook.load()
        if programme is not None:
            params = {
                "segment": programme.segment,
                "funding_source": programme.funding_source,
                "include_jht": programme.include_jht,
                "include_jp": programme.include_jp and programme.segment == PU,
            } | params
        self.params = params
        self._cache: dict[tuple, MonthlyContribution] = {}

    def quote(self, month: dt.date, income: int, category: str = "") -> MonthlyContribution:
        key = (month, income, category)
        if key not in self._cache:
            self._cache[key] = contribution_quote(
                month=month, income=income, category=category, rules=self.rules, **self.params
            )
        return self._cache[key]


@dataclass(frozen=True)
class GroupCost:
    income: int
    category: str
    people: int
    per_person: int
    amount: int


@dataclass(frozen=True)
class MonthCost:
    """What a programme pays for one month over a set of enrolments, computed per (income, category) group."""

    month: dt.date
    people: int
    amount: int
    groups: tuple[GroupCost, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "people": self.people,
            "amount": self.amount,
            "groups": [g.__dict__ for g in self.groups],
        }


def enrolment_groups(programme, enrolments) -> list[tuple[int | None, str, int]]:
    """(income, category, head count) of a queryset of enrolments, with one GROUP BY.

    BPU amounts do not depend on the person except through the sector (category); PU amounts depend on the
    fixed income. Grouping by both turns thousands of people into a few dozen quotes.
    """
    keys = ["worker__category"] + (["worker__fixed_income"] if programme.segment == PU else [])
    rows = enrolments.values(*keys).annotate(n=Count("id")).order_by(*keys)
    return [
        (
            programme.declared_income if programme.segment == BPU else r["worker__fixed_income"],
            r["worker__category"],
            r["n"],
        )
        for r in rows
    ]


def programme_month_cost(
    programme,
    month: dt.date,
    *,
    enrolments=None,
    groups: Iterable[tuple[int | None, str, int]] | None = None,
    quotes: QuoteCache | None = None,
) -> MonthCost:
    """The programme's share of contributions for one month over ``enrolments`` (or their ``groups``).

    Set-based: one GROUP BY (or the ``groups`` given), then one quote per distinct (income, category).
    People without a fixed income in a PU programme are counted with Rp 0 and listed as a group with
    ``income=None`` so that the gap is visible instead of silently skipped.
    """
    month = month_of(month)
    quotes = quotes or QuoteCache(programme)
    if groups is None:
        # The rule book sits below enrolment: the caller says whose contributions these are.
        if enrolments is None:
            raise TypeError("programme_month_cost needs enrolments or groups")
        groups = enrolment_groups(programme, enrolments)
    costs = []
    for income, category, n in groups:
        per = quotes.quote(month, income, category).programme_share if income else 0
        costs.append(
            GroupCost(income=income or 0, category=category, people=n, per_person=per, amount=per * n)
        )
    return MonthCost(
        month=month,
        people=sum(c.people for c in costs),
        amount=sum(c.amount for c in costs),
        groups=tuple(costs),
    )


def programme_person_cost(
    programme, *, income: int | None, category: str = "", quotes: QuoteCache | None = None
) -> int:
    """What the programme pays for one person over all its covered months."""
    if not income:
        return 0
    quotes = quotes or QuoteCache(programme)
    return sum(quotes.quote(m, income, category).programme_share for m in programme.covered_months())
