"""Home per role, the audit trail, and the about page."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.core.services import audit_record
from lindung.enrolment.models import Status
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_worker

from .builders import current_programme, signed_in

pytestmark = pytest.mark.django_db


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
