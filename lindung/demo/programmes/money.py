"""A demo programme's year of money: a bill for every covered month up to the demo month (``bill_issue``),
paid whole through ``bill_pay`` (a few months after the due date), or person by person (``payments_record``,
the regency's payment list) in the months when some members' contributions stop.

Who stops, and when, is worked out from the demo day so that the daily job (``billing_daily``) has work:
- laggards stop early enough to be non-active before the demo month (an earlier run of the job, on
  ``check_day``), or, in a programme too young for that, stop two months before (at risk);
- in the showcase programme two members stop exactly N+1 due months before the demo day (N: the payment
  rule's lapse limit), so the job run for the demo day lapses them in the demo month, and one member lapses
  earlier and pays the arrears through the insurer's statement, so that the same run reactivates them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from lindung.billing.models import Bill, BillLine
from lindung.billing.selectors import due_date, last_due_month
from lindung.billing.services import (
    PaymentRow,
    bill_issue,
    bill_outstanding,
    bill_pay,
    enrolments_activate,
    payments_record,
)
from lindung.contributions.selectors import RuleBook
from lindung.core.months import month_add, month_of, month_range
from lindung.enrolment.models import Status
from lindung.enrolment.services import enrolments_transition
from lindung.programmes.models import Programme, Segment

# Months (by position in the programme) whose bill is paid after its due date.
LATE_MONTHS = (1, 4)


def check_day(today: dt.date) -> dt.date:
    """The day of the daily job's earlier run: the last day before the demo month, or earlier when the last
    due month's deadline comes before it, so that a member N+1 months in arrears on the demo day had N then."""
    rules = RuleBook.load()
    day = month_of(today) - dt.timedelta(days=1)
    for segment in (Segment.BPU, Segment.PU):
        last = last_due_month(segment=segment, as_of=today, rules=rules)
        day = min(day, due_date(segment=segment, month=last, rules=rules))
    return day


@dataclass
class Showcase:
    """The members of the showcase programme the statement and the demo tests name."""

    programme: Programme
    lapsing: list[int] = field(default_factory=list)
    reactivated: int | None = None
    arrears_months: list[dt.date] = field(default_factory=list)
    laggards: list[int] = field(default_factory=list)
    payers: list[int] = field(default_factory=list)
    dead: int | None = None


@dataclass
class MoneyPlan:
    """One programme's members as the money sees them: when each stops paying, who ends when."""

    programme: Programme
    active: list[int]
    stops: dict[int, dt.date]  # enrolment -> last month paid
    ended: dict[int, tuple[dt.date, str]]  # enrolment -> (end date, end reason)
    kpj: dict[int, dict]
    ender: object = None


def last_paid_months(
    programme: Programme, today: dt.date, laggards: list[int], showcase: Showcase | None
) -> dict[int, dt.date]:
    """The last month each non-paying member pays (see the module's docstring)."""
    rules = RuleBook.load()
    last = min(last_due_month(segment=programme.segment, as_of=today, rules=rules), programme.end_month)
    limit = rules.payment_rule(programme.segment, month_of(today)).lapse_after_unpaid_months
    lapsed_early = month_add(last, -(limit + 2))
    early_enough = lapsed_early >= programme.start_month
    stops = {eid: lapsed_early if early_enough else month_add(last, -2) for eid in laggards}
    if showcase is not None and early_enough:
        for eid in showcase.lapsing:
            stops[eid] = month_add(last, -(limit + 1))
        if showcase.reactivated is not None:
            stops[showcase.reactivated] = lapsed_early
            showcase.arrears_months = month_range(month_add(lapsed_early, 1), last)
    return {eid: max(month, programme.start_month) for eid, month in stops.items()}


def _paid_on(rng: random.Random, bill: Bill, index: int, today: dt.date, before: dt.date) -> dt.date:
    """On time, a few days before the deadline; in the late months, days after it (well before ``before``)."""
    late = bill.due_date + dt.timedelta(days=rng.randint(3, 12))
    if index in LATE_MONTHS and late < before - dt.timedelta(days=20):
        return late
    return min(
        max(bill.month + dt.timedelta(days=1), bill.due_date - dt.timedelta(days=rng.randint(1, 10))), today
    )


def _end_due(plan: MoneyPlan, month: dt.date, today: dt.date) -> None:
    """End the members whose end date falls before ``month`` (before its bill, which then leaves them out)."""
    for eid, (end_date, reason) in list(plan.ended.items()):
        if end_date < month:
            enrolments_transition(
                actor=plan.ender,
                ids=[eid],
                to_status=Status.ENDED,
                end_reason=reason,
                end_date=end_date,
                reason="Dilaporkan operator desa",
                today=today,
            )
            del plan.ended[eid]


def _pay_month(rng, plan: MoneyPlan, bill: Bill, index: int, today: dt.date, before: dt.date) -> None:
    lines = dict(
        BillLine.objects.filter(bill=bill, kind=BillLine.Kind.CHARGE).values_list("enrolment_id", "amount")
    )
    paid_on = _paid_on(rng, bill, index, today, before)
    reference = f"SP2D/{plan.programme.code.upper()}/{bill.month:%Y%m}"
    stopped = {eid for eid, last in plan.stops.items() if bill.month > last}
    if not stopped & set(lines):
        bill_pay(
            actor=None,
            bill=bill,
            amount=bill_outstanding(bill),
            paid_on=paid_on,
            reference=reference,
            today=today,
        )
        return
    rows = [PaymentRow(eid, bill.month, paid_on, amount, reference) for eid, amount in lines.items()]
    payments_record(actor=None, rows=[r for r in rows if r.enrolment_id not in stopped], today=today)


def money_run(rng: random.Random, plan: MoneyPlan, today: dt.date, insurer) -> None:
    """Bills month by month up to the demo month; each paid once due; members activated after the first."""
    programme = plan.programme
    before = check_day(today)
    months = month_range(programme.start_month, min(month_of(today), programme.end_month))
    for index, month in enumerate(months):
        _end_due(plan, month, today)
        bill, _created = bill_issue(actor=None, programme=programme, month=month, today=today)
        if bill.due_date < today:
            _pay_month(rng, plan, bill, index, today, before)
        if index == 0:
            # The first contribution is paid: the insurer issues the KPJs (PP 44/2015 Art 11(4)).
            enrolments_activate(actor=insurer, ids=plan.active, per_id=plan.kpj, today=today)
    _end_due(plan, month_add(month_of(today), 1), today)
