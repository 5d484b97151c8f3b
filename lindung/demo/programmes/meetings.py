"""Two past monev meetings of Kabupaten Kapuas, through the real services: the one two months ago adopted
recommendations from its report (one is overdue and still open, one done), and last month's meeting followed
them up and adopted its own."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from lindung.core.months import month_add, month_of
from lindung.meetings.models import Meeting, Status
from lindung.meetings.services import (
    Attendee,
    RecommendationInput,
    meeting_record,
    recommendation_adopt,
    recommendation_update,
)
from lindung.monev.services import monev_refresh

KAPUAS = "62.03"
ATTENDANCE = [
    Attendee("dpmd", name="Kepala DPMD Kabupaten Kapuas"),
    Attendee("dinsos"),
    Attendee("disnakertrans"),
    Attendee("inspektorat"),
    Attendee("bpjs", name="Kepala Cabang Kuala Kapuas"),
    Attendee("camat", "62.03.17", "Camat Bataguh"),
    Attendee("kepala_desa", "62.03.17.2002", "Kepala Desa Pulau Mambulau"),
]


def _admin():
    return get_user_model().objects.filter(username="admin.kapuas").first()


def _proposal(meeting: Meeting, due: dt.date, *, village: bool) -> RecommendationInput | None:
    found = [p for p in meeting.figures.get("proposals", []) if bool(p["villages"]) == village]
    if not found:
        return None
    p = found[0]
    return RecommendationInput(
        title=p["title"],
        text=p["text"],
        rule=p["rule"],
        due_on=due,
        agency=p["agency"],
        villages=p["villages"],
        target_kind=p["target_kind"],
        target_percent=p["target_percent"],
        target_region=p["target_region"],
    )


def _meeting(admin, period: dt.date, held_on: dt.date, today: dt.date) -> Meeting:
    return meeting_record(
        actor=admin,
        region_code=KAPUAS,
        held_on=held_on,
        place="Aula DPMD Kabupaten Kapuas, Kuala Kapuas",
        period=period,
        attendance=ATTENDANCE,
        chair_name="Sekretaris Daerah Kabupaten Kapuas",
        chair_title="Pimpinan rapat",
        today=today,
    )


def _adopt_all(admin, meeting: Meeting, inputs: list[RecommendationInput | None]) -> list:
    return [recommendation_adopt(actor=admin, meeting=meeting, data=d) for d in inputs if d is not None]


def demo_meetings(today: dt.date) -> str:
    """Record the two meetings (once); their months' rollups are built first so the figures are frozen."""
    if Meeting.objects.filter(region_id=KAPUAS).exists():
        return ""
    admin = _admin()
    first_period, second_period = month_add(month_of(today), -2), month_add(month_of(today), -1)
    for period in (first_period, second_period):
        monev_refresh(period=period, today=today)
    first_day = min(first_period + dt.timedelta(days=24), today)
    first = _meeting(admin, first_period, first_day, today)
    recs = _adopt_all(
        admin,
        first,
        [
            _proposal(first, first_day + dt.timedelta(days=20), village=True),
            _proposal(first, first_day + dt.timedelta(days=30), village=False),
            RecommendationInput(
                title="Inspektorat memeriksa data ganda peserta sebelum penagihan berikutnya",
                agency="inspektorat",
                due_on=first_day + dt.timedelta(days=14),
            ),
        ],
    )
    # The village target is left open past its due date (overdue); the inspection was done.
    recommendation_update(
        actor=admin, recommendation=recs[-1], status=Status.DONE, reason="Tidak ada data ganda"
    )
    if len(recs) > 2:
        recommendation_update(actor=admin, recommendation=recs[1], status=Status.IN_PROGRESS)
    second_day = min(second_period + dt.timedelta(days=24), today)
    second = _meeting(admin, second_period, second_day, today)
    later = _adopt_all(
        admin,
        second,
        [
            _proposal(second, month_add(month_of(today), 2) - dt.timedelta(days=1), village=True),
            RecommendationInput(
                title="Camat Bataguh mendampingi operator desa mengusulkan pekerja rentan",
                kecamatan="62.03.17",
                due_on=month_add(month_of(today), 1) + dt.timedelta(days=14),
            ),
        ],
    )
    overdue = sum(r.overdue_on(today) for r in recs)
    return f" Rapat monev: 2 rapat Kapuas, {len(recs) + len(later)} rekomendasi ({overdue} lewat tenggat)."
