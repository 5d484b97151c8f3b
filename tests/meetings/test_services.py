from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.meetings.models import Status
from lindung.meetings.services import MeetingRefused, recommendation_update
from tests.accounts.builders import make_user

from .builders import APRIL, KAPUAS, MARCH, NEIGHBOUR, adopt, build, fill_neighbour, march_world, record

pytestmark = pytest.mark.django_db


def test_recording_freezes_the_periods_figures_and_proposals():
    march_world()
    meeting = record()
    assert meeting.level == "kabupaten"
    assert meeting.figures["people"]["occupying"] == 9
    proposals = meeting.figures["proposals"]
    assert [NEIGHBOUR] in [p["villages"] for p in proposals]
    assert meeting.attendance.count() == 4
    assert AuditEvent.objects.filter(action="meeting.record", object_id=str(meeting.pk)).exists()


def test_a_past_meetings_figures_stay_as_they_were_after_the_figures_change():
    data = march_world()
    meeting = record()
    fill_neighbour(data.kapuas)
    build(MARCH)
    meeting.refresh_from_db()
    assert meeting.figures["people"]["occupying"] == 9


def test_progress_is_computed_from_the_live_figures():
    data = march_world()
    meeting = record()
    rec = adopt(meeting, villages=[NEIGHBOUR], target_kind="commitment", target_percent="100")
    assert rec.target_region_id == NEIGHBOUR
    assert rec.baseline == Decimal("20.00")
    fill_neighbour(data.kapuas, 3)
    build(APRIL)
    from lindung.meetings.progress import progress_of

    progress = progress_of([rec])[rec.pk]
    assert (progress.then, progress.now, progress.share, progress.met) == (
        Decimal("20.00"),
        Decimal("50.00"),
        Decimal("50.00"),
        False,
    )


def test_overdue_is_past_due_and_neither_done_nor_dropped():
    march_world()
    meeting = record()
    late = adopt(meeting, agency="dpmd", due_on=dt.date(2026, 3, 31))
    done = adopt(meeting, agency="dinsos", due_on=dt.date(2026, 3, 31))
    dropped = adopt(meeting, agency="bpjs", due_on=dt.date(2026, 3, 31))
    later = adopt(meeting, agency="inspektorat", due_on=dt.date(2026, 6, 30))
    recommendation_update(actor=None, recommendation=done, status=Status.DONE)
    recommendation_update(actor=None, recommendation=dropped, status=Status.DROPPED, reason="Tidak relevan")
    day = dt.date(2026, 4, 15)
    assert [r.overdue_on(day) for r in (late, done, dropped, later)] == [True, False, False, False]


def test_dropping_needs_a_reason():
    march_world()
    rec = adopt(record(), agency="dpmd")
    with pytest.raises(MeetingRefused) as exc:
        recommendation_update(actor=None, recommendation=rec, status=Status.DROPPED)
    assert "reason" in exc.value.errors


def test_the_next_meeting_freezes_the_follow_up_of_the_previous_one():
    data = march_world()
    march = record()
    rec = adopt(march, villages=[NEIGHBOUR], target_kind="commitment", target_percent="100")
    recommendation_update(actor=None, recommendation=rec, status=Status.IN_PROGRESS)
    fill_neighbour(data.kapuas, 3)
    build(APRIL)
    april = record(held_on=dt.date(2026, 4, 28), period=APRIL)
    assert april.previous == march
    assert april.follow_up == [{"id": rec.pk, "status": "in_progress", "reason": "", "value": "50.00"}]


def test_a_village_outside_the_meeting_region_is_refused():
    march_world()
    with pytest.raises(MeetingRefused) as exc:
        adopt(record(), villages=["61.07.04.2003"])
    assert "tidak berada di wilayah rapat" in exc.value.errors["responsible"]


def test_responsible_party_is_exactly_one_kind():
    march_world()
    with pytest.raises(MeetingRefused) as exc:
        adopt(record(), agency="dpmd", villages=[NEIGHBOUR])
    assert "responsible" in exc.value.errors


def test_only_the_regions_admin_records():
    march_world()
    operator = make_user(Role.OPERATOR_DESA, "62.03.17.2002")
    foreign_admin = make_user(Role.ADMIN_PROGRAM, "61.07")
    with pytest.raises(AccessRefused):
        record(operator)
    with pytest.raises(AccessRefused):
        record(foreign_admin)
    record(make_user(Role.ADMIN_PROGRAM, KAPUAS))


def test_a_meeting_below_a_regency_is_refused():
    march_world()
    with pytest.raises(MeetingRefused) as exc:
        record(region="62.03.17")
    assert "region" in exc.value.errors
