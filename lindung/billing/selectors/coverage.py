"""Coverage in time: was this person covered on day D, and by which programme.

The answer is the record as it was known on D: the enrolment's start and end, its status history up to D
(the last ``EnrolmentEvent`` whose effective day is on or before D) and the payments made by D
(``paid_on <= D``). A payment recorded later never turns a past lapse into coverage. Claims build on this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.contributions.selectors import RuleBook
from lindung.core.audit import AuditAction
from lindung.core.months import month_add, month_label, month_of
from lindung.core.services import audit_record
from lindung.enrolment.models import EndReason, Enrolment, EnrolmentEvent, Status
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.models import Worker
from lindung.people.selectors import workers_visible_to

from ..models import Payment
from .arrears import enrolment_arrears, first_owed_month, last_due_month


class CoverageNotFound(LookupError):
    """No person with that NIK or KPJ in the actor's region; ``str(exc)`` is the Indonesian message."""


@dataclass(frozen=True)
class CoverageAnswer:
    """One enrolment of the person, and whether it covered them on ``day`` and why."""

    enrolment_id: int
    programme_code: str
    programme_name: str
    day: dt.date
    covered: bool
    why: str
    legal_basis: str = ""

    def to_dict(self) -> dict:
        return asdict(self) | {"day": self.day.isoformat()}


def event_day(event: EnrolmentEvent) -> dt.date:
    """The day a status change took effect: ``detail["on"]`` when the mover said (the daily job, a run with
    ``--date``), the start or end date an activation or an end carries, otherwise the day the row was written."""
    detail = event.detail or {}
    on = detail.get("on") or detail.get("start_date") or detail.get("end_date")
    if on:
        return dt.date.fromisoformat(on)
    return timezone.localdate(event.at)


def last_event_on(enrolment: Enrolment, day: dt.date) -> EnrolmentEvent | None:
    """The status change in force at the end of ``day`` by the enrolment's history (None before any)."""
    last = None
    for event in sorted(enrolment.events.all(), key=lambda e: (event_day(e), e.at, e.pk)):
        if event_day(event) > day:
            break
        last = event
    return last


def _span(months: list[dt.date]) -> str:
    if len(months) == 1:
        return month_label(months[0])
    return f"{month_label(months[0])}–{month_label(months[-1])}"


def _paid_ahead(enrolment: Enrolment, paid_to: dt.date, day: dt.date) -> dt.date:
    """The last month of the unbroken run of payments from ``paid_to`` on, counting months paid in advance."""
    ahead = set(
        Payment.objects.filter(enrolment=enrolment, month__gt=paid_to, paid_on__lte=day).values_list(
            "month", flat=True
        )
    )
    while month_add(paid_to, 1) in ahead:
        paid_to = month_add(paid_to, 1)
    return paid_to


def _answer(enrolment: Enrolment, day: dt.date, rules: RuleBook) -> CoverageAnswer:
    programme = enrolment.programme

    def answer(covered: bool, why: str, basis: str = "") -> CoverageAnswer:
        return CoverageAnswer(enrolment.pk, programme.code, programme.name, day, covered, why, basis)

    start = enrolment.start_date
    if start is None or start > day:
        later = f" (mulai {start:%d-%m-%Y})" if start else ""
        return answer(False, f"belum aktif{later}")
    if enrolment.end_date and enrolment.end_date < day and enrolment.status == Status.ENDED:
        label = dict(EndReason.choices).get(enrolment.end_reason, enrolment.end_reason)
        return answer(False, f"berakhir {enrolment.end_date:%d-%m-%Y} ({label})")
    if month_of(day) > programme.end_month:
        return answer(False, f"masa program berakhir {month_label(programme.end_month)}")
    event = last_event_on(enrolment, day)
    if event is not None and event.to_status == Status.NON_ACTIVE:
        return answer(False, f"non-aktif sejak {event_day(event):%d-%m-%Y}: {event.reason}", event.reason)
    arrears = enrolment_arrears(enrolment, as_of=day, rules=rules)
    if arrears.lapses:
        months = arrears.unpaid[-arrears.streak :]
        return answer(
            False,
            f"menunggak {arrears.streak} bulan ({_span(months)}) per {day:%d-%m-%Y}: hak JKK/JKM gugur "
            f"({arrears.basis})",
            arrears.basis,
        )
    last = min(last_due_month(segment=programme.segment, as_of=day, rules=rules), programme.end_month)
    first = first_owed_month(programme, start)
    paid_to = month_add(arrears.unpaid[0], -1) if arrears.unpaid else last
    why = f"aktif sejak {start:%d-%m-%Y}"
    if arrears.unpaid:
        why += (
            f", menunggak {len(arrears.unpaid)} bulan ({_span(arrears.unpaid)}) per {day:%d-%m-%Y}, masih "
            f"dalam batas {arrears.lapse_after} bulan ({arrears.basis})"
        )
    elif paid_to >= first:
        why += f", iuran lunas sampai {month_label(_paid_ahead(enrolment, paid_to, day))}"
    return answer(True, why, arrears.basis)


def _worker_for(actor, *, nik: str | None, kpj: str | None, worker: Worker | None) -> Worker:
    visible = workers_visible_to(actor)
    if worker is not None:
        found = visible.filter(pk=worker.pk).first()
        what = f"pekerja #{worker.pk}"
    elif nik:
        found = visible.filter(nik=nik).first()
        what = "NIK tersebut"
    elif kpj:
        enrolment = enrolments_visible_to(actor).filter(kpj=kpj).first()
        found = visible.filter(pk=enrolment.worker_id).first() if enrolment else None
        what = f"KPJ {kpj}"
    else:
        raise CoverageNotFound("Isi NIK atau nomor KPJ peserta.")
    if found is None:
        raise CoverageNotFound(f"Peserta dengan {what} tidak ditemukan di wilayah Anda.")
    return found


def coverage_on(
    *, actor, day: dt.date, nik: str | None = None, kpj: str | None = None, worker: Worker | None = None
) -> list[CoverageAnswer]:
    """Was this person covered on ``day``: one answer per enrolment of theirs the actor may see.

    Covered iff the membership had started by ``day``, had not ended before it, the programme still ran,
    the history does not show it non-active on ``day``, and the unpaid streak as known on ``day`` (payments
    made by then) is within the payment rule row's limit. A personal-data read: audited (COVERAGE_CHECK).
    """
    access_require(actor, "worker.view", object_type="coverage", what="coverage")
    person = _worker_for(actor, nik=nik, kpj=kpj, worker=worker)
    rules = RuleBook.load()
    enrolments = (
        enrolments_visible_to(actor)
        .filter(worker=person)
        .select_related("programme")
        .prefetch_related("events")
        .order_by("programme__start_month", "id")
    )
    answers = [_answer(e, day, rules) for e in enrolments]
    audit_record(
        actor=actor,
        action=AuditAction.COVERAGE_CHECK,
        object_type="worker",
        object_id=person.pk,
        region_code=person.village_id,
        summary=f"Cek perlindungan {person.full_name} pada {day:%d-%m-%Y}",
        detail={"day": day.isoformat(), "enrolments": [a.enrolment_id for a in answers]},
    )
    return answers
