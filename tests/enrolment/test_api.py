from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import make_user
from tests.programmes.builders import make_programme

from .builders import make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def login(client, role=Role.VERIFIKATOR, region="62.03"):
    user = make_user(role, region)
    client.force_login(user)
    return user


def test_list_is_scoped_and_masks_nik_for_a_pendamping(client):
    mine = make_enrolment()
    bengkayang = make_programme(owner_region="61.07", coverage_region="61.07")
    make_enrolment(programme=bengkayang, worker=new_worker(village_code="61.07.04.2003"))
    login(client, Role.PENDAMPING, "62.03.17")
    data = client.get("/api/enrolments/").json()
    assert data["count"] == 1 and data["items"][0]["id"] == mine.pk
    assert "*" in data["items"][0]["nik"] and data["items"][0]["status_label"] == "diusulkan"
    assert AuditEvent.objects.filter(action="enrolment.list").exists()


def test_a_verifikator_sees_the_whole_nik(client):
    enrolment = make_enrolment()
    login(client)
    [item] = client.get("/api/enrolments/?status=proposed").json()["items"]
    assert item["nik"] == enrolment.worker.nik


def test_bulk_verify_moves_visible_proposals_and_refuses_the_rest(client):
    programme = make_programme()
    proposals = [make_enrolment(programme=programme) for _ in range(3)]
    already = make_enrolment(Status.VERIFIED, programme=programme)
    elsewhere = make_enrolment(
        programme=make_programme(owner_region="61.07", coverage_region="61.07"),
        worker=new_worker(village_code="61.07.04.2003"),
    )
    login(client)
    ids = [e.pk for e in proposals] + [already.pk, elsewhere.pk]
    response = client.post(
        "/api/enrolments/verify", {"ids": ids, "reason": "Sesuai KTP"}, content_type="application/json"
    )
    data = response.json()
    assert response.status_code == 200
    assert sorted(data["moved"]) == sorted(e.pk for e in proposals)
    reasons = {r["id"]: r["reason"] for r in data["refused"]}
    assert "berstatus terverifikasi" in reasons[already.pk]
    assert reasons[elsewhere.pk] == f"Kepesertaan #{elsewhere.pk} tidak ditemukan di wilayah Anda."
    assert Enrolment.objects.get(pk=elsewhere.pk).status == Status.PROPOSED
    assert AuditEvent.objects.filter(action="access.denied", object_id=str(elsewhere.pk)).exists()


def test_bulk_reject_needs_a_reason(client):
    enrolment = make_enrolment()
    login(client)
    data = client.post(
        "/api/enrolments/reject", {"ids": [enrolment.pk]}, content_type="application/json"
    ).json()
    assert data["moved"] == [] and "alasan wajib diisi" in data["refused"][0]["reason"]
    data = client.post(
        "/api/enrolments/reject",
        {"ids": [enrolment.pk], "reason": "Sudah PU"},
        content_type="application/json",
    ).json()
    assert data["moved"] == [enrolment.pk]


def test_roles_without_the_capability_are_forbidden(client):
    enrolment = make_enrolment()
    login(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.post("/api/enrolments/verify", {"ids": [enrolment.pk]}, content_type="application/json")
    assert response.status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.PROPOSED


def test_generic_transition_ends_with_a_reason(client):
    enrolment = make_enrolment(Status.ACTIVE)
    login(client, Role.ADMIN_PROGRAM, "62.03")
    body = {"ids": [enrolment.pk], "to_status": "ended", "end_reason": "moved", "end_date": "2026-10-01"}
    data = client.post("/api/enrolments/transition", body, content_type="application/json").json()
    assert data["moved"] == [enrolment.pk]
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.end_reason, str(enrolment.end_date)) == (
        "ended",
        "moved",
        "2026-10-01",
    )


def test_eligibility_endpoint_lists_findings(client):
    # The endpoint judges "today", so the programme runs this year.
    year = timezone.localdate().year
    worker = new_worker(category="nelayan")
    make_programme(
        code="kps-keagamaan", eligible_categories=["keagamaan"], fiscal_year=year, start_month=f"{year}-01"
    )
    login(client, Role.OPERATOR_DESA, "62.03.17.2002")
    [finding] = client.get(f"/api/enrolments/eligibility?worker={worker.pk}&programme=kps-keagamaan").json()
    assert finding["code"] == "category_not_eligible" and finding["severity"] == "error"


def test_a_pendamping_gets_the_village_name_but_not_its_code(client):
    enrolment = make_enrolment()
    login(client, Role.PENDAMPING, "62.03.17")
    [item] = client.get("/api/enrolments/").json()["items"]
    assert item["village"] is None and item["village_name"] == enrolment.village.name


def test_the_list_event_names_the_people_shown(client):
    enrolment = make_enrolment()
    login(client)
    client.get("/api/enrolments/")
    [event] = AuditEvent.objects.filter(action="enrolment.list")
    assert event.detail["workers"] == [enrolment.worker_id]


def test_enrolment_answers_are_not_stored_by_browsers(client):
    login(client)
    assert "no-store" in client.get("/api/enrolments/")["Cache-Control"]
