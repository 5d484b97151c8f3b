"""The meetings endpoints. They call the same services and selectors as the pages.

- ``GET /api/meetings``: meetings in the caller's region (``monev.view``); ``POST`` records one (``meeting.record``).
- ``GET /api/meetings/{id}``: the report: frozen figures, attendance, follow-up of the previous meeting's
  recommendations (then, at this meeting, now), recommendations with their computed progress, proposals.
- ``POST /api/meetings/{id}/recommendations``: adopt a proposal (``proposal``: its key, other fields override
  it) or a recommendation written by hand.
- ``GET /api/meetings/recommendations``: what is addressed to the caller's area (``status``: open, overdue, all);
  ``POST /api/meetings/recommendations/{id}/follow-up`` moves one.
- ``GET /api/meetings/{id}/minutes``: the minutes (notulen and berita acara) as PDF.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from lindung.accounts.access import AccessRefused
from lindung.meetings import minutes
from lindung.meetings.models import Meeting
from lindung.meetings.selectors import (
    Followed,
    meeting_recommendations,
    meeting_visible,
    meetings_visible_to,
    previous_outcomes,
    recommendation_visible,
    recommendations_visible_to,
    with_progress,
)
from lindung.meetings.services import (
    Attendee,
    MeetingRefused,
    RecommendationInput,
    meeting_record,
    recommendation_adopt,
    recommendation_update,
)

from ..permissions import require
from ..schemas import Code, MonthText, RecordId, RegionCode, Text, answers

router = Router(tags=["meetings"])

Name = Annotated[str, Field(max_length=150, pattern=r"^[^\x00]*$")]
Title = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
LIST_LIMIT = 200


class AttendeeIn(Schema):
    institution: Code = Field(
        description="dpmd, dinsos, disnakertrans, inspektorat, bpjs, bappeda, camat, kepala_desa, kabupaten, lainnya."
    )
    region: RegionCode = Field("", description="Kode kecamatan (camat) atau desa (kepala desa).")
    name: Name = ""


class MeetingIn(Schema):
    region: RegionCode = Field(description="Kode provinsi atau kabupaten/kota.")
    held_on: dt.date
    place: Title
    period: MonthText = Field(description="Bulan angka yang dibahas, TTTT-BB.")
    attendance: Annotated[list[AttendeeIn], Field(max_length=500)]
    chair_name: Name = ""
    chair_title: Name = ""
    notes: Text = ""


class RecommendationIn(Schema):
    proposal: Code = Field("", description="Kunci usulan laporan (p0, p1 …); isian lain menimpanya.")
    title: Title = ""
    text: Text = ""
    due_on: dt.date
    agency: Code = ""
    kecamatan: RegionCode = ""
    villages: Annotated[list[RegionCode], Field(max_length=500)] = []
    target_kind: Code = Field(
        "", description="commitment, coverage, paid, ucj; kosong: tanpa target terukur."
    )
    target_percent: Percent | None = None
    target_region: RegionCode = ""


class RecommendationStatusIn(Schema):
    status: Code = Field(description="open, in_progress, done, dropped.")
    reason: Text = ""


class MeetingOut(Schema):
    id: int
    level: str
    region: str
    region_name: str
    held_on: dt.date
    place: str
    period: str


class ProgressOut(Schema):
    target_kind: str
    target_region: str | None
    target_percent: str | None
    then: str | None = Field(description="Angka di wilayah target pada periode rapat yang menetapkannya.")
    now: str | None = Field(description="Angka kini (bulan rekap terakhir), dihitung dari angka monev.")
    now_period: str
    share_of_target: str | None
    met: bool


class MeetingRecommendationOut(Schema):
    id: int
    meeting: int
    rule: str
    title: str
    text: str
    agency: str
    kecamatan: str | None
    villages: list[str]
    due_on: dt.date
    status: str
    reason: str
    overdue: bool
    progress: ProgressOut


class OutcomeOut(Schema):
    recommendation: MeetingRecommendationOut
    status_then: str
    value_then: str | None
    value_at_meeting: str | None
    overdue_then: bool


class AttendanceOut(Schema):
    institution: str
    region: str | None
    name: str


class MeetingDetailOut(MeetingOut):
    chair_name: str
    chair_title: str
    notes: str
    attendance: list[AttendanceOut]
    figures: dict[str, Any] = Field(
        description="Angka monev saat rapat (bentuk /api/monev), beku, dengan usulannya."
    )
    previous: int | None
    previous_outcomes: list[OutcomeOut]
    recommendations: list[MeetingRecommendationOut]


def _dec(value) -> str | None:
    return None if value is None else str(value)


def _meeting(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "level": m.level,
        "region": m.region_id,
        "region_name": m.region.name,
        "held_on": m.held_on,
        "place": m.place,
        "period": f"{m.period:%Y-%m}",
    }


def _rec(f: Followed) -> dict:
    r, p = f.recommendation, f.progress
    return {
        "id": r.pk,
        "meeting": r.meeting_id,
        "rule": r.rule,
        "title": r.title,
        "text": r.text,
        "agency": r.agency,
        "kecamatan": r.kecamatan_id,
        "villages": [v.region_id for v in r.villages.all()],
        "due_on": r.due_on,
        "status": r.status,
        "reason": r.reason,
        "overdue": f.overdue,
        "progress": {
            "target_kind": r.target_kind,
            "target_region": r.target_region_id,
            "target_percent": _dec(r.target_percent),
            "then": _dec(p.then),
            "now": _dec(p.now),
            "now_period": f"{p.period:%Y-%m}",
            "share_of_target": _dec(p.share),
            "met": p.met,
        },
    }


def _access(exc: AccessRefused):
    raise HttpError(404 if exc.outside_scope else 403, exc.message) from exc


def _refused(exc: MeetingRefused):
    raise HttpError(400, str(exc)) from exc


def _visible(request, meeting_id: int) -> Meeting:
    try:
        return meeting_visible(request.user, meeting_id)
    except Http404:
        raise HttpError(404, f"Rapat #{meeting_id} tidak ditemukan di wilayah Anda.") from None


@router.get("", response=answers(list[MeetingOut], 403))
def list_meetings(request):
    """Meetings of regions in the caller's scope, newest first."""
    require(request, "monev.view")
    return [_meeting(m) for m in meetings_visible_to(request.user)[:LIST_LIMIT]]


