"""Deciding a statement line that was not applied by itself.

- ``accept``: an underpaid line becomes a payment of what was paid (a note says why it is accepted); an
  overpaid one a payment of the due amount and a ``Credit`` of the excess to the next month; a line paid
  twice a ``Credit`` of the whole amount. PP 50/2025: "kelebihan bayar diperhitungkan ke bulan berikutnya".
  Accepting checks the month again: it may have been paid since the import.
- ``dismiss`` (a note is required): nothing is paid. Unknown people, people not covered and months paid by
  another programme can only be dismissed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

import polars as pl
from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.months import month_add, month_label
from lindung.core.services import audit_record_many

from ..models import Credit, Outcome, Payment, Resolution, StatementLine
from .bills import credits_post
from .payment_checks import payments_check

ACCEPT, DISMISS = "accept", "dismiss"
ACCEPTABLE = {Outcome.UNDERPAID, Outcome.OVERPAID, Outcome.PAID_TWICE}
CREDIT_BASIS = "PP 50/2025: kelebihan bayar diperhitungkan ke bulan berikutnya"


class ResolveRefused(ValueError):
    """The line cannot be resolved that way; Indonesian message naming the row."""


@dataclass
class ResolveReport:
    resolved: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    credits: int = 0
    payments: int = 0


def statement_line_resolve(
    *, actor, line_id: int, action: str, note: str = "", today: dt.date | None = None
) -> StatementLine:
    """Accept or dismiss one line; refuses (``ResolveRefused``) what ``statement_lines_resolve`` would."""
    line = (
        StatementLine.objects.select_related("statement__programme", "enrolment").filter(pk=line_id).first()
    )
    if line is None:
        raise ResolveRefused(f"Baris rincian #{line_id} tidak ditemukan.")
    access_require(
        actor,
        "payment.record",
        region_code=_region(line),
        object_type="statement_line",
        object_id=line.pk,
        what="menyelesaikan baris rincian pembayaran",
    )
    report = statement_lines_resolve(actor=actor, line_ids=[line_id], action=action, note=note, today=today)
    if report.refused:
        raise ResolveRefused(report.refused[0][1])
    line.refresh_from_db()
    return line


def _region(line: StatementLine) -> str:
    if line.enrolment is not None:
        return line.enrolment.village_id
    return line.statement.programme.owner_region_id


def statement_lines_resolve(
    *, actor, line_ids, action: str, note: str = "", today: dt.date | None = None
) -> ResolveReport:
    """Accept or dismiss a selection of lines at once; each refused line is reported with its reason."""
    access_require(actor, "payment.record", object_type="statement_line", what="menyelesaikan rincian")
    note = (note or "").strip()[:255]
    if action not in (ACCEPT, DISMISS):
        raise ResolveRefused(f'Tindakan "{action}" tidak dikenal; pilih accept atau dismiss.')
    scope = scope_for_actor(actor)
    with transaction.atomic():
        lines = list(
            StatementLine.objects.select_for_update(of=("self",))
            .select_related("statement__programme", "enrolment")
            .filter(pk__in=list(line_ids))
            .order_by("pk")
        )
        report = ResolveReport()
        known = {line.pk for line in lines}
        report.refused += [
            (pk, f"Baris rincian #{pk} tidak ditemukan.") for pk in line_ids if pk not in known
        ]
        candidates = []
        for line in lines:
            reason = _refusal(line, action, note) or (
                "" if scope.covers(_region(line)) else f"Baris {line.row_number}: di luar wilayah Anda."
            )
            if reason:
                report.refused.append((line.pk, reason))
            else:
                candidates.append(line)
        if action == ACCEPT:
            candidates = _recheck(candidates, report, today or timezone.localdate())
        _write(actor, candidates, action, note, report)
    return report


def _refusal(line: StatementLine, action: str, note: str) -> str:
    row = f"Baris {line.row_number}"
    if line.resolution != Resolution.PENDING:
        return f"{row} sudah diselesaikan ({line.get_resolution_display()})."
    if action == DISMISS and not note:
        return f"{row}: catatan wajib diisi untuk menolak baris."
    if action == ACCEPT and line.outcome not in ACCEPTABLE:
        return f"{row} ({line.get_outcome_display()}) hanya dapat ditolak."
    if action == ACCEPT and line.outcome == Outcome.UNDERPAID and not note:
        return f"{row}: catatan wajib diisi untuk menerima kurang bayar."
    return ""


def _recheck(lines: list[StatementLine], report: ResolveReport, today: dt.date) -> list[StatementLine]:
    """Lines that would become payments pass the payment check again, against the record as it is now."""
    paying = [line for line in lines if line.outcome in (Outcome.UNDERPAID, Outcome.OVERPAID)]
    if not paying:
        return lines
    frame = pl.DataFrame(
        [(line.pk, line.enrolment_id, line.month, _paid_amount(line), line.paid_on) for line in paying],
        schema={
            "_order": pl.Int64,
            "enrolment_id": pl.Int64,
            "month": pl.Date,
            "amount": pl.Int64,
            "paid_on": pl.Date,
        },
        orient="row",
    )
    programmes = {line.statement.programme_id: line.statement.programme for line in paying}
    checked = payments_check(frame, today=today, programmes=programmes)
    problems = {
        pk: msg for pk, problem, msg in checked.select("_order", "problem", "message").iter_rows() if problem
    }
    kept = []
    for line in lines:
        if line.pk in problems:
            report.refused.append((line.pk, f"Baris {line.row_number}: {problems[line.pk]}"))
        else:
            kept.append(line)
    return kept


def _paid_amount(line: StatementLine) -> int:
    return line.due if line.outcome == Outcome.OVERPAID and line.due is not None else int(line.amount or 0)


def _excess(line: StatementLine) -> int:
    if line.outcome == Outcome.PAID_TWICE:
        return int(line.amount or 0)
    if line.outcome == Outcome.OVERPAID:
        return int(line.amount or 0) - int(line.due or 0)
    return 0


def _write(actor, lines: list[StatementLine], action: str, note: str, report: ResolveReport) -> None:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    payments, credits, outcome_of = [], [], {}
    for line in lines:
        if action == DISMISS:
            outcome_of[line.pk] = Resolution.DISMISSED
            continue
        if line.outcome in (Outcome.UNDERPAID, Outcome.OVERPAID):
            payments.append((line.pk, _payment(line, user, now)))
        if _excess(line) > 0:
            credits.append(_credit(line, now))
        outcome_of[line.pk] = Resolution.CREDITED if _excess(line) > 0 else Resolution.ACCEPTED
    Payment.objects.bulk_create([p for _pk, p in payments], batch_size=2000)
    made = Credit.objects.bulk_create(credits, batch_size=2000)
    for resolution in {*outcome_of.values()}:
        StatementLine.objects.filter(pk__in=[pk for pk, r in outcome_of.items() if r == resolution]).update(
            resolution=resolution, resolution_note=note, resolved_at=now, resolved_by=user
        )
    if made:
        credits_post(credit_ids=[c.pk for c in made])
    region = {line.pk: _region(line) for line in lines}
    audit_record_many(
        actor=actor,
        action=AuditAction.STATEMENT_RESOLVE,
        object_type="statement_line",
        rows=[(pk, region[pk]) for pk in outcome_of],
        summary=f"Baris rincian {'diterima' if action == ACCEPT else 'ditolak'}: {note}"[:255],
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.PAYMENT_RECORD,
        object_type="enrolment",
        rows=[(p.enrolment_id, region[pk]) for pk, p in payments],
        summary="Pembayaran iuran dari rincian pembayaran",
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.CREDIT_RECORD,
        object_type="enrolment",
        rows=[(c.enrolment_id, region[cast(int, c.statement_line_id)]) for c in made],
        summary=f"Kelebihan bayar dikreditkan ke bulan berikutnya ({CREDIT_BASIS})",
    )
    report.resolved = list(outcome_of)
    report.payments, report.credits = len(payments), len(made)


def _payment(line: StatementLine, user, now) -> Payment:
    # Only lines matched to an enrolment, with a month and a date, are underpaid or overpaid.
    assert line.enrolment_id is not None and line.month is not None and line.paid_on is not None
    return Payment(
        enrolment_id=line.enrolment_id,
        month=line.month,
        amount=_paid_amount(line),
        paid_on=line.paid_on,
        reference=line.reference,
        source=Payment.Source.STATEMENT,
        recorded_at=now,
        recorded_by=user,
    )


def _credit(line: StatementLine, now) -> Credit:
    assert line.month is not None and line.enrolment_id is not None
    return Credit(
        enrolment_id=line.enrolment_id,
        month=month_add(line.month, 1),
        amount=_excess(line),
        reason=(
            f"Kelebihan bayar {month_label(line.month)} (rincian #{line.statement_id} baris {line.row_number}); "
            f"{CREDIT_BASIS}"
        )[:255],
        statement_line=line,
        created_at=now,
    )
