"""Home per role, the audit trail, and the about page."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role, Sponsor
from lindung.core.models import AuditEvent
from lindung.core.services import audit_record
from lindung.enrolment.models import Status
from lindung.enrolment.services import village_quotas_set
from tests.accounts.builders import REGION_OF_ROLE, make_user, page_queries, signed_in
from tests.enrolment.builders import make_enrolment, new_worker, programmes_with_places
from tests.people.builders import PULAU_MAMBULAU, make_worker
from tests.programmes.builders import current_programme

pytestmark = pytest.mark.django_db
NEIGHBOUR = "62.03.17.2003"


def test_anonymous_visitors_go_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_operator_home_lists_rejected_rows_to_fix(client):
    programme = current_programme()
    make_enrolment(Status.REJECTED, programme=programme)
    make_enrolment(Status.PROPOSED, programme=programme)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.get("/")
    tasks = {t["label"]: (t["count"], t["url"]) for t in response.context["tasks"]}
    assert tasks["Usulan ditolak, perlu diperbaiki"] == (1, "/pekerja/?status=rejected")
    assert tasks["Usulan menunggu verifikasi"][0] == 1
    assert "Daftarkan pekerja" in response.content.decode()


def test_verifier_home_points_to_the_queue(client):
    programme = current_programme()
    make_enrolment(Status.PROPOSED, programme=programme)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    tasks = {t["label"]: (t["count"], t["url"]) for t in client.get("/").context["tasks"]}
    assert tasks["Usulan menunggu verifikasi"] == (1, "/kepesertaan/verifikasi/")


def test_counts_stay_inside_the_region(client):
    programme = current_programme()
    make_enrolment(Status.PROPOSED, programme=programme)
    signed_in(client, Role.VERIFIKATOR, "61.07")
    summary = client.get("/").context["summary"]
    assert summary.workers == 0 and summary.status_counts == {}


def test_kecamatan_home_shows_its_villages(client):
    make_worker()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    villages = client.get("/").context["summary"].villages
    mambulau = next(v for v in villages if v.code == "62.03.17.2002")
    assert mambulau.workers == 1 and len(villages) > 5


def test_auditor_home_counts_denied_access(client):
    audit_record(
        actor=None, action="access.denied", object_type="worker", object_id=1, region_code="62.03.17.2002"
    )
    signed_in(client, Role.AUDITOR, "62.03")
    tasks = {t["label"]: t["count"] for t in client.get("/").context["tasks"]}
    assert tasks["Akses ditolak (30 hari terakhir)"] == 1


def test_user_without_account_is_told_so(client, django_user_model):
    user = django_user_model.objects.create_user("tanpa-akun", password="x" * 12)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403 and "Akun belum lengkap" in response.content.decode()


def test_audit_trail_is_scoped_and_filterable(client):
    audit_record(
        actor=None, action="worker.view", object_type="worker", object_id=1, region_code="62.03.17.2002"
    )
    audit_record(
        actor=None, action="worker.update", object_type="worker", object_id=1, region_code="62.03.17.2002"
    )
    audit_record(
        actor=None, action="worker.view", object_type="worker", object_id=2, region_code="61.07.04.2003"
    )
    signed_in(client, Role.AUDITOR, "62.03")
    events = list(client.get("/audit/").context["page"])
    assert {e.region_code for e in events} == {"62.03.17.2002"}
    filtered = list(client.get("/audit/?action=worker.update").context["page"])
    assert [e.action for e in filtered] == ["worker.update"]
    assert list(client.get("/audit/?region=61.07").context["page"]) == []


def test_audit_trail_shows_who_saw_whom(client):
    worker = make_worker()
    operator = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    client.get(f"/pekerja/{worker.pk}/")
    client.logout()
    signed_in(client, Role.AUDITOR, "62.03")
    html = client.get(f"/audit/?object_type=worker&object_id={worker.pk}").content.decode()
    assert operator.username in html and "melihat data pekerja" in html


def test_audit_trail_is_for_auditors(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert client.get("/audit/").status_code == 403


def test_dates_are_written_in_indonesian(client):
    event = audit_record(
        actor=None, action="worker.view", object_type="worker", object_id=1, region_code="62.03"
    )
    AuditEvent.objects.filter(pk=event.pk).update(at="2026-08-17T03:00:00Z")
    signed_in(client, Role.AUDITOR, "62.03")
    assert "17 Agustus 2026 10.00" in client.get("/audit/").content.decode()


def test_about_page_names_the_vendored_licence(client):
    html = client.get("/tentang/").content.decode()
    assert "htmx 2.0.11" in html and "Zero-Clause BSD" in html


def test_audit_trail_is_paginated_and_keeps_its_filters(client):
    from lindung.core.services import audit_record_many

    audit_record_many(
        actor=None, action="worker.view", object_type="worker", rows=[(i, "62.03.17.2002") for i in range(55)]
    )
    signed_in(client, Role.AUDITOR, "62.03")
    html = client.get("/audit/?action=worker.view").content.decode()
    assert "?action=worker.view&amp;page=2" in html
    assert len(client.get("/audit/?action=worker.view&page=2").context["page"]) == 5


def _home_quota_rows(client) -> list[tuple]:
    return [(p["name"], p["quota"], p["used"], p["left"]) for p in client.get("/").context["programmes"]]


def test_operator_home_shows_its_village_quota_with_overrides_and_places_taken(client):
    with_override = current_programme(name="Program A")
    village_quotas_set(actor=None, programme=with_override, quotas={PULAU_MAMBULAU: 120})
    make_enrolment(programme=with_override)
    make_enrolment(programme=with_override, worker=new_worker(village_code=NEIGHBOUR))
    make_enrolment(Status.REJECTED, programme=with_override)
    current_programme(name="Program B")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    year = with_override.fiscal_year
    assert _home_quota_rows(client) == [
        (f"Program A ({year})", 120, 1, 119),
        (f"Program B ({year})", 100, 0, 100),
    ]


def test_regency_home_shows_programme_totals(client):
    capped = current_programme(name="Program A", total_quota=500)
    make_enrolment(programme=capped)
    make_enrolment(programme=capped, worker=new_worker(village_code=NEIGHBOUR))
    make_enrolment(Status.ENDED, programme=capped)
    current_programme(name="Program B")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    year = capped.fiscal_year
    assert _home_quota_rows(client) == [
        (f"Program A ({year})", 500, 2, 498),
        (f"Program B ({year})", None, 0, None),
    ]


@pytest.mark.parametrize("role", list(REGION_OF_ROLE))
def test_home_runs_as_many_queries_for_20_programmes_as_for_2(client, role):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    signed_in(client, role, REGION_OF_ROLE[role], sponsor=sponsor if role == Role.SPONSOR else None)
    programmes_with_places(2, sponsor)
    client.get("/")  # the session and other first-request reads are not what is measured
    with_2 = page_queries(client, "/")
    programmes_with_places(18, sponsor)
    with_20 = page_queries(client, "/")
    assert len(client.get("/").context["programmes"]) == 10
    assert len(with_20) == len(with_2), "\n".join(with_20)


@pytest.mark.parametrize("query", ["date_to=9999-12-31", "date_from=9999-12-31", "date_to=0001-01-01"])
def test_an_audit_date_out_of_range_is_a_form_error_not_a_500(client, query):
    signed_in(client, Role.AUDITOR, "62.03")
    response = client.get(f"/audit/?{query}")
    assert response.status_code == 200
    assert "Tanggal harus antara 2000-01-01 dan 2100-12-31." in response.content.decode()


def test_an_auditor_sees_the_refused_attempts_of_its_own_accounts_wherever_they_aimed(client):
    foreign = make_worker(serial=77, village_code="61.07.04.2003")
    admin = make_user(Role.ADMIN_PROGRAM, "62.03", username="admin-kapuas-uji")
    client.force_login(admin)
    assert client.get(f"/pekerja/{foreign.pk}/").status_code == 404
    signed_in(client, Role.AUDITOR, "62.03")
    page = client.get("/audit/", {"action": "access.denied"})
    assert "admin-kapuas-uji" in page.content.decode()
    signed_in(client, Role.AUDITOR, "61.07")
    page = client.get("/audit/", {"action": "access.denied"})
    assert "admin-kapuas-uji" in page.content.decode()  # the target's auditor sees it too