@router.post("", response=answers(MeetingDetailOut, 400, 403, 404, ok_status=201))
def record_meeting(request, body: MeetingIn):
    """Record a meeting: the period's figures and the follow-up of the previous meeting are frozen with it."""
    require(request, "meeting.record")
    try:
        meeting = meeting_record(
            actor=request.user,
            region_code=body.region,
            held_on=body.held_on,
            place=body.place,
            period=dt.date.fromisoformat(body.period + "-01"),
            attendance=[Attendee(a.institution, a.region, a.name) for a in body.attendance],
            chair_name=body.chair_name,
            chair_title=body.chair_title,
            notes=body.notes,
        )
    except AccessRefused as exc:
        _access(exc)
    except MeetingRefused as exc:
        _refused(exc)
    return Status(201, _detail(meeting))


def _detail(m: Meeting) -> dict:
    outcomes = [
        {
            "recommendation": _rec(Followed(o.recommendation, o.progress, o.overdue)),
            "status_then": o.status_then,
            "value_then": _dec(o.value_then),
            "value_at_meeting": _dec(o.value_at_meeting),
            "overdue_then": o.overdue_then,
        }
        for o in previous_outcomes(m)
    ]
    return _meeting(m) | {
        "chair_name": m.chair_name,
        "chair_title": m.chair_title,
        "notes": m.notes,
        "attendance": [
            {"institution": a.institution, "region": a.region_id, "name": a.name} for a in m.attendance.all()
        ],
        "figures": m.figures,
        "previous": m.previous_id,
        "previous_outcomes": outcomes,
        "recommendations": [_rec(f) for f in meeting_recommendations(m)],
    }


