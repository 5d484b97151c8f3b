"""The month's programmes as a build needs them: their contribution per person and their arrears window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from lindung.billing.models import Payment
from lindung.billing.selectors import last_due_month
from lindung.contributions.calculator import QuoteCache, programme_person_cost
from lindung.contributions.selectors import RuleBook
from lindung.enrolment.models import Enrolment
from lindung.enrolment.transitions import FUNDED
from lindung.people.models import Category
from lindung.programmes.models import Programme, Segment
from lindung.regions import codes

# Used when no payment rule covers the month: the limit of PP 44/2015 Art 39(2), 42(2), so that a missing
# row shows the usual arrears rather than none.
DEFAULT_LAPSE_AFTER = 3

Costs = dict[tuple[str, int], int]  # (category, monthly income) → Rp per person for the programme's months


@dataclass
class ProgrammeWindow:
    """A programme in the period, with what the build needs about it."""

    id: int
    segment: str
    funding_source: str
    coverage: str
    quota_default: int
    start_month: dt.date
    last_due: dt.date | None  # last due month whose deadline has passed (None: nothing due yet)
    risk_on: bool  # the programme's payments are recorded in Lindung, so unpaid months mean arrears
    lapse_after: int
    costs: Costs = field(default_factory=dict)


def programmes_in_period(period: dt.date) -> dict[int, Programme]:
    """The programmes a period reports on: the period is one of their covered months, or falls in their
    fiscal year (so proposals made before the first month already count against the quota)."""
    candidates = Programme.objects.filter(fiscal_year__in=[period.year - 1, period.year, period.year + 1])
    return {
        p.pk: p
        for p in candidates.order_by("id")
        if p.fiscal_year == period.year or p.start_month <= period <= p.end_month
    }


class _CostBook:
    """Contribution per person for each programme. Programmes with the same parameters cost the same per
    person, and a national run has hundreds of them, so a BPU programme's costs are worked out once per
    set of parameters."""

    def __init__(self, rules: RuleBook):
        self.rules = rules
        self._bpu: dict[tuple, Costs] = {}

    def costs(self, programme: Programme) -> Costs:
        quotes = QuoteCache(programme, rules=self.rules)
        try:
            if programme.segment == Segment.BPU:
                return self._bpu_costs(programme, quotes)
            # PU: the cost follows each person's fixed income (siltap), so only the incomes enrolled count.
            incomes = (
                Enrolment.objects.filter(programme=programme, status__in=FUNDED)
                .values_list("worker__category", "worker__fixed_income")
                .distinct()
            )
            return {
                (category, income or 0): programme_person_cost(
                    programme, income=income, category=category, quotes=quotes
                )
                for category, income in incomes
            }
        except (LookupError, ValueError):
            # A missing rule row (e.g. an income bracket not loaded yet) leaves the commitment at Rp 0
            # for this programme rather than failing the whole dashboard; the programme page shows why.
            return {}

    def _bpu_costs(self, p: Programme, quotes: QuoteCache) -> Costs:
        signature = (
            p.segment,
            p.funding_source,
            p.include_jht,
            p.include_jp,
            p.declared_income,
            p.start_month,
            p.months,
        )
        if signature not in self._bpu:
            self._bpu[signature] = {
                (category, 0): programme_person_cost(
                    p, income=p.declared_income, category=category, quotes=quotes
                )
                for category in Category.values
            }
        return self._bpu[signature]


class _DueMonths:
    """The last due month per segment on ``as_of`` (the same for every programme of a segment)."""

    def __init__(self, rules: RuleBook, as_of: dt.date):
        self.rules, self.as_of = rules, as_of
        self._by_segment: dict[str, dt.date | None] = {}

    def last_due(self, programme: Programme) -> dt.date | None:
        if programme.segment not in self._by_segment:
            try:
                found = last_due_month(segment=programme.segment, as_of=self.as_of, rules=self.rules)
            except LookupError:
                found = None
            self._by_segment[programme.segment] = found
        last_due = self._by_segment[programme.segment]
        return None if last_due is None else min(last_due, programme.end_month)


def _lapse_after(rules: RuleBook, segment: str, period: dt.date) -> int:
    try:
        return rules.payment_rule(segment, period).lapse_after_unpaid_months
    except LookupError:
        return DEFAULT_LAPSE_AFTER


def programme_windows(
    period: dt.date, *, as_of: dt.date, scope: Sequence[str] | None = None
) -> list[ProgrammeWindow]:
    """The period's programmes (``programmes_in_period``) with their contribution per person and arrears
    window."""
    rules = RuleBook.load()
    programmes = programmes_in_period(period)
    if scope:
        # A partial build only meets enrolments and villages inside its subtrees, so only the programmes
        # whose coverage area overlaps them matter (one or two for a village, instead of hundreds).
        programmes = {
            pid: p
            for pid, p in programmes.items()
            if any(codes.overlap(p.coverage_region_id, code) for code in scope)
        }
    # Whether each programme's payments are recorded here: one EXISTS per programme, stopping at the first.
    paid = {pid for pid in programmes if Payment.objects.filter(enrolment__programme_id=pid).exists()}
    cost_book, due = _CostBook(rules), _DueMonths(rules, as_of)
    return [
        ProgrammeWindow(
            id=p.pk,
            segment=p.segment,
            funding_source=p.funding_source,
            coverage=p.coverage_region_id,
            quota_default=p.quota_per_village or 0,
            start_month=p.start_month,
            last_due=due.last_due(p),
            risk_on=p.pk in paid,
            lapse_after=_lapse_after(rules, p.segment, period),
            costs=cost_book.costs(p),
        )
        for p in programmes.values()
    ]
