from __future__ import annotations

import pytest

from lindung.demo.programmes.meetings import demo_meetings
from lindung.meetings.models import Meeting, Recommendation

from .builders import TODAY, march_world

pytestmark = pytest.mark.django_db


def test_the_demo_holds_two_past_meetings_one_with_overdue_items():
    march_world()
    summary = demo_meetings(TODAY)
    first, second = Meeting.objects.order_by("held_on")
    assert second.previous == first and second.held_on <= TODAY
    assert any(r.overdue_on(TODAY) for r in Recommendation.objects.filter(meeting=first))
    assert {row["id"] for row in second.follow_up} == set(first.recommendations.values_list("pk", flat=True))
    assert "lewat tenggat" in summary
    assert demo_meetings(TODAY) == ""
