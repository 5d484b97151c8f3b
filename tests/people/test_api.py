"""The people API: same scope, masking, audit and 404 logging as the pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache

from lindung.accounts.models import Role, Sponsor
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.people import services as people_services
from lindung.people.models import Worker
from lindung.people.selectors import mask_nik
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import current_programme

from .builders import PULAU_MAMBULAU, make_nik, make_worker, worker_data

pytestmark = pytest.mark.django_db


def post(client, url, body, method="post"):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def api_worker(**overrides):
    data = worker_data(**overrides)
    data["birth_date"] = data["birth_date"].isoformat()
    return data


def test_api_needs_a_session(client):
    assert client.get("/api/people/").status_code == 401


def test_list_is_scoped_and_masked(client):
    mine = make_worker()
    make_worker(serial=2, village_code="61.07.04.2003", nik="6107041708850002")
    signed_in(client, Role.PENDAMPING, "62.03.17")
    body = client.get("/api/people/").json()
    assert body["count"] == 1
    assert body["items"][0]["nik"] == f"{mine.nik[:4]}********{mine.nik[-4:]}"


def test_search_by_nik_goes_in_the_body(client):
    worker = make_worker()
    make_worker(serial=2, full_name="Siti Aminah")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = post(client, "/api/people/search", {"q": worker.nik}).json()
    assert [i["id"] for i in body["items"]] == [worker.pk]
    body = post(client, "/api/people/search", {"q": "siti"}).json()
    assert [i["full_name"] for i in body["items"]] == ["Siti Aminah"]


def test_detail_is_audited_and_foreign_ids_are_404_and_logged(client):
    mine = make_worker()
    foreign = make_worker(serial=2, village_code="62.03.17.2003")
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert client.get(f"/api/people/{mine.pk}").json()["nik"] == mine.nik
    assert AuditEvent.objects.filter(action="worker.view", actor=user, object_id=str(mine.pk)).exists()
    assert client.get(f"/api/people/{foreign.pk}").status_code == 404
    assert AuditEvent.objects.filter(action="access.denied", actor=user, object_id=str(foreign.pk)).exists()


def test_sponsor_detail_has_no_contact_details(client):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    enrolment = make_enrolment(programme=current_programme(funding_source="csr", sponsor=sponsor.pk))
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    body = client.get(f"/api/people/{enrolment.worker_id}").json()
    assert body["phone"] is None and body["address"] is None and body["birth_date"] is None
    assert "*" in body["nik"]


def test_operator_creates_and_updates_a_worker(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = post(client, "/api/people/", api_worker())
    assert response.status_code == 201
    worker_id = response.json()["id"]
    response = post(client, f"/api/people/{worker_id}", api_worker(full_name="Budi Santoso Jr"), method="put")
    assert response.status_code == 200 and response.json()["changed_fields"] == [
        "full_name",
        "name_normalized",
    ]
    assert Worker.objects.get(pk=worker_id).full_name == "Budi Santoso Jr"


def test_refused_data_answers_422_with_findings(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = post(client, "/api/people/", api_worker(nik="6203171708850000"))
    assert response.status_code == 422
    assert "nik_serial_zero" in [f["code"] for f in response.json()["findings"]]


def test_create_outside_the_region_is_403_and_duplicate_nik_409(client):
    make_worker(village_code="62.03.17.2003")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert post(client, "/api/people/", api_worker(village_code="62.03.17.2003", serial=5)).status_code == 403
    assert post(client, "/api/people/", api_worker()).status_code == 409


def test_roles_without_edit_cannot_write(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert post(client, "/api/people/", api_worker()).status_code == 403
    assert not Worker.objects.exists()


def test_check_nik(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = post(client, "/api/people/check-nik", {"nik": make_nik(gender="P")}).json()
    assert (body["valid"], body["birth_date"], body["gender"], body["district_code"]) == (
        True,
        "1985-08-17",
        "P",
        "62.03.17",
    )
    body = post(client, "/api/people/check-nik", {"nik": "12345"}).json()
    assert body["valid"] is False and body["findings"][0]["code"] == "nik_length"


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_check_nik_outside_the_region_says_only_that(client):
    elsewhere = make_worker(village_code="62.03.17.2003")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = post(client, "/api/people/check-nik", {"nik": elsewhere.nik}).json()
    assert (body["registered"], body["in_your_region"], body["worker_id"]) == (True, False, None)
    assert "62.03.17.2003" not in json.dumps(body) and elsewhere.village.name not in json.dumps(body)
    assert "luar wilayah Anda" in body["message"]


def test_check_nik_in_the_region_names_the_person(client):
    mine = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = post(client, "/api/people/check-nik", {"nik": mine.nik}).json()
    assert (body["registered"], body["in_your_region"], body["worker_id"]) == (True, True, mine.pk)


def test_check_nik_is_audited_with_the_region_and_without_the_nik(client):
    elsewhere = make_worker(village_code="62.03.17.2003")
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    post(client, "/api/people/check-nik", {"nik": elsewhere.nik})
    event = AuditEvent.objects.get(action=AuditAction.NIK_CHECK, actor=user)
    assert event.region_code == PULAU_MAMBULAU
    assert elsewhere.nik not in json.dumps(event.detail) + event.summary
    assert event.detail["nik"] == mask_nik(elsewhere.nik) and event.detail["registered"] == "elsewhere"
    assert not AuditAction(event.action).changes_data


def test_check_nik_past_the_account_limit_is_a_named_429(client, monkeypatch, fresh_cache):
    monkeypatch.setattr(people_services, "NIK_CHECK_LIMIT", 2)
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    for serial in (1, 2):
        assert post(client, "/api/people/check-nik", {"nik": make_nik(serial=serial)}).status_code == 200
    response = post(client, "/api/people/check-nik", {"nik": make_nik(serial=3)})
    assert response.status_code == 429 and response.json()["code"] == "nik_check_rate_limited"
    assert AuditEvent.objects.filter(action=AuditAction.NIK_CHECK, actor=user).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count() == 1


def test_pendamping_detail_has_the_birth_year_but_not_the_date_nor_village_code(client):
    worker = make_worker()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    body = client.get(f"/api/people/{worker.pk}").json()
    assert body["birth_date"] is None and body["birth_year"] == worker.birth_date.year
    assert body["village_code"] is None and body["village_name"] == worker.village.name
    assert client.get("/api/people/").json()["items"][0]["village_code"] is None


def test_verifikator_detail_has_the_birth_date_and_village_code(client):
    worker = make_worker()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    body = client.get(f"/api/people/{worker.pk}").json()
    assert body["birth_date"] == worker.birth_date.isoformat() and body["village_code"] == worker.village_id


def test_masked_role_reads_findings_without_the_birth_date(client):
    worker = make_worker(nik=make_nik(serial=5), birth=dt.date(1985, 8, 18), serial=5)
    signed_in(client, Role.AUDITOR, "62.03")
    findings = client.get(f"/api/people/{worker.pk}").json()["findings"]
    assert [f["code"] for f in findings] == ["birth_date_mismatch"]
    assert "1985" not in findings[0]["message"] and "17" not in findings[0]["message"]


def test_list_is_one_read_event_naming_the_people_shown(client):
    shown = [make_worker(serial=n) for n in (1, 2)]
    signed_in(client, Role.AUDITOR, "62.03")
    client.get("/api/people/")
    [event] = AuditEvent.objects.filter(action=AuditAction.WORKER_LIST)
    assert sorted(event.detail["workers"]) == sorted(w.pk for w in shown)
    assert not AuditAction(event.action).changes_data


def test_search_is_one_read_event_naming_the_person_found(client):
    found = make_worker(serial=1, full_name="Siti Aminah")
    make_worker(serial=2)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    post(client, "/api/people/search", {"q": "siti"})
    [event] = AuditEvent.objects.filter(action=AuditAction.WORKER_LIST)
    assert event.detail["workers"] == [found.pk]


@pytest.mark.parametrize("method,url", [("get", "/api/people/"), ("get", "/api/people/{pk}"),
                                        ("post", "/api/people/search"), ("post", "/api/people/check-nik")])  # fmt: skip
def test_people_answers_are_not_stored_by_browsers(client, method, url):
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = (
        post(client, url.format(pk=worker.pk), {"nik": worker.nik, "q": ""}, method=method)
        if method == "post"
        else client.get(url.format(pk=worker.pk))
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
