"""Hand-over: a programme's months are over (the province pays 6 months), its members pay on their own.

Active and non-active members end with ``programme_over``: a non-active member lapsed for arrears is just as
much left without a payer, and needs the notice as much. Members a later programme took over (renewal, or a
proposal there) are never ended: they are covered by the new payer.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.months import month_label
from lindung.core.services import audit_record, audit_record_many
from lindung.programmes.models import Programme

from ..models import EndReason, Enrolment, Status
from ..renewal_selectors import (
    HANDED_OVER,
    HandoverNotices,
    handover_members,
    handover_notices,
    programme_months_over,
    renewed_elsewhere,
)
from .lifecycle import enrolments_transition
from .renewal import CAPABILITY


class HandoverRefused(ValueError):
    """The hand-over cannot run yet; ``str(exc)`` is the Indonesian reason."""


def programme_last_day(programme: Programme) -> dt.date:
    """The last covered day: the end of the programme's last contribution month."""
    end = programme.end_month
    return end.replace(day=calendar.monthrange(end.year, end.month)[1])


def programme_over_reason(programme: Programme) -> str:
    """The history reason of an ending because the programme is over, citing its legal basis."""
    basis = programme.legal_basis or f"ketentuan program {programme.code}"
    return (
        f"Program {programme.code} berakhir {month_label(programme.end_month)} ({basis}); "
        "iuran selanjutnya dibayar mandiri"
    )[:255]


def programme_members_end(*, actor, programme: Programme, today: dt.date) -> list[tuple[int, str]]:
    """End every member a hand-over ends; (enrolment id, village) of those ended.

    No capability check: the hand-over checks its actor, and the daily close job is Lindung itself.
    """
    villages = dict(handover_members(programme).values_list("id", "village_id"))
    if not villages:
        return []
    report = enrolments_transition(
        actor=actor,
        ids=list(villages),
        to_status=Status.ENDED,
        reason=programme_over_reason(programme),
        today=today,
        end_reason=EndReason.PROGRAMME_OVER,
        end_date=min(programme_last_day(programme), today),
    )
    return [(eid, villages[eid]) for eid in report.moved]


def programme_renewed_end(*, actor, programme: Programme, today: dt.date) -> list[int]:
    """End the old membership of those a later programme took over, once this programme's months are over.

    They are not handed over (no notice: the new programme pays), but their row here must end, or a renewed
    member would hold two active memberships and be counted twice.
    """
    ids = list(
        Enrolment.objects.filter(programme=programme, status__in=HANDED_OVER)
        .annotate(renewed=renewed_elsewhere(programme))
        .filter(renewed=True)
        .values_list("id", flat=True)
    )
    if not ids:
        return []
    basis = programme.legal_basis or f"ketentuan program {programme.code}"
    report = enrolments_transition(
        actor=actor,
        ids=ids,
        to_status=Status.ENDED,
        reason=(
            f"Program {programme.code} berakhir {month_label(programme.end_month)} ({basis}); "
            "dilanjutkan di program tahun berikutnya"
        )[:255],
        today=today,
        end_reason=EndReason.PROGRAMME_OVER,
        end_date=min(programme_last_day(programme), today),
    )
    return report.moved


def _require(actor, programme: Programme, what: str) -> None:
    access_require(
        actor,
        CAPABILITY,
        region_code=programme.coverage_region_id,
        object_type="programme",
        object_id=programme.pk,
        what=f"{what} {programme.code}",
    )


def _check_over(programme: Programme, today: dt.date) -> None:
    if not programme_months_over(programme, today):
        raise HandoverRefused(
            f"Masa program {programme.code} belum berakhir: bulan terakhirnya "
            f"{month_label(programme.end_month)}. Serah terima dilakukan setelah bulan itu lewat."
        )


def handover_preview(*, actor, programme: Programme, today: dt.date | None = None) -> HandoverNotices:
    """The notice lists per village, before (or after) the hand-over."""
    _require(actor, programme, "Pratinjau serah terima")
    notices = handover_notices(programme, reader=actor)
    # UU PDP: a list of people read is on the record, naming whom it showed.
    audit_record(
        actor=actor,
        action=AuditAction.WORKER_VIEW,
        object_type="programme",
        object_id=programme.pk,
        region_code=programme.coverage_region_id,
        summary=f"Daftar serah terima program {programme.code} ({notices.count} orang)",
        detail={"enrolments": notices.enrolment_ids[:5000]},
    )
    return notices


@dataclass
class HandoverReport:
    notices: HandoverNotices
    ended: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.notices.to_dict() | {"ended": len(self.ended)}


def handover_confirm(*, actor, programme: Programme, today: dt.date | None = None) -> HandoverReport:
    """End the members with ``programme_over`` and audit HANDOVER_CONFIRM per member; a second run ends none."""
    _require(actor, programme, "Konfirmasi serah terima")
    today = today or timezone.localdate()
    _check_over(programme, today)
    with transaction.atomic():
        ended = programme_members_end(actor=actor, programme=programme, today=today)
        programme_renewed_end(actor=actor, programme=programme, today=today)
        if ended:
            audit_record_many(
                actor=actor,
                action=AuditAction.HANDOVER_CONFIRM,
                object_type="enrolment",
                rows=ended,
                summary=f"Serah terima program {programme.code}: {len(ended)} peserta membayar mandiri",
            )
    return HandoverReport(notices=handover_notices(programme, reader=actor), ended=[e for e, _ in ended])


__all__ = [
    "HandoverRefused",
    "HandoverReport",
    "handover_confirm",
    "handover_preview",
    "programme_last_day",
    "programme_members_end",
    "programme_over_reason",
    "programme_renewed_end",
]
