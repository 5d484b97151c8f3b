"""Due dates, arrears and lapse, read from the payment rule rows (``contributions.PaymentRule``)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import lokal
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncMonth

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
    # What was known on ``as_of``: a payment recorded later, for an earlier month, does not rewrite the past.
    paid = set(
        Payment.objects.filter(enrolment=enrolment, month__in=owed, paid_on__lte=as_of).values_list(
            "month", flat=True
        )
    )
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
        for _prog, selected in lapse_due_groups(as_of=as_of, programme=programme, rules=rules)
        for eid in selected.order_by("id").values_list("id", flat=True)
    ]


def lapse_due_groups(
    *, as_of: dt.date, programme=None, rules: RuleBook | None = None
) -> Iterator[tuple[Programme, QuerySet[Enrolment]]]:
    """The active enrolments that the payment rule makes non-active on ``as_of``: one queryset per group of
    programmes (the daily job moves them in SQL: ``enrolment.services.enrolments_move_selected``), each with
    the group's first programme, whose rule row governs the whole group (same segment, same streak window).

    An active enrolment lapses when its unpaid streak (see ``streak_q``) is longer than the rule row's
    ``lapse_after_unpaid_months``. Programmes of one segment whose streak window is the same share one query
    (``programme IN (...)``): at national size each query reads the window's payments once, so ten programmes
    cost one read, not ten.
    """
    rules = rules or RuleBook.load()
    programmes = [programme] if programme is not None else _programmes_with(Status.ACTIVE)
    groups: dict[tuple, list[Programme]] = defaultdict(list)
    for prog in programmes:
        rule = rules.payment_rule(prog.segment, month_of(as_of))
        window = streak_window(prog, as_of=as_of, at_least=rule.lapse_after_unpaid_months + 1, rules=rules)
        if window is not None:
            groups[(prog.segment, window)].append(prog)
    for (_segment, (first, last)), progs in groups.items():
        yield progs[0], Enrolment.objects.filter(unpaid_q(progs, first, last, as_of), status=Status.ACTIVE)


def _programmes_with(status: str) -> QuerySet[Programme]:
    """Programmes with at least one enrolment in ``status``: one index probe each (programme, status), not a
    DISTINCT over every enrolment in the country."""
    return Programme.objects.filter(
        Exists(Enrolment.objects.filter(programme=OuterRef("pk"), status=status))
    ).order_by("pk")


def programme_last_due(prog: Programme, *, as_of: dt.date, rules: RuleBook) -> dt.date:
    """The programme's latest contribution month whose deadline has passed on ``as_of`` (within coverage)."""
    return min(last_due_month(segment=prog.segment, as_of=as_of, rules=rules), prog.end_month)


def streak_window(
    prog: Programme, *, as_of: dt.date, at_least: int, rules: RuleBook
) -> tuple[dt.date, dt.date] | None:
    """(first, last) contribution months of a streak of ``at_least`` months ending at the programme's last due
    month on ``as_of``; None when the programme is too young to have one that long."""
    if at_least < 1:
        raise ValueError("at_least must be 1 or more")
    last = programme_last_due(prog, as_of=as_of, rules=rules)
    first = month_add(last, -(at_least - 1))
    if first < prog.start_month or last < prog.start_month:
        return None
    return first, last


def unpaid_q(programmes: list[Programme], first: dt.date, last: dt.date, as_of: dt.date) -> Q:
    """Enrolments of ``programmes`` that owed every month from ``first`` to ``last`` and have no payment for
    any of them made by ``as_of``."""
    paid_in_window = Payment.objects.filter(
        enrolment=OuterRef("pk"), month__gte=first, month__lte=last, paid_on__lte=as_of
    )
    return (
        Q(programme__in=[p.pk for p in programmes])
        & (Q(start_date__isnull=True) | Q(start_date__lt=month_add(first, 1)))
        & ~Q(Exists(paid_in_window))
    )


def streak_q(prog: Programme, *, as_of: dt.date, at_least: int, rules: RuleBook) -> Q | None:
    """THE definition of "in arrears", as SQL: enrolments of ``prog`` whose unpaid streak on ``as_of`` is at
    least ``at_least`` months, or None when no enrolment of it can have one that long.

    The streak is the run of unpaid contribution months ending at the programme's last due month (the latest
    month whose deadline, ``due_date``, has passed on ``as_of``), counting only months the enrolment owed
    (from ``first_owed_month``) and only payments made by ``as_of`` (``paid_on <= as_of``): what was known on
    that day. So the streak is at least k when the enrolment owed all of the last k due months and has no
    payment, made by ``as_of``, for any of them (``streak_window``, ``unpaid_q``).
    """
    window = streak_window(prog, as_of=as_of, at_least=at_least, rules=rules)
    if window is None:
        return None
    first, last = window
    return unpaid_q([prog], first, last, as_of)


