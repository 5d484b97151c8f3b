"""Deadlines of a case: opened when it is reported or its documents are complete, closed as it moves on, and
marked overdue by the daily job (set-based UPDATEs, never a loop of saves)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..benefits import accident_report_due, jkk_lapse_date, jkm_pay_by
from ..models import Benefit, Claim, Reminder, ReminderKind
from ..rules import ClaimRules

# Which reminders a status ends: reaching it means that deadline was met (or no longer matters).
CLOSED_BY: dict[str, tuple[str, ...]] = {
    "documents_complete": (ReminderKind.DOCUMENTS,),
    "submitted": (ReminderKind.DOCUMENTS, ReminderKind.ACCIDENT_REPORT, ReminderKind.JKK_LAPSE),
    "paid": tuple(ReminderKind.values),
    "refused": tuple(ReminderKind.values),
}


def reminders_open(claim: Claim, rules: ClaimRules, *, today: dt.date) -> None:
    """The deadlines of a newly reported case: documents, and for JKK the accident report and the lapse."""
    follow_up = rules.limit("documents_follow_up_days")
    rows = [
        Reminder(
            claim=claim,
            kind=ReminderKind.DOCUMENTS,
            due_on=today + dt.timedelta(days=follow_up.value),
            basis=follow_up.basis,
        )
    ]
    if claim.benefit == Benefit.JKK:
        rows.append(
            Reminder(
                claim=claim,
                kind=ReminderKind.ACCIDENT_REPORT,
                due_on=accident_report_due(rules, claim.event_date),
                basis=rules.limit("accident_report_hours").basis,
            )
        )
        rows.append(
            Reminder(
                claim=claim,
                kind=ReminderKind.JKK_LAPSE,
                due_on=jkk_lapse_date(rules, claim.event_date),
                basis=rules.limit("jkk_lapse_years").basis,
            )
        )
    Reminder.objects.bulk_create(rows)


def reminder_jkm_payment(claim: Claim, rules: ClaimRules, *, complete_on: dt.date) -> None:
    """JKM is paid within N working days of complete documents: the office watches that date."""
    if claim.benefit != Benefit.JKM or not claim.covered:
        return
    Reminder.objects.update_or_create(
        claim=claim,
        kind=ReminderKind.JKM_PAYMENT,
        defaults={
            "due_on": jkm_pay_by(rules, complete_on),
            "basis": rules.limit("jkm_pay_working_days").basis,
            "done_at": None,
            "overdue_since": None,
        },
    )


def reminders_close(claim_ids: list[int], to_status: str) -> int:
    kinds = CLOSED_BY.get(to_status, ())
    if not kinds or not claim_ids:
        return 0
    return Reminder.objects.filter(claim_id__in=claim_ids, kind__in=kinds, done_at__isnull=True).update(
        done_at=timezone.now()
    )


def reminders_mark_overdue(*, today: dt.date | None = None) -> int:
    """Mark every open reminder whose date has passed (one UPDATE); the number newly marked."""
    today = today or timezone.localdate()
    return Reminder.objects.filter(done_at__isnull=True, overdue_since__isnull=True, due_on__lt=today).update(
        overdue_since=today
    )
