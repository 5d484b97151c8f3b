"""The insurer's decision on a case: paid (amount and date) or refused (reason), recorded by its officer
(``claim.decide``). One case (``claim_decide``) or many at once, set-based (``claims_decide``), for the
insurer's decision file. A paid amount that differs from the computed entitlement is flagged and kept:
``expected_amount`` is never overwritten."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.core.services import actor_label, audit_record_many

from ..models import OPEN_STATUSES, Claim, ClaimEvent, ClaimStatus
from ..selectors import claims_visible_to
from .common import ClaimRefused
from .reminders import reminders_close

OUTCOMES = (ClaimStatus.PAID, ClaimStatus.REFUSED)
DECIDE_FIELDS = ["status", "paid_amount", "paid_on", "amount_differs", "refused_reason", "updated_at"]


@dataclass(frozen=True)
class Decision:
    claim_id: int
    outcome: str  # "paid" or "refused"
    amount: int | None = None
    paid_on: dt.date | None = None
    reason: str = ""


@dataclass
class DecideReport:
    """The cases decided, those refused with why, and those paid with an amount unlike the computed one."""

    decided: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    flagged: dict[int, str] = field(default_factory=dict)


def _problem(claim: Claim | None, d: Decision, today: dt.date) -> str | None:
    if claim is None:
        return f"Klaim #{d.claim_id} tidak ditemukan di wilayah Anda."
    if d.outcome not in OUTCOMES:
        return f'Klaim #{claim.pk}: keputusan "{d.outcome}" tidak dikenal; pilih paid (dibayar) atau refused (ditolak).'
    if claim.status not in OPEN_STATUSES:
        return f"Klaim #{claim.pk} sudah {claim.get_status_display()}; keputusan tidak diubah."
    if d.outcome == ClaimStatus.REFUSED:
        return None if d.reason.strip() else f"Klaim #{claim.pk}: alasan penolakan wajib diisi."
    if claim.status != ClaimStatus.SUBMITTED:
        return f"Klaim #{claim.pk} belum diajukan ke BPJS (status {claim.get_status_display()}); belum dapat dibayar."
    if not d.amount or d.amount <= 0:
        return f"Klaim #{claim.pk}: jumlah dibayar wajib diisi, lebih dari Rp 0."
    if d.paid_on is None:
        return f"Klaim #{claim.pk}: tanggal dibayar wajib diisi."
    if d.paid_on > today:
        return f"Klaim #{claim.pk}: tanggal dibayar {d.paid_on:%d-%m-%Y} belum terjadi."
    if d.paid_on < claim.event_date:
        return f"Klaim #{claim.pk}: tanggal dibayar {d.paid_on:%d-%m-%Y} sebelum tanggal kejadian {claim.event_date:%d-%m-%Y}."
    return None


def _apply(claim: Claim, d: Decision, report: DecideReport) -> str:
    """Set the decision on the (unsaved) claim; the history message."""
    claim.status = d.outcome
    if d.outcome == ClaimStatus.REFUSED:
        claim.refused_reason = d.reason.strip()[:255]
        return f"Ditolak BPJS: {claim.refused_reason}"
    claim.paid_amount, claim.paid_on = d.amount, d.paid_on
    claim.amount_differs = claim.expected_amount is not None and d.amount != claim.expected_amount
    message = f"Dibayar BPJS {rupiah(d.amount or 0)} pada {d.paid_on:%d-%m-%Y}"
    if claim.amount_differs:
        flag = (
            f"Klaim #{claim.pk}: dibayar {rupiah(d.amount or 0)}, berbeda dari perhitungan "
            f"{rupiah(claim.expected_amount or 0)}; keduanya disimpan, periksa."
        )
        report.flagged[claim.pk] = flag
        message += f" (berbeda dari perhitungan {rupiah(claim.expected_amount or 0)})"
    return message


def _decide(actor, claims: dict[int, Claim], decisions: list[Decision], today: dt.date) -> DecideReport:
    report = DecideReport()
    changed: list[Claim] = []
    events: list[ClaimEvent] = []
    user = actor if getattr(actor, "is_authenticated", False) else None
    seen: set[int] = set()
    for d in decisions:
        claim = claims.get(d.claim_id)
        problem = (
            f"Klaim #{d.claim_id} muncul lebih dari sekali; hanya yang pertama dipakai."
            if d.claim_id in seen
            else None
        )
        problem = problem or _problem(claim, d, today)
        seen.add(d.claim_id)
        if problem or claim is None:
            report.refused[d.claim_id] = problem or ""
            continue
        from_status = claim.status
        message = _apply(claim, d, report)
        claim.updated_at = timezone.now()
        changed.append(claim)
        events.append(
            ClaimEvent(
                claim=claim,
                actor=user,
                actor_label=actor_label(actor),
                from_status=from_status,
                to_status=claim.status,
                message=message[:500],
            )
        )
        report.decided.append(claim.pk)
    with transaction.atomic():
        Claim.objects.bulk_update(changed, DECIDE_FIELDS, batch_size=1000)
        ClaimEvent.objects.bulk_create(events, batch_size=2000)
        for outcome in OUTCOMES:
            ids = [c.pk for c in changed if c.status == outcome]
            reminders_close(ids, outcome)
            if ids:
                audit_record_many(
                    actor=actor,
                    action=AuditAction.CLAIM_STATUS,
                    object_type="claim",
                    rows=[(c.pk, c.village_id) for c in changed if c.status == outcome],
                    summary=f"Keputusan BPJS: {ClaimStatus(outcome).label} ({len(ids)} klaim)",
                )
    return report


def claims_decide(*, actor, decisions: list[Decision], today: dt.date | None = None) -> DecideReport:
    """Record many of the insurer's decisions at once: one SELECT, one bulk UPDATE, bulk history and audit.
    A decision on a case that is missing, outside the actor's region, closed or incomplete is reported."""
    access_require(actor, "claim.decide", object_type="claim", what="keputusan klaim")
    today = today or timezone.localdate()
    ids = list({d.claim_id for d in decisions})
    claims = {c.pk: c for c in claims_visible_to(actor).select_for_update().filter(pk__in=ids)} if ids else {}
    return _decide(actor, claims, decisions, today)


def claim_decide(
    *,
    actor,
    claim: Claim,
    outcome: str,
    amount: int | None = None,
    paid_on: dt.date | None = None,
    reason: str = "",
    today: dt.date | None = None,
) -> tuple[Claim, str]:
    """Record the insurer's decision on one case; the case and a note (the flag when the amount differs)."""
    access_require(
        actor,
        "claim.decide",
        region_code=claim.village_id,
        object_type="claim",
        object_id=claim.pk,
        what="keputusan klaim",
    )
    today = today or timezone.localdate()
    decision = Decision(claim.pk, outcome, amount, paid_on, reason or "")
    report = _decide(actor, {claim.pk: claim}, [decision], today)
    if report.refused:
        raise ClaimRefused({"status": report.refused[claim.pk]})
    return claim, report.flagged.get(claim.pk, "")
