"""Reporting an accident, a disease or a death: the case is opened, its entitlement on the event date computed,
its checklist and deadlines set, and a death ends the person's open memberships from that day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.contributions.calculator import programme_income
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.enrolment.models import EndReason, Enrolment
from lindung.enrolment.services import enrolments_transition
from lindung.enrolment.transitions import OCCUPYING
from lindung.people.models import Worker
from lindung.regions.codes import is_village
from lindung.regions.models import Region

from ..entitlement import ended_for_another_reason, entitlement_on
from ..models import Benefit, Claim, ClaimDocument, ClaimKind, DocumentRequirement
from ..selectors import claim_rules
from .common import benefits_compute, history, refuse_if
from .reminders import reminders_open

NIK = re.compile(r"^[0-9]{16}$")


@dataclass
class ClaimReport:
    """The case a report opened (``created``) or joined, and what the reporter should be told."""

    claim: Claim
    created: bool
    messages: list[str] = field(default_factory=list)


def _validate(
    *, kind, event_date, place, account, worker, full_name, nik, village_code, today
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in ClaimKind.values:
        choices = ", ".join(f"{c} ({label})" for c, label in ClaimKind.choices)
        errors["kind"] = f'Jenis kejadian "{kind or ""}" tidak dikenal; pilih {choices}.'
    if event_date is None:
        errors["event_date"] = "Tanggal kejadian wajib diisi."
    elif event_date > today:
        errors["event_date"] = (
            f"Tanggal kejadian {event_date:%d-%m-%Y} belum terjadi (hari ini {today:%d-%m-%Y}); "
            "yang dilaporkan hanya kejadian yang sudah terjadi."
        )
    if not place.strip():
        errors["place"] = "Tempat kejadian wajib diisi."
    if not account.strip():
        errors["account"] = "Kronologi singkat wajib diisi."
    if worker is None:
        if not full_name.strip():
            errors["full_name"] = "Nama lengkap wajib diisi untuk orang yang tidak ada di daftar Lindung."
        if nik and not NIK.match(nik):
            errors["nik"] = f'NIK "{nik}" harus 16 digit angka.'
        if not is_village(village_code) or not Region.objects.filter(code=village_code).exists():
            errors["village"] = (
                f'Kode desa "{village_code}" tidak dikenal; isi kode desa 4 tingkat, mis. 62.03.17.2002.'
            )
    return errors


def claim_report(
    *,
    actor,
    kind: str,
    event_date: dt.date | None,
    place: str,
    account: str,
    nik: str = "",
    worker: Worker | None = None,
    full_name: str = "",
    village_code: str = "",
    work_related: bool = False,
    traffic: bool = False,
    total_disability: bool = False,
    today: dt.date | None = None,
) -> ClaimReport:
    """Record an accident, disease or death (steps below); a second report of the same death joins the first.

    1. The person: ``worker``, or the registry's person with ``nik``, or someone not in the registry
       (``full_name`` and ``village_code`` named by the reporter). ``claim.report`` over their village.
    2. Refused with a named message: an unknown kind, a future date, no place or account.
    3. Entitlement on the event date (``claims.entitlement``), benefits from the rule rows, the checklist of
       the claim type and its deadlines. A report before the membership began, or while it was non-active,
       is kept with that outcome (no entitlement).
    4. A death ends every open membership of the person from the event date, with reason death.
    """
    today = today or timezone.localdate()
    nik = re.sub(r"\D", "", nik or "")
    if worker is None and nik:
        worker = Worker.objects.filter(nik=nik).first()
    region = worker.village_id if worker else (village_code or "").strip()
    access_require(actor, "claim.report", region_code=region or None, object_type="claim", what="lapor klaim")
    refuse_if(
        _validate(
            kind=kind,
            event_date=event_date,
            place=place,
            account=account,
            worker=worker,
            full_name=full_name,
            nik=nik,
            village_code=region,
            today=today,
        )
    )
    assert event_date is not None
    nik = worker.nik if worker else nik
    if kind == ClaimKind.DEATH and nik:
        first = Claim.objects.filter(kind=ClaimKind.DEATH, nik=nik).first()
        if first is not None:
            return _join(actor, first, event_date)
    flags = {  # a work-related cause is a death's; a total permanent disability, an accident's or disease's
        "work_related": bool(work_related) and kind == ClaimKind.DEATH,
        "total_disability": bool(total_disability) and kind != ClaimKind.DEATH,
    }
    rules = claim_rules(event_date)
    entitlement = entitlement_on(actor=actor, worker=worker, day=event_date, kind=kind, rules=rules, **flags)
    claim = _new_claim(
        entitlement,
        kind=kind,
        traffic=traffic,
        **flags,
        event_date=event_date,
        place=place,
        account=account,
        worker=worker,
        nik=nik,
        full_name=full_name,
        region=region,
        actor=actor,
    )
    try:
        with transaction.atomic():
            return _open(actor, claim, rules, today)
    except IntegrityError:
        # The same death, reported at the same moment by someone else: join theirs.
        first = Claim.objects.filter(kind=ClaimKind.DEATH, nik=nik).first()
        if first is None:
            raise
        return _join(actor, first, event_date)


def _new_claim(
    entitlement,
    *,
    kind,
    work_related,
    traffic,
    total_disability,
    event_date,
    place,
    account,
    worker,
    nik,
    full_name,
    region,
    actor,
) -> Claim:
    enrolment = entitlement.enrolment
    return Claim(
        kind=kind,
        benefit=Benefit.JKM if kind == ClaimKind.DEATH and not work_related else Benefit.JKK,
        work_related=work_related,
        traffic=bool(traffic),
        total_disability=total_disability,
        event_date=event_date,
        place=place.strip()[:200],
        account=account.strip()[:2000],
        worker=worker,
        nik=nik,
        full_name=(worker.full_name if worker else full_name.strip())[:150],
        village_id=region,
        covered=entitlement.covered,
        enrolment=enrolment,
        programme=enrolment.programme if enrolment else None,
        entitlement=entitlement.to_list(),
        outcomes=list(entitlement.outcomes),
        declared_income=programme_income(enrolment.programme, worker) if enrolment else None,
        reported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _open(actor, claim: Claim, rules, today: dt.date) -> ClaimReport:
    benefits_compute(claim, rules)
    messages: list[str] = []
    if claim.kind == ClaimKind.DEATH:
        messages += _end_memberships(actor, claim, today)
    claim.save()
    ClaimDocument.objects.bulk_create(
        ClaimDocument(claim=claim, code=r.code, label=r.label, required=r.required, order=r.order)
        for r in requirements_for(claim)
    )
    if claim.covered:
        reminders_open(claim, rules, today=today)
    history(
        claim,
        actor,
        f"Dilaporkan: {claim.get_kind_display()} {claim.event_date:%d-%m-%Y}",
        to_status=claim.status,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CLAIM_REPORT,
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.village_id,
        summary=f"Laporan {claim.get_kind_display()} {claim.full_name} ({claim.event_date:%d-%m-%Y})",
        detail={"kind": claim.kind, "covered": claim.covered, "outcomes": claim.outcomes},
    )
    return ClaimReport(claim=claim, created=True, messages=[*claim.outcomes, *messages])


def _end_memberships(actor, claim: Claim, today: dt.date) -> list[str]:
    """End the person's open memberships from the death; note those already ended for another reason."""
    if claim.worker is None:
        return []
    notes = [
        f"Kepesertaan {e.programme.code} sudah berakhir {e.end_date:%d-%m-%Y} "
        f"({e.get_end_reason_display()}) sebelum laporan kematian ini; tidak diubah."
        for e in ended_for_another_reason(claim.worker)
        if e.end_date
    ]
    claim.outcomes = [*claim.outcomes, *notes]
    ids = list(
        Enrolment.objects.filter(worker=claim.worker, status__in=OCCUPYING)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not ids:
        return []
    report = enrolments_transition(
        actor=actor,
        ids=ids,
        to_status="ended",
        end_reason=EndReason.DEATH,
        end_date=claim.event_date,
        reason=f"Meninggal dunia {claim.event_date:%d-%m-%Y} (laporan klaim)",
        today=today,
    )
    messages = [
        f"{len(report.moved)} kepesertaan diakhiri sejak {claim.event_date:%d-%m-%Y}: meninggal dunia."
    ]
    messages += list(report.refused.values())
    return messages


def _join(actor, first: Claim, event_date: dt.date) -> ClaimReport:
    message = (
        f"Kematian {first.full_name} sudah dilaporkan sebagai klaim #{first.pk} "
        f"(tanggal {first.event_date:%d-%m-%Y}); laporan ini digabung ke kasus tersebut."
    )
    if event_date != first.event_date:
        message += f" Tanggal dalam laporan ini ({event_date:%d-%m-%Y}) berbeda; periksa."
    history(
        first,
        actor,
        f"Laporan kematian kedua digabung ke kasus ini (tanggal dilaporkan {event_date:%d-%m-%Y})",
    )
    audit_record(
        actor=actor,
        action=AuditAction.CLAIM_REPORT,
        object_type="claim",
        object_id=first.pk,
        region_code=first.village_id,
        summary=f"Laporan kematian kedua {first.full_name}: digabung ke klaim #{first.pk}",
        detail={"joined": True, "event_date": event_date.isoformat()},
    )
    return ClaimReport(claim=first, created=False, messages=[message])


def requirements_for(claim: Claim) -> list[DocumentRequirement]:
    """The checklist rows that apply to the claim: its benefit and kind, and traffic or work-related items."""
    wanted_when = (
        {""} | ({"traffic"} if claim.traffic else set()) | ({"work_related"} if claim.work_related else set())
    )
    return [
        r
        for r in DocumentRequirement.objects.order_by("order", "id")
        if r.benefit in ("", claim.benefit) and r.kind in ("", claim.kind) and r.only_when in wanted_when
    ]
