"""Renewal: a new budget year's programme takes over last year's active members in one step.

Renewed enrolments start as ``submitted`` with the member's KPJ copied, not as ``proposed`` or ``verified``:
the person is already a BPJS Ketenagakerjaan member, so there is nothing for a verifier to check against
documents again and nothing to register anew; the insurer only continues the membership under the new payer.
From ``submitted`` the usual path goes on unchanged: the first contribution paid under the target programme
activates the membership (``billing.services.enrolments_activate``, with the KPJ already on the row and the
payment date as start), and an insurer's refusal still rejects it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.months import month_label, month_of
from lindung.core.services import actor_label, audit_record_many
from lindung.programmes.models import Programme

from ..models import Enrolment, EnrolmentEvent, Status
from ..renewal_selectors import RenewalPreview, renewal_plan

CAPABILITY = "programme.renew"


class RenewalRefused(ValueError):
    """The renewal cannot run between these programmes; ``str(exc)`` is the Indonesian reason."""


def _basis(programme: Programme) -> str:
    return programme.legal_basis or f"ketentuan program {programme.code}"


def _require(actor, source: Programme, target: Programme, what: str) -> None:
    for programme in (source, target):
        access_require(
            actor,
            CAPABILITY,
            region_code=programme.coverage_region_id,
            object_type="programme",
            object_id=programme.pk,
            what=f"{what} {source.code} → {target.code}",
        )


def renewal_check(source: Programme, target: Programme, today: dt.date) -> None:
    """Refuse pairs a renewal cannot join: the same programme, a target not later, closed or over."""
    if source.pk == target.pk:
        raise RenewalRefused(f"Program asal dan program tujuan sama ({source.code}).")
    if target.start_month <= source.start_month:
        raise RenewalRefused(
            f"Program tujuan {target.code} mulai {month_label(target.start_month)}, tidak setelah program "
            f"asal {source.code} mulai ({month_label(source.start_month)})."
        )
    if not target.is_active:
        raise RenewalRefused(f"Program tujuan {target.code} tidak aktif.")
    if month_of(today) > target.end_month:
        raise RenewalRefused(
            f"Masa program tujuan {target.code} sudah berakhir ({month_label(target.end_month)})."
        )


def renewal_preview(
    *, actor, source: Programme, target: Programme, today: dt.date | None = None
) -> RenewalPreview:
    """Per village of the source: members carried over, members dropped with the reason, places left."""
    _require(actor, source, target, "Pratinjau pelanjutan")
    today = today or timezone.localdate()
    renewal_check(source, target, today)
    return renewal_plan(source, target, today=today)


@dataclass
class RenewalReport:
    """What ``renewal_confirm`` did: new enrolment ids by worker, and the preview it acted on."""

    preview: RenewalPreview
    created: dict[int, int] = field(default_factory=dict)

    @property
    def already(self) -> int:
        return self.preview.already_count

    @property
    def dropped(self) -> int:
        return self.preview.dropped_count

    def to_dict(self) -> dict[str, Any]:
        return self.preview.to_dict() | {"created": len(self.created)}


def renewal_confirm(
    *, actor, source: Programme, target: Programme, today: dt.date | None = None
) -> RenewalReport:
    """Take the carried-over members into the target at once; members already there are skipped.

    Steps: check the actor on both programmes, lock the target row (places are counted, then taken), plan
    afresh, bulk-insert the enrolments (``submitted``, KPJ copied), their history rows and one
    RENEWAL_CONFIRM audit event per member.
    """
    _require(actor, source, target, "Konfirmasi pelanjutan")
    today = today or timezone.localdate()
    renewal_check(source, target, today)
    with transaction.atomic():
        list(Programme.objects.select_for_update().filter(pk=target.pk).values_list("pk", flat=True))
        preview = renewal_plan(source, target, today=today)
        report = RenewalReport(preview=preview)
        if preview.carried_ids:
            report.created = _take_over(actor, preview)
    return report


def _take_over(actor, preview: RenewalPreview) -> dict[int, int]:
    source, target, carried = preview.source, preview.target, preview.carried_ids
    user = actor if getattr(actor, "is_authenticated", False) else None
    reason = f"Dilanjutkan dari program {source.code} ({_basis(target)})"[:255]
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                worker_id=wid,
                programme=target,
                village_id=preview.village_of[wid],
                status=Status.SUBMITTED,
                kpj=preview.source_enrolment[wid][1],
                reason=reason,
                proposed_by=user,
            )
            for wid in carried
        ],
        batch_size=2000,
    )
    ids = dict(
        Enrolment.objects.filter(programme=target, worker_id__in=carried).values_list("worker_id", "id")
    )
    label = actor_label(actor)
    EnrolmentEvent.objects.bulk_create(
        [
            EnrolmentEvent(
                enrolment_id=ids[wid],
                from_status="",
                to_status=Status.SUBMITTED,
                actor=user,
                actor_label=label,
                reason=reason,
                detail={
                    "renewal_from": source.code,
                    "source_enrolment": preview.source_enrolment[wid][0],
                    "kpj": preview.source_enrolment[wid][1],
                },
            )
            for wid in carried
        ],
        batch_size=2000,
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.RENEWAL_CONFIRM,
        object_type="enrolment",
        rows=[(ids[wid], preview.village_of[wid]) for wid in carried],
        summary=f"Dilanjutkan dari program {source.code} ke {target.code} ({len(carried)} orang)",
    )
    return ids


__all__ = ["RenewalRefused", "RenewalReport", "renewal_check", "renewal_confirm", "renewal_preview"]
