"""The meetings API: the same services and scope as the pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache

from lindung.accounts.models import Role
from lindung.meetings.models import Meeting, Recommendation
from lindung.monev.selectors import forget_state
from tests.accounts.builders import signed_in
from tests.meetings.builders import (
    APRIL,
    KAPUAS,
    NEIGHBOUR,
    adopt,
    build,
    fill_neighbour,
    march_world,
    record,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    forget_state()
    yield
    cache.clear()
    forget_state()


def post(client, path: str, body: dict):
    return client.post(path, data=json.dumps(body), content_type="application/json")


MEETING = {
    "region": KAPUAS,
    "held_on": "2026-03-25",
    "place": "Aula DPMD",
    "period": "2026-03",
    "attendance": [
        {"institution": "dpmd"},
        {"institution": "kepala_desa", "region": NEIGHBOUR, "name": "Yohanes"},
    ],
}


def test_the_admin_records_adopts_and_follows_up_through_the_api(client):
    world = march_world()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    response = post(client, "/api/meetings", MEETING)
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["figures"]["people"]["occupying"] == 9
    key = next(p["key"] for p in meeting["figures"]["proposals"] if p["villages"] == [NEIGHBOUR])
    response = post(
        client, f"/api/meetings/{meeting['id']}/recommendations", {"proposal": key, "due_on": "2026-03-31"}
    )
    assert response.status_code == 201, response.content
    rec = response.json()
    assert rec["villages"] == [NEIGHBOUR]
    assert rec["progress"]["then"] == "20.00" and rec["progress"]["target_percent"] == "100.00"
    fill_neighbour(world.kapuas, 3)
    build(APRIL)
    response = post(client, f"/api/meetings/recommendations/{rec['id']}/follow-up", {"status": "in_progress"})
    assert response.json()["progress"]["now"] == "50.00"
    april = post(client, "/api/meetings", MEETING | {"held_on": "2026-04-28", "period": "2026-04"}).json()
    outcome = april["previous_outcomes"][0]
    assert (outcome["status_then"], outcome["value_then"], outcome["value_at_meeting"]) == (
        "in_progress",
        "20.00",
        "50.00",
    )
    assert outcome["overdue_then"] is True


def test_the_village_operator_reads_what_was_asked_and_cannot_write(client):
    march_world()
    meeting = record()
    adopt(meeting, title="Isi kuota", villages=[NEIGHBOUR], due_on=dt.date(2026, 3, 31))
    signed_in(client, Role.OPERATOR_DESA, NEIGHBOUR)
    recs = client.get("/api/meetings/recommendations?status=overdue").json()
    assert [r["title"] for r in recs] == ["Isi kuota"] and recs[0]["overdue"] is True
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 404
    assert post(client, "/api/meetings", MEETING).status_code == 403
    rec = Recommendation.objects.get()
    assert (
        post(client, f"/api/meetings/recommendations/{rec.pk}/follow-up", {"status": "done"}).status_code
        == 403
    )
    assert Meeting.objects.count() == 1


def test_a_foreign_admin_gets_404_and_nothing_changes(client):
    march_world()
    meeting = record()
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 404
    body = {"title": "x", "agency": "dpmd", "due_on": "2026-04-30"}
    assert post(client, f"/api/meetings/{meeting.pk}/recommendations", body).status_code == 404
    assert post(client, "/api/meetings", MEETING).status_code == 404
    assert Recommendation.objects.count() == 0


def test_a_refusal_names_the_field(client):
    march_world()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    response = post(client, "/api/meetings", MEETING | {"place": " "})
    assert response.status_code == 400
    assert "Tempat rapat wajib diisi" in response.json()["detail"]


def test_the_minutes_pdf(client):
    march_world()
    meeting = record()
    signed_in(client, Role.AUDITOR, KAPUAS)
    response = client.get(f"/api/meetings/{meeting.pk}/minutes")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
