"""Arrears by name: per village and programme, each member with unpaid due months, what they owe and when
they lapse. Set-based: a handful of queries for the whole list (members, payments, bill lines, lapse events),
never one per person. The streak and the limit are ``arrears``' definition (``streak_q``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.contributions.calculator import ContributionError, QuoteCache, programme_income
from lindung.contributions.selectors import RuleBook
from lindung.core.audit import AuditAction
from lindung.core.months import month_add, month_label, month_of, month_range
from lindung.enrolment.models import EnrolmentEvent, Status
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.selectors import nik_for_display
from lindung.people.services import workers_shown
from lindung.programmes.models import Programme

from ..models import BillLine, Payment
from .arrears import arrears_streaks, due_date, first_owed_month, programme_last_due


@dataclass
class ArrearsRow:
    """One member with unpaid due months, as known on ``as_of``."""

    enrolment_id: int
    worker_id: int
    full_name: str
    nik: str  # as the viewer may see it (masked unless the role sees the whole NIK)
    kpj: str
    village_code: str
    village_name: str
    programme_code: str
    programme_name: str
    status: str
    unpaid: list[dt.date]
    streak: int
    amount: int
    lapse_after: int
    lapses_on: dt.date | None = None
    non_active_since: dt.date | None = None

    @property
    def unpaid_labels(self) -> list[str]:
        return [month_label(m) for m in self.unpaid]

    @property
    def note(self) -> str:
        if self.status == Status.NON_ACTIVE:
            since = f" sejak {self.non_active_since:%d-%m-%Y}" if self.non_active_since else ""
            return f"non-aktif{since}"
        if self.lapses_on:
            return f"non-aktif bila belum dibayar sampai {self.lapses_on:%d-%m-%Y}"
        return "tidak akan non-aktif dalam masa program"

    def to_dict(self) -> dict:
        return {
            "enrolment_id": self.enrolment_id,
            "worker_id": self.worker_id,
            "full_name": self.full_name,
            "nik": self.nik,
            "kpj": self.kpj,
            "village_code": self.village_code,
            "village_name": self.village_name,
            "programme": self.programme_code,
            "status": self.status,
            "unpaid_months": [m.isoformat()[:7] for m in self.unpaid],
            "unpaid_labels": self.unpaid_labels,
            "streak": self.streak,
            "amount": self.amount,
            "lapses_on": self.lapses_on.isoformat() if self.lapses_on else None,
            "non_active_since": self.non_active_since.isoformat() if self.non_active_since else None,
            "note": self.note,
        }


@dataclass
class ArrearsList:
    as_of: dt.date
    rows: list[ArrearsRow] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(r.amount for r in self.rows)


FIELDS = (
    "id",
    "worker_id",
    "worker__full_name",
    "worker__nik",
    "worker__category",
    "worker__fixed_income",
    "kpj",
    "village_id",
    "village__name",
    "programme_id",
    "status",
    "start_date",
)


def arrears_members(*, actor, programme: str | Programme | None = None, village: str | None = None):
    """The active and non-active enrolments the actor may see, narrowed to a programme (code) and village."""
    qs = enrolments_visible_to(actor).filter(status__in=[Status.ACTIVE, Status.NON_ACTIVE])
    if isinstance(programme, Programme):
        qs = qs.filter(programme=programme)
    elif programme:
        qs = qs.filter(programme__code=programme)
    if village:
        qs = qs.filter(village_id=village)
    return qs


def _lapse_days(members) -> dict[int, dt.date]:
    """The day each non-active member was last made non-active (its event's effective day)."""
    days: dict[int, dt.date] = {}
    events = EnrolmentEvent.objects.filter(
        enrolment__in=members.filter(status=Status.NON_ACTIVE), to_status=Status.NON_ACTIVE
    ).order_by("at", "id")
    for eid, at, detail in events.values_list("enrolment_id", "at", "detail"):
        on = (detail or {}).get("on")
        days[eid] = dt.date.fromisoformat(on) if on else timezone.localdate(at)
    return days


def _row(
    r: dict, prog: Programme, *, as_of, rules, paid, billed, quotes, lapse_days, actor
) -> ArrearsRow | None:
    last = programme_last_due(prog, as_of=as_of, rules=rules)
    owed = month_range(first_owed_month(prog, r["start_date"]), last)
    unpaid = [m for m in owed if m not in paid]
    if not unpaid:
        return None
    streak = 0
    for m in reversed(owed):
        if m in paid:
            break
        streak += 1
    rule = rules.payment_rule(prog.segment, month_of(as_of))
    income = programme_income(prog, fixed_income=r["worker__fixed_income"])
    amount = 0
    for m in unpaid:
        if m in billed:
            amount += billed[m]
        elif income:
            # A month the rule rows cannot price (no rate row yet) counts as Rp 0 rather than hiding the row.
            with contextlib.suppress(ContributionError):
                amount += quotes.quote(m, income, r["worker__category"]).programme_share
    lapses_on = None
    if r["status"] == Status.ACTIVE:
        month = month_add(last, rule.lapse_after_unpaid_months - streak + 1)
        if month <= prog.end_month:
            lapses_on = due_date(segment=prog.segment, month=month, rules=rules)
    return ArrearsRow(
        enrolment_id=r["id"],
        worker_id=r["worker_id"],
        full_name=r["worker__full_name"],
        nik=nik_for_display(actor, r["worker__nik"]),
        kpj=r["kpj"],
        village_code=r["village_id"],
        village_name=r["village__name"],
        programme_code=prog.code,
        programme_name=prog.name,
        status=r["status"],
        unpaid=unpaid,
        streak=streak,
        amount=amount,
        lapse_after=rule.lapse_after_unpaid_months,
        lapses_on=lapses_on,
        non_active_since=lapse_days.get(r["id"]),
    )


def arrears_list(
    *,
    actor,
    as_of: dt.date,
    programme: str | Programme | None = None,
    village: str | None = None,
    channel: str = "",
    audit: bool = True,
) -> ArrearsList:
    """Members (active or non-active) with unpaid due months on ``as_of``, payments made by then counting.

    Each row: name, NIK as the viewer may see it, KPJ, village, programme, the unpaid months, the amount
    (the bill lines' net where the month was billed, otherwise the calculator's programme share), and when
    an active member lapses (the due date of the month whose non-payment makes the streak exceed the rule
    row's limit) or since when a non-active one is. Six queries whatever the size. Audited (ARREARS_VIEW, one
    event naming everyone listed) unless ``audit`` is False: a paged view audits the page it shows.
    """
    access_require(actor, "bill.view", object_type="arrears", what="arrears")
    rules = RuleBook.load()
    members = arrears_members(actor=actor, programme=programme, village=village)
    rows = list(members.order_by("village_id", "worker__full_name", "id").values(*FIELDS))
    programmes = {p.pk: p for p in Programme.objects.filter(id__in={r["programme_id"] for r in rows})}
    paid: dict[int, set[dt.date]] = defaultdict(set)
    for eid, month in Payment.objects.filter(enrolment__in=members, paid_on__lte=as_of).values_list(
        "enrolment_id", "month"
    ):
        paid[eid].add(month)
    billed: dict[int, dict[dt.date, int]] = defaultdict(dict)
    lines = (
        BillLine.objects.filter(enrolment__in=members)
        .values("enrolment_id", "month")
        .annotate(net=Sum("amount"))
        .order_by()
    )
    for line in lines:
        billed[line["enrolment_id"]][line["month"]] = line["net"]
    lapse_days = _lapse_days(members)
    quotes = {pk: QuoteCache(p, rules=rules) for pk, p in programmes.items()}
    result = ArrearsList(as_of=as_of)
    for r in rows:
        row = _row(
            r,
            programmes[r["programme_id"]],
            as_of=as_of,
            rules=rules,
            paid=paid[r["id"]],
            billed=billed[r["id"]],
            quotes=quotes[r["programme_id"]],
            lapse_days=lapse_days,
            actor=actor,
        )
        if row is not None:
            result.rows.append(row)
    if audit:
        workers_shown(
            actor=actor,
            worker_ids=[r.worker_id for r in result.rows],
            action=AuditAction.ARREARS_VIEW,
            channel=channel,
        )
    return result


def arrears_warnings(*, actor, as_of: dt.date, segment: str = "BPU") -> dict[int, int]:
    """For the home pages: of the active members the actor sees, how many have exactly N-1 and exactly N
    unpaid months in a row (N: the payment rule row's limit; 2 and 3 under PP 44/2015), and how many more
    than N (the daily job lapses those). The numbers are ``arrears_streaks``', as monev's. Counts only."""
    rules = RuleBook.load()
    limit = rules.payment_rule(segment, month_of(as_of)).lapse_after_unpaid_months
    return arrears_streaks(
        as_of=as_of,
        enrolment_qs=enrolments_visible_to(actor).filter(status=Status.ACTIVE),
        rules=rules,
        shortest=max(limit - 1, 1),
        longest=limit + 1,
    )