@router.get("/recommendations", response=answers(list[MeetingRecommendationOut], 400, 403))
def list_recommendations(request, status: Code = "open"):
    """Recommendations addressed to the caller's area (``open``, ``overdue`` or ``all``), soonest due first."""
    require(request, "monev.view")
    if status not in ("open", "overdue", "all"):
        raise HttpError(400, "status: pilih open, overdue atau all.")
    qs = recommendations_visible_to(request.user, open_only=status != "all")
    followed = with_progress(qs[:LIST_LIMIT])
    return [_rec(f) for f in followed if status != "overdue" or f.overdue]


@router.post(
    "/recommendations/{int:recommendation_id}/follow-up",
    response=answers(MeetingRecommendationOut, 400, 403, 404),
)
def change_status(request, recommendation_id: RecordId, body: RecommendationStatusIn):
    """Move a recommendation to open, in_progress, done or dropped (dropped needs a reason)."""
    require(request, "meeting.record")
    try:
        rec = recommendation_visible(request.user, recommendation_id)
    except Http404:
        raise HttpError(404, f"Rekomendasi #{recommendation_id} tidak ditemukan di wilayah Anda.") from None
    try:
        recommendation_update(actor=request.user, recommendation=rec, status=body.status, reason=body.reason)
    except AccessRefused as exc:
        _access(exc)
    except MeetingRefused as exc:
        _refused(exc)
    return _rec(with_progress([rec])[0])


@router.get("/{int:meeting_id}", response=answers(MeetingDetailOut, 403, 404))
def meeting_detail(request, meeting_id: RecordId):
    """The meeting's report: follow-up of the previous meeting first, then its figures and recommendations."""
    require(request, "monev.view")
    return _detail(_visible(request, meeting_id))


def _input(meeting: Meeting, body: RecommendationIn) -> RecommendationInput:
    changes = body.dict(exclude_unset=True)
    key = changes.pop("proposal", "")
    proposal = next((p for p in meeting.figures.get("proposals", []) if p["key"] == key), None) if key else {}
    if proposal is None:
        raise HttpError(404, f"Usulan {key} tidak ada pada rapat #{meeting.pk}.")
    fields = {k: proposal[k] for k in RecommendationInput.__dataclass_fields__ if k in proposal}
    if any(k in changes for k in ("agency", "kecamatan", "villages")):
        # Another responsible party replaces the proposal's; a village target then follows the new party.
        moved = "villages" in changes or "kecamatan" in changes
        fields.update(
            agency="", villages=[], target_region="" if moved else proposal.get("target_region", "")
        )
    fields.update(changes)
    return RecommendationInput(**fields)


@router.post(
    "/{int:meeting_id}/recommendations",
    response=answers(MeetingRecommendationOut, 400, 403, 404, ok_status=201),
)
def adopt(request, meeting_id: RecordId, body: RecommendationIn):
    """Adopt a recommendation: a proposal of the meeting's report (by key) or one written by hand."""
    require(request, "meeting.record")
    meeting = _visible(request, meeting_id)
    try:
        rec = recommendation_adopt(actor=request.user, meeting=meeting, data=_input(meeting, body))
    except AccessRefused as exc:
        _access(exc)
    except MeetingRefused as exc:
        _refused(exc)
    return Status(201, _rec(with_progress([rec])[0]))


@router.get(
    "/{int:meeting_id}/minutes",
    response=answers(None, 403, 404),
    openapi_extra={
        "responses": {
            200: {
                "description": "Notulen dan berita acara rapat (PDF).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def meeting_minutes(request, meeting_id: RecordId):
    """The minutes (notulen and berita acara) as PDF; the download is audited."""
    require(request, "monev.view")
    meeting = _visible(request, meeting_id)
    response = HttpResponse(minutes.minutes_pdf(meeting, actor=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{minutes.minutes_filename(meeting)}"'
    return response