def enrolments_in_arrears(
    *,
    as_of: dt.date,
    at_least: int,
    enrolment_qs=None,
    rules: RuleBook | None = None,
    programmes: list[Programme] | None = None,
):
    """The enrolments of ``enrolment_qs`` (default: every active one) with an unpaid streak of at least
    ``at_least`` months on ``as_of`` (``streak_q``), as one queryset: count it, group it, list it.
    ``programmes``: those the enrolments belong to, when the caller has them already."""
    rules = rules or RuleBook.load()
    qs = enrolment_qs if enrolment_qs is not None else Enrolment.objects.filter(status=Status.ACTIVE)
    if programmes is None:
        programmes = _programmes_of(qs)
    combined = Q(pk__in=[])
    for prog in programmes:
        q = streak_q(prog, as_of=as_of, at_least=at_least, rules=rules)
        if q is not None:
            combined |= q
    return qs.filter(combined)


def _programmes_of(enrolment_qs) -> list[Programme]:
    return list(Programme.objects.filter(id__in=enrolment_qs.order_by().values("programme_id")))


def arrears_streaks(
    *,
    as_of: dt.date,
    enrolment_qs=None,
    rules: RuleBook | None = None,
    shortest: int = 1,
    longest: int | None = None,
) -> dict[int, int]:
    """How many enrolments (default: every active one) have an unpaid streak of exactly k months on
    ``as_of``, for k = ``shortest`` .. ``longest``; the entry for ``longest`` counts streaks that long or longer.

    ``longest`` defaults to the largest lapse limit in the rule rows plus one. The streak is ``streak_q``'s:
    the run of unpaid due months up to the last due month, payments counted only once made. The home-page
    warnings (2 and 3 months) and monev's at-risk count (active members with 2 up to N unpaid months, N the
    rule row's limit) read this one definition. One COUNT per length, plus one query for the programmes.
    """
    rules = rules or RuleBook.load()
    if longest is None:
        longest = max((r.lapse_after_unpaid_months for r in rules.payment_rules), default=3) + 1
    qs = enrolment_qs if enrolment_qs is not None else Enrolment.objects.filter(status=Status.ACTIVE)
    programmes = _programmes_of(qs)
    at_least = {
        k: enrolments_in_arrears(
            as_of=as_of, at_least=k, enrolment_qs=qs, rules=rules, programmes=programmes
        ).count()
        for k in range(shortest, longest + 1)
    }
    return {k: at_least[k] - at_least.get(k + 1, 0) if k < longest else at_least[k] for k in at_least}


def reactivation_due_by_programme(
    *, as_of: dt.date, programme=None, rules: RuleBook | None = None
) -> Iterator[tuple[Programme, QuerySet[Enrolment]]]:
    """Per programme, its non-active enrolments whose unpaid due months on ``as_of`` (payments made by then) are
    at most the rule row's ``reactivate_when_unpaid_at_most`` (0: every due month paid), as a queryset.

    The months an enrolment owes run from its first owed month (the programme's first month, or the month
    membership began) to the last due month, so their number is a CASE over the start date; it is reactivated
    when the months paid reach that number less the allowance. The months paid are counted per enrolment by
    a subquery on the (enrolment, month) index: a join and GROUP BY would read every payment in the country
    once per programme.
    """
    rules = rules or RuleBook.load()
    programmes = [programme] if programme is not None else _programmes_with(Status.NON_ACTIVE)
    for prog in programmes:
        rule = rules.payment_rule(prog.segment, month_of(as_of))
        last = programme_last_due(prog, as_of=as_of, rules=rules)
        first_owed = Greatest(
            Value(prog.start_month, output_field=DateField()),
            Coalesce(TruncMonth("start_date"), Value(prog.start_month, output_field=DateField())),
        )
        # One payment per (enrolment, month) (payment_unique_month): counting rows counts months.
        months_paid = (
            Payment.objects.filter(
                enrolment=OuterRef("pk"),
                month__gte=OuterRef("first_owed"),
                month__lte=last,
                paid_on__lte=as_of,
            )
            .order_by()
            .values("enrolment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        yield (
            prog,
            Enrolment.objects.filter(programme=prog, status=Status.NON_ACTIVE)
            .annotate(first_owed=first_owed, owed=_owed_months(prog, last))
            .annotate(paid=Coalesce(Subquery(months_paid, output_field=IntegerField()), Value(0)))
            .filter(paid__gte=F("owed") - rule.reactivate_when_unpaid_at_most),
        )


def _owed_months(prog: Programme, last: dt.date) -> Case:
    """How many due months an enrolment of ``prog`` owes up to ``last``, from its start date: one WHEN per
    possible first owed month (at most the programme's length)."""
    months = month_range(prog.start_month, last) if prog.start_month <= last else []
    whens = [When(start_date__isnull=True, then=Value(len(months)))]
    whens += [
        When(start_date__lt=month_add(month, 1), then=Value(len(months) - i))
        for i, month in enumerate(months)
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def payments_for(enrolment) -> list[Payment]:
    return list(Payment.objects.filter(enrolment=enrolment).order_by("month"))
