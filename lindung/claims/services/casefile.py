"""The case file, kept by the programme office (``claim.manage``): heirs, the document checklist, and the moves
reported → documents complete → submitted to the insurer."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import actor_label, audit_record

from ..models import (
    OPEN_STATUSES,
    Claim,
    ClaimDocument,
    ClaimKind,
    ClaimStatus,
    Heir,
    Relationship,
    SchoolLevel,
)
from ..selectors import claim_rules
from .common import ClaimRefused, benefits_compute, history, refuse_if
from .reminders import reminder_jkm_payment, reminders_close

NIK = re.compile(r"^[0-9]{16}$")
# The moves the office makes; the insurer's decision (paid, refused) is ``claim_decide``.
OFFICE_MOVES: dict[str, str] = {
    ClaimStatus.DOCUMENTS_COMPLETE: ClaimStatus.REPORTED,
    ClaimStatus.SUBMITTED: ClaimStatus.DOCUMENTS_COMPLETE,
}


def _require_manage(actor, claim: Claim, what: str) -> None:
    access_require(
        actor,
        "claim.manage",
        region_code=claim.village_id,
        object_type="claim",
        object_id=claim.pk,
        what=what,
    )


def _heir_errors(claim, *, full_name, relationship, nik, birth_date, school_level, today) -> dict[str, str]:
    who = f'Ahli waris "{full_name.strip() or "?"}"'
    errors: dict[str, str] = {}
    if claim.kind != ClaimKind.DEATH:
        errors["__all__"] = f"Klaim #{claim.pk} bukan klaim kematian; ahli waris hanya untuk klaim kematian."
    elif claim.status not in OPEN_STATUSES:
        errors["__all__"] = (
            f"Klaim #{claim.pk} sudah {claim.get_status_display()}; ahli waris tidak dapat ditambah."
        )
    if not full_name.strip():
        errors["full_name"] = "Nama ahli waris wajib diisi."
    if not relationship:
        choices = ", ".join(str(label) for _, label in Relationship.choices)
        errors["relationship"] = f"{who}: hubungan dengan almarhum wajib dipilih ({choices})."
    elif relationship not in Relationship.values:
        errors["relationship"] = f'{who}: hubungan "{relationship}" tidak dikenal.'
    if nik and not NIK.match(nik):
        errors["nik"] = f'{who}: NIK "{nik}" harus 16 digit angka.'
    if birth_date and birth_date > today:
        errors["birth_date"] = f"{who}: tanggal lahir {birth_date:%d-%m-%Y} belum terjadi."
    if school_level and school_level not in SchoolLevel.values:
        errors["school_level"] = f'{who}: jenjang sekolah "{school_level}" tidak dikenal.'
    elif school_level and relationship != Relationship.CHILD:
        errors["school_level"] = f"{who}: jenjang sekolah (beasiswa) hanya untuk anak."
    return errors


def claim_heir_add(
    *,
    actor,
    claim: Claim,
    full_name: str,
    relationship: str,
    nik: str = "",
    birth_date: dt.date | None = None,
    school_level: str = "",
    phone: str = "",
    today: dt.date | None = None,
) -> Heir:
    """Add an heir (the relationship is required); a child in school updates the expected scholarship."""
    _require_manage(actor, claim, "ahli waris")
    today = today or timezone.localdate()
    nik = re.sub(r"\D", "", nik or "")
    refuse_if(
        _heir_errors(
            claim,
            full_name=full_name,
            relationship=relationship,
            nik=nik,
            birth_date=birth_date,
            school_level=school_level,
            today=today,
        )
    )
    with transaction.atomic():
        heir = Heir.objects.create(
            claim=claim,
            full_name=full_name.strip()[:150],
            relationship=relationship,
            nik=nik,
            birth_date=birth_date,
            school_level=school_level,
            phone=(phone or "").strip()[:20],
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        benefits_compute(claim, claim_rules(claim.event_date))
        claim.save(update_fields=["benefits", "expected_amount", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CLAIM_HEIR,
            object_type="claim",
            object_id=claim.pk,
            region_code=claim.village_id,
            summary=f"Ahli waris {heir.full_name} ({heir.get_relationship_display()}) dicatat pada klaim #{claim.pk}",
        )
    return heir


def claim_document_tick(*, actor, claim: Claim, code: str, ticked: bool = True) -> ClaimDocument:
    """Tick (or untick) one checklist item, with who and when. Unticking stops once documents are complete."""
    _require_manage(actor, claim, "dokumen klaim")
    item = claim.documents.filter(code=code).first()
    if item is None:
        raise ClaimRefused({"code": f'Dokumen "{code}" tidak ada dalam daftar dokumen klaim #{claim.pk}.'})
    if claim.status != ClaimStatus.REPORTED and not ticked:
        raise ClaimRefused(
            {
                "code": f"{item.label}: tidak dapat dibatalkan, klaim #{claim.pk} sudah {claim.get_status_display()}."
            }
        )
    with transaction.atomic():
        if ticked:
            item.ticked_at = timezone.now()
            item.ticked_by = actor if getattr(actor, "is_authenticated", False) else None
            item.ticked_by_label = actor_label(actor)
        else:
            item.ticked_at, item.ticked_by, item.ticked_by_label = None, None, ""
        item.save(update_fields=["ticked_at", "ticked_by", "ticked_by_label"])
        audit_record(
            actor=actor,
            action=AuditAction.CLAIM_DOCUMENT,
            object_type="claim",
            object_id=claim.pk,
            region_code=claim.village_id,
            summary=f"{item.label} {'dicentang' if ticked else 'dibatalkan'} pada klaim #{claim.pk}",
            detail={"code": code, "ticked": ticked},
        )
    return item


def _move_errors(claim: Claim, to_status: str) -> str | None:
    source = OFFICE_MOVES.get(to_status)
    if source is None or claim.status != source:
        return (
            f"Klaim #{claim.pk} berstatus {claim.get_status_display()}; tidak dapat menjadi "
            f"{ClaimStatus(to_status).label if to_status in ClaimStatus.values else to_status}."
        )
    if to_status == ClaimStatus.DOCUMENTS_COMPLETE:
        missing = [d.label for d in claim.documents.filter(required=True, ticked_at__isnull=True)]
        if missing:
            return f"Klaim #{claim.pk}: dokumen wajib belum dicentang: {', '.join(missing)}."
        if claim.kind == ClaimKind.DEATH and not claim.heirs.exists():
            return f"Klaim #{claim.pk}: klaim kematian memerlukan paling sedikit satu ahli waris."
    return None


def claim_status_set(*, actor, claim: Claim, to_status: str, today: dt.date | None = None) -> Claim:
    """Move the case on: documents complete (every required item ticked) or submitted to the insurer."""
    _require_manage(actor, claim, "status klaim")
    today = today or timezone.localdate()
    problem = _move_errors(claim, to_status)
    if problem:
        raise ClaimRefused({"status": problem})
    with transaction.atomic():
        from_status = claim.status
        claim.status = to_status
        if to_status == ClaimStatus.DOCUMENTS_COMPLETE:
            claim.documents_complete_on = today
            reminder_jkm_payment(claim, claim_rules(claim.event_date), complete_on=today)
        else:
            claim.submitted_on = today
        claim.save(update_fields=["status", "documents_complete_on", "submitted_on", "updated_at"])
        reminders_close([claim.pk], to_status)
        label = claim.get_status_display()
        history(claim, actor, f"Status: {label}", from_status=from_status, to_status=to_status)
        audit_record(
            actor=actor,
            action=AuditAction.CLAIM_STATUS,
            object_type="claim",
            object_id=claim.pk,
            region_code=claim.village_id,
            summary=f"Klaim #{claim.pk}: {label}",
            detail={"from": from_status, "to": to_status},
        )
    return claim
