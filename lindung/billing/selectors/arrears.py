"""Due dates, arrears and lapse, read from the payment rule rows (``contributions.PaymentRule``)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import lokal
from django.db.models import Exists, OuterRef, Q

from lindung.contributions.selectors import RuleBook
from lindung.core.months import month_add, month_label, month_of, month_range
from lindung.enrolment.models import Enrolment, Status
from lindung.programmes.models import Programme

from ..models import Payment


def is_working_day(day: dt.date) -> bool:
    """lokal-id's national calendar (holidays and cuti bersama, as government offices keep them).

    For a year the calendar does not cover yet (before 2026, or a year whose SKB is not out) only weekends
    count as days off: a deadline then never moves past a holiday Lindung does not know about.
    """
    try:
        return lokal.is_working_day(day)
    except ValueError:
        return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after ``day`` (lokal-id's calendar; weekends only where it has no data)."""
    try:
        return lokal.add_working_days(day, 1)
    except ValueError:
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day


def due_date(*, segment: str, month: dt.date, rules: RuleBook | None = None) -> dt.date:
    """The last day to pay a contribution month without arrears.

    BPU: the 15th of the contribution month itself (PU: of the next month); a holiday or weekend moves it to
    the next working day (PP 44/2015 Art 24), on lokal-id's national holiday calendar.
    """
    rules = rules or RuleBook.load()
    month = month_of(month)
    rule = rules.payment_rule(segment, month)
    due_month = month_add(month, rule.due_month_offset)
    last_day = calendar.monthrange(due_month.year, due_month.month)[1]
    day = due_month.replace(day=min(rule.due_day, last_day))
    if rule.next_working_day and not is_working_day(day):
        day = next_working_day(day)
    return day


def last_due_month(*, segment: str, as_of: dt.date, rules: RuleBook | None = None) -> dt.date:
    """The latest contribution month whose deadline has passed on ``as_of`` (paying on the due date is on time)."""
    rules = rules or RuleBook.load()
    month = month_add(month_of(as_of), 1)
    while due_date(segment=segment, month=month, rules=rules) >= as_of:
        month = month_add(month, -1)
    return month


def first_owed_month(programme, start_date: dt.date | None) -> dt.date:
    """The first month an enrolment owes: the programme's first month, or the month membership began if later."""
    if start_date is None:
        return programme.start_month
    return max(programme.start_month, month_of(start_date))


@dataclass
class Arrears:
    """Unpaid due months of one enrolment, and whether they make it non-active."""

    as_of: dt.date
    lapse_after: int  # the payment rule row's limit: more than this many unpaid months in a row lapse
    basis: str
    unpaid: list[dt.date] = field(default_factory=list)
    streak: int = 0

    @property
    def lapses(self) -> bool:
        return self.streak > self.lapse_after

    @property
    def reason(self) -> str:
        months = ", ".join(month_label(m) for m in self.unpaid[-self.streak :]) if self.streak else "-"
        return f"Menunggak {self.streak} bulan berturut-turut ({months}) per {self.as_of:%d-%m-%Y}"


def enrolment_arrears(enrolment, *, as_of: dt.date, rules: RuleBook | None = None) -> Arrears:
    """Due, unpaid months within the enrolment's coverage, and the unpaid run ending at the last due month."""
    rules = rules or RuleBook.load()
    programme = enrolment.programme
    rule = rules.payment_rule(programme.segment, month_of(as_of))
    last = min(last_due_month(segment=programme.segment, as_of=as_of, rules=rules), programme.end_month)
    owed = month_range(first_owed_month(programme, enrolment.start_date), last)
    paid = set(Payment.objects.filter(enrolment=enrolment, month__in=owed).values_list("month", flat=True))
    unpaid = [m for m in owed if m not in paid]
    streak = 0
    for m in reversed(owed):
        if m in paid:
            break
        streak += 1
    return Arrears(
        as_of=as_of,
        unpaid=unpaid,
        streak=streak,
        lapse_after=rule.lapse_after_unpaid_months,
        basis=rule.legal_basis,
    )


def enrolments_due_to_lapse(*, as_of: dt.date, programme=None, rules: RuleBook | None = None) -> list[int]:
    """Ids of active enrolments with more than N consecutive unpaid due months (N from the payment rule)."""
    return [
        eid
        for _prog, ids in lapse_due_by_programme(as_of=as_of, programme=programme, rules=rules)
        for eid in ids
    ]


def lapse_due_by_programme(
    *, as_of: dt.date, programme=None, rules: RuleBook | None = None
) -> Iterator[tuple[Programme, list[int]]]:
    """Per programme, the ids of its active enrolments that the payment rule makes non-active on ``as_of``.

    One query per programme, not per person: the window is the last N+1 due months of the programme's
    coverage, and an enrolment lapses when it owed all of them and has no payment in any of them.
    """
    rules = rules or RuleBook.load()
    programmes = (
        [programme]
        if programme is not None
        else Programme.objects.filter(enrolments__status=Status.ACTIVE).distinct()
    )
    for prog in programmes:
        rule = rules.payment_rule(prog.segment, month_of(as_of))
        last = min(last_due_month(segment=prog.segment, as_of=as_of, rules=rules), prog.end_month)
        window_start = month_add(last, -rule.lapse_after_unpaid_months)
        if window_start < prog.start_month:
            continue
        paid_in_window = Payment.objects.filter(
            enrolment=OuterRef("pk"), month__gte=window_start, month__lte=last
        )
        ids = list(
            Enrolment.objects.filter(programme=prog, status=Status.ACTIVE)
            .filter(Q(start_date__isnull=True) | Q(start_date__lt=month_add(window_start, 1)))
            .exclude(Exists(paid_in_window))
            .order_by("id")
            .values_list("id", flat=True)
        )
        if ids:
            yield prog, ids


def payments_for(enrolment) -> list[Payment]:
    return list(Payment.objects.filter(enrolment=enrolment).order_by("month"))
