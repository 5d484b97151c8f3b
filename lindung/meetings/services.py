"""Every write of meetings: record a meeting, adopt a recommendation, change a recommendation's status.

Each service takes the ``actor``, checks ``meeting.record`` over the meeting's region with
``accounts.access.access_require`` (a refusal is on the audit trail), validates, writes and audits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.months import month_of
from lindung.core.services import audit_record
from lindung.monev.selectors import monev_figures
from lindung.regions import codes
from lindung.regions.models import Region

from .models import (
    CLOSED,
    REGION_INSTITUTIONS,
    Attendance,
    Institution,
    Level,
    Meeting,
    Recommendation,
    RecommendationVillage,
    Status,
    TargetKind,
)
from .progress import FigureReader, figure_value
from .proposals import proposals_from

LEVEL_OF_REGION = {1: Level.PROVINSI, 2: Level.KABUPATEN}


class MeetingRefused(Exception):
    """An input refused; ``errors`` maps a field (or ``__all__``) to its Indonesian message."""

    def __init__(self, errors: dict[str, str] | str):
        self.errors = errors if isinstance(errors, dict) else {"__all__": errors}
        super().__init__(" ".join(self.errors.values()))


def _refuse_if(errors: dict[str, str]) -> None:
    if errors:
        raise MeetingRefused(errors)


@dataclass(frozen=True)
class Attendee:
    institution: str
    region_code: str = ""
    name: str = ""


@dataclass
class RecommendationInput:
    """What a meeting agrees: the words, the responsible party (one kind), a target where one fits, a date."""

    title: str
    due_on: dt.date | None
    text: str = ""
    rule: str = ""
    agency: str = ""
    kecamatan: str = ""
    villages: list[str] = field(default_factory=list)
    target_kind: str = ""
    target_percent: Any = None
    target_region: str = ""


def _attendance_errors(meeting_region: str, attendance: list[Attendee]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not attendance:
        errors["attendance"] = "Kehadiran: isi sedikitnya satu instansi yang hadir."
    for i, a in enumerate(attendance, start=1):
        where = f"Kehadiran baris {i}"
        if a.institution not in Institution.values:
            errors[f"attendance.{i}"] = f"{where}, instansi: '{a.institution}' tidak dikenal."
            continue
        level = REGION_INSTITUTIONS.get(Institution(a.institution))
        if level is None:
            continue
        if codes.level(a.region_code) != level or not codes.within(a.region_code, meeting_region):
            kind = "kecamatan" if level == 3 else "desa"
            errors[f"attendance.{i}"] = (
                f"{where}, wilayah: pilih {kind} di wilayah rapat ({a.region_code or '-'})."
            )
        elif not Region.objects.filter(code=a.region_code).exists():
            errors[f"attendance.{i}"] = f"{where}, wilayah: kode {a.region_code} tidak ditemukan."
    return errors


def _meeting_errors(region_code: str, held_on, place: str, period, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if codes.level(region_code) not in LEVEL_OF_REGION:
        errors["region"] = "Wilayah: rapat monev dicatat untuk provinsi atau kabupaten/kota."
    elif not Region.objects.filter(code=region_code).exists():
        errors["region"] = f"Wilayah: kode {region_code} tidak ditemukan."
    if held_on is None:
        errors["held_on"] = "Tanggal rapat wajib diisi."
    elif held_on > today:
        errors["held_on"] = "Tanggal rapat: rapat dicatat setelah diadakan, tidak boleh setelah hari ini."
    if not place.strip():
        errors["place"] = "Tempat rapat wajib diisi."
    if period is None:
        errors["period"] = "Periode angka yang dibahas wajib diisi."
    elif held_on is not None and month_of(period) > month_of(held_on):
        errors["period"] = "Periode: angka yang dibahas tidak boleh dari bulan setelah rapat."
    return errors


def _follow_up(previous: Meeting | None, period: dt.date) -> list[dict[str, Any]]:
    """The previous meeting's recommendations as they stand now: status, reason, and the target's figure."""
    if previous is None:
        return []
    reader = FigureReader(period)
    values = {r.pk: reader.value(r.target_region_id, r.target_kind) for r in previous.recommendations.all()}
    return [
        {
            "id": r.pk,
            "status": r.status,
            "reason": r.reason,
            "value": None if values[r.pk] is None else str(values[r.pk]),
        }
        for r in previous.recommendations.all()
    ]


def meeting_record(
    *,
    actor,
    region_code: str,
    held_on: dt.date | None,
    place: str,
    period: dt.date | None,
    attendance: list[Attendee],
    chair_name: str = "",
    chair_title: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> Meeting:
    """Record a monev meeting with its attendance, freezing the period's figures and the follow-up.

    1. The region's figures for the period, with the report's proposals, are kept as they are now.
    2. The previous meeting of the region (held before this one) is linked; its recommendations' status
       and figures for this period are kept too, so this meeting's report shows then and now.
    """
    access_require(
        actor, "meeting.record", region_code=region_code, object_type="meeting", what="mencatat rapat monev"
    )
    today = today or timezone.localdate()
    errors = _meeting_errors(region_code, held_on, place, period, today)
    if "region" not in errors:
        errors |= _attendance_errors(region_code, attendance)
    _refuse_if(errors)
    assert held_on is not None and period is not None
    period = month_of(period)
    figures = monev_figures(region_code, period)
    frozen = figures.to_dict() | {"available": figures.available, "proposals": proposals_from(figures)}
    previous = (
        Meeting.objects.filter(region_id=region_code, held_on__lte=held_on)
        .order_by("-held_on", "-id")
        .first()
    )
    with transaction.atomic():
        meeting = Meeting.objects.create(
            level=LEVEL_OF_REGION[codes.level(region_code)],
            region_id=region_code,
            held_on=held_on,
            place=place.strip(),
            period=period,
            chair_name=chair_name.strip(),
            chair_title=chair_title.strip(),
            notes=notes.strip(),
            figures=frozen,
            follow_up=_follow_up(previous, period),
            previous=previous,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    meeting=meeting,
                    institution=a.institution,
                    region_id=a.region_code or None,
                    name=a.name.strip(),
                )
                for a in attendance
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.MEETING_RECORD,
            object_type="meeting",
            object_id=meeting.pk,
            region_code=region_code,
            summary=f"Rapat monev {figures.region_name} {held_on:%d-%m-%Y} dicatat ({len(attendance)} instansi hadir)",
            detail={"period": f"{period:%Y-%m}", "previous": previous.pk if previous else None},
        )
    return meeting


def _target_errors(meeting: Meeting, data: RecommendationInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.target_kind:
        return errors
    if data.target_kind not in TargetKind.values:
        return {"target_kind": f"Jenis target: '{data.target_kind}' tidak dikenal."}
    try:
        value = Decimal(str(data.target_percent).replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not 0 < value <= 100:
        errors["target_percent"] = "Target (%): isi angka lebih dari 0 sampai 100."
    if (
        not codes.within(data.target_region, meeting.region_id)
        or not Region.objects.filter(code=data.target_region).exists()
    ):
        errors["target_region"] = (
            f"Wilayah target: pilih wilayah di dalam wilayah rapat ({data.target_region or '-'})."
        )
    return errors


def _responsible_errors(meeting: Meeting, data: RecommendationInput) -> dict[str, str]:
    chosen = sum(bool(x) for x in (data.agency, data.kecamatan, data.villages))
    if chosen != 1:
        return {"responsible": "Penanggung jawab: pilih satu: instansi, kecamatan, atau daftar desa."}
    if data.agency and data.agency not in Institution.values:
        return {"agency": f"Instansi penanggung jawab: '{data.agency}' tidak dikenal."}
    wanted = [(data.kecamatan, 3)] if data.kecamatan else [(v, 4) for v in data.villages]
    if not data.agency:
        for code, level in wanted:
            if codes.level(code) != level or not codes.within(code, meeting.region_id):
                kind = "Kecamatan" if level == 3 else "Desa"
                return {"responsible": f"{kind} penanggung jawab {code}: tidak berada di wilayah rapat."}
        found = Region.objects.filter(code__in=[c for c, _ in wanted]).count()
        if found != len(set(c for c, _ in wanted)):
            return {"responsible": "Penanggung jawab: ada kode wilayah yang tidak ditemukan."}
    return {}


def recommendation_adopt(*, actor, meeting: Meeting, data: RecommendationInput) -> Recommendation:
    """Adopt one recommendation at a meeting, proposed by the report or written by hand.

    A measurable target also gets its figure in the meeting's period (``baseline``), read once now.
    """
    access_require(
        actor,
        "meeting.record",
        region_code=meeting.region_id,
        object_type="meeting",
        object_id=meeting.pk,
        what="menetapkan rekomendasi rapat",
    )
    data.title = data.title.strip()
    data.villages = list(dict.fromkeys(v.strip() for v in data.villages if v.strip()))
    if data.target_kind and not data.target_region:
        # The one village or kecamatan responsible, else the meeting's own region.
        data.target_region = (
            (data.villages[0] if len(data.villages) == 1 else "") or data.kecamatan or meeting.region_id
        )
    errors: dict[str, str] = {}
    if not data.title:
        errors["title"] = "Rekomendasi: judul wajib diisi."
    if data.due_on is None:
        errors["due_on"] = "Tenggat wajib diisi."
    elif data.due_on < meeting.held_on:
        errors["due_on"] = "Tenggat tidak boleh sebelum tanggal rapat."
    errors |= _responsible_errors(meeting, data) | _target_errors(meeting, data)
    _refuse_if(errors)
    assert data.due_on is not None
    target = None
    if data.target_kind:
        target = Decimal(str(data.target_percent).replace(",", ".")).quantize(Decimal("0.01"))
    baseline = None
    if data.target_kind:
        baseline = figure_value(monev_figures(data.target_region, meeting.period), data.target_kind)
    with transaction.atomic():
        rec = Recommendation.objects.create(
            meeting=meeting,
            rule=data.rule[:60],
            title=data.title[:300],
            text=data.text.strip(),
            agency=data.agency,
            kecamatan_id=data.kecamatan or None,
            target_kind=data.target_kind,
            target_region_id=data.target_region if data.target_kind else None,
            target_percent=target,
            baseline=baseline,
            due_on=data.due_on,
        )
        RecommendationVillage.objects.bulk_create(
            [RecommendationVillage(recommendation=rec, region_id=v) for v in data.villages]
        )
        audit_record(
            actor=actor,
            action=AuditAction.RECOMMENDATION_ADOPT,
            object_type="recommendation",
            object_id=rec.pk,
            region_code=meeting.region_id,
            summary=f"Rekomendasi rapat #{meeting.pk} ditetapkan: {rec.title}",
            detail={"meeting": meeting.pk, "rule": rec.rule, "villages": data.villages},
        )
    return rec


def recommendation_update(
    *, actor, recommendation: Recommendation, status: str, reason: str = ""
) -> Recommendation:
    """Move a recommendation to open, in progress, done or dropped; dropping needs a reason."""
    meeting = recommendation.meeting
    access_require(
        actor,
        "meeting.record",
        region_code=meeting.region_id,
        object_type="recommendation",
        object_id=recommendation.pk,
        what="mengubah status rekomendasi",
    )
    reason = reason.strip()
    if status not in Status.values:
        raise MeetingRefused({"status": f"Status: '{status}' tidak dikenal."})
    if status == Status.DROPPED and not reason:
        raise MeetingRefused({"reason": "Alasan wajib diisi bila rekomendasi dibatalkan."})
    before = recommendation.status
    with transaction.atomic():
        recommendation.status = status
        recommendation.reason = reason
        recommendation.save(update_fields=["status", "reason", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.RECOMMENDATION_UPDATE,
            object_type="recommendation",
            object_id=recommendation.pk,
            region_code=meeting.region_id,
            summary=f"Status rekomendasi #{recommendation.pk}: {before} → {status}",
            detail={"from": before, "to": status, "reason": reason, "closed": status in CLOSED},
        )
    return recommendation
