"""Reads of meetings, scoped by region: the meetings a user may open, the recommendations addressed to them,
and the follow-up of a meeting's previous recommendations (then, at this meeting, now).

Everyone with ``monev.view`` reads the meetings of regions in their scope (the auditor all of its region);
a kecamatan or village reads what was asked of it, whichever meeting above it asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from lindung.accounts.access import access_denied
from lindung.accounts.selectors import Scope, scope_of
from lindung.core.formats import number, percent_text
from lindung.core.money import rupiah
from lindung.regions import codes

from .models import CLOSED, Meeting, Recommendation, Status
from .progress import Progress, progress_of

HOME_LIMIT = 10


def meetings_visible_to(user) -> QuerySet[Meeting]:
    scope = scope_of(user)
    if not scope.can("monev.view"):
        return Meeting.objects.none()
    return Meeting.objects.filter(scope.q("region_id")).select_related("region")


def meeting_visible(user, meeting_id: int) -> Meeting:
    """The meeting when the user may read it; a 404 otherwise, and an attempt outside the scope is audited."""
    meeting = meetings_visible_to(user).filter(pk=meeting_id).first()
    if meeting is not None:
        return meeting
    region = Meeting.objects.filter(pk=meeting_id).values_list("region_id", flat=True).first()
    if region is not None:
        access_denied(
            user,
            object_type="meeting",
            object_id=meeting_id,
            region_code=region,
            summary="Akses ditolak ke rapat monev di luar wilayah",
        )
    raise Http404("Rapat tidak ditemukan")


def _addressed_q(scope: Scope) -> Q:
    """Recommendations of meetings in the scope, and those addressed to a village or kecamatan in it, or to
    the kecamatan a village lies in."""
    q = scope.q("meeting__region_id") | scope.q("villages__region_id") | scope.q("kecamatan_id")
    if codes.is_village(scope.region_code):
        q |= Q(kecamatan_id=codes.at_level(scope.region_code, 3))
    return q


def recommendations_visible_to(user, *, open_only: bool = False) -> QuerySet[Recommendation]:
    scope = scope_of(user)
    if not scope.can("monev.view"):
        return Recommendation.objects.none()
    ids = Recommendation.objects.filter(_addressed_q(scope)).values("pk")
    qs = Recommendation.objects.filter(pk__in=ids).select_related(
        "meeting__region", "kecamatan", "target_region"
    )
    if open_only:
        qs = qs.exclude(status__in=CLOSED)
    return qs.prefetch_related("villages__region").order_by("due_on", "id")


def recommendation_visible(user, recommendation_id: int) -> Recommendation:
    rec = recommendations_visible_to(user).filter(pk=recommendation_id).first()
    if rec is None:
        raise Http404("Rekomendasi tidak ditemukan")
    return rec


@dataclass(frozen=True)
class Followed:
    """A recommendation with its progress and whether it is overdue today."""

    recommendation: Recommendation
    progress: Progress
    overdue: bool


def with_progress(recommendations, *, today: dt.date | None = None) -> list[Followed]:
    recs = list(recommendations)
    if not recs:
        return []
    today = today or timezone.localdate()
    progress = progress_of(recs)
    return [Followed(r, progress[r.pk], r.overdue_on(today)) for r in recs]


def home_recommendations(user) -> list[Followed]:
    """The open recommendations addressed to the user's area, overdue and soonest due first."""
    recs = list(recommendations_visible_to(user, open_only=True)[:HOME_LIMIT])
    return with_progress(recs)


@dataclass(frozen=True)
class Outcome:
    """A previous meeting's recommendation seen at a later meeting: its status and figure then, and now."""

    recommendation: Recommendation
    status_then: str
    value_then: Decimal | None  # at the meeting that adopted it
    value_at_meeting: Decimal | None  # at the later meeting, frozen when it was recorded
    progress: Progress  # the figure now
    overdue_then: bool  # past due and not closed on the day of the later meeting
    overdue: bool  # the same, today

    @property
    def status_then_label(self) -> str:
        return str(dict(Status.choices).get(self.status_then, self.status_then))


def previous_outcomes(meeting: Meeting) -> list[Outcome]:
    """What happened to the previous meeting's recommendations: the opening of this meeting's report."""
    if meeting.previous_id is None:
        return []
    recs = list(
        Recommendation.objects.filter(meeting_id=meeting.previous_id)
        .select_related("kecamatan", "target_region")
        .prefetch_related("villages__region")
        .order_by("id")
    )
    frozen = {row["id"]: row for row in meeting.follow_up}
    progress = progress_of(recs)
    out = []
    for r in recs:
        row = frozen.get(r.pk, {})
        value = row.get("value")
        out.append(
            Outcome(
                recommendation=r,
                status_then=row.get("status", ""),
                value_then=r.baseline,
                value_at_meeting=Decimal(str(value)) if value is not None else None,
                progress=progress[r.pk],
                overdue_then=bool(row) and row["status"] not in CLOSED and r.due_on < meeting.held_on,
                overdue=r.overdue,
            )
        )
    return out


def meeting_recommendations(meeting: Meeting) -> list[Followed]:
    recs = meeting.recommendations.select_related("kecamatan", "target_region").prefetch_related(
        "villages__region"
    )
    return with_progress(recs.order_by("id"))


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def frozen_rows(meeting: Meeting) -> list[tuple[str, str]]:
    """The figures discussed, as they were at the meeting: (label, value) in the reader's language."""
    people = meeting.figures.get("people", {})
    ucj = meeting.figures.get("ucj", {})
    if not people:
        return []
    return [
        (gettext("Kuota"), number(people.get("quota", 0))),
        (gettext("Menempati kuota (diusulkan s.d. non-aktif)"), number(people.get("occupying", 0))),
        (gettext("Kuota terisi"), percent_text(_decimal(people.get("commitment_percent")))),
        (gettext("Peserta aktif"), number(people.get("active", 0))),
        (gettext("Peserta aktif ÷ kuota"), percent_text(_decimal(people.get("coverage_percent")))),
        (gettext("UCJ (aktif ÷ penduduk bekerja)"), percent_text(_decimal(ucj.get("percent")))),
        (gettext("Ditagih bulan itu"), rupiah(people.get("billed", 0))),
        (gettext("Dibayar bulan itu"), rupiah(people.get("paid", 0))),
        (gettext("Dibayar ÷ ditagih"), percent_text(_decimal(people.get("paid_percent_of_billed")))),
        (gettext("Desa di bawah ambang kuota"), number(people.get("villages_below_half", 0))),
        (gettext("Peserta menunggak 2 s.d. N bulan"), number(people.get("at_risk", 0))),
    ]
