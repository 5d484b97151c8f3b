"""Coverage and arrears over JSON: the same answers as the selectors, refused where the page refuses."""

from __future__ import annotations

import json

import pytest

from lindung.accounts.models import Role, Sponsor
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment

pytestmark = pytest.mark.django_db


def _post(client, body: dict):
    """Coverage is asked by POST: a NIK never goes into a URL."""
    return client.post("/api/coverage", data=json.dumps(body), content_type="application/json")


def test_coverage_by_nik_on_a_date(client):
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    response = _post(client, {"nik": enrolment.worker.nik, "date": "2026-05-19"})
    assert response.status_code == 200
    [answer] = response.json()
    assert answer["covered"] is False and answer["enrolment_id"] == enrolment.pk
    assert answer["why"].startswith("menunggak 4 bulan (Februari 2026–Mei 2026) per 19-05-2026")
    assert response["Cache-Control"].startswith("max-age=0")
    assert AuditEvent.objects.filter(action="coverage.check").count() == 1


def test_coverage_by_kpj_and_the_refusals(client):
    enrolment = make_enrolment(Status.ACTIVE, paid_months=3)
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    response = _post(client, {"kpj": enrolment.kpj, "date": "2026-03-20"})
    assert response.status_code == 404 and "tidak ditemukan di wilayah Anda" in response.json()["detail"]
    assert _post(client, {"date": "2026-03-20"}).status_code == 400
    assert _post(client, {"nik": "123", "date": "2026-03-20"}).status_code == 422
    assert _post(client, {"nik": "6203171708850103", "date": "1999-01-01"}).status_code == 400
    client.logout()
    assert _post(client, {"kpj": enrolment.kpj, "date": "2026-03-20"}).status_code == 401


def test_arrears_list_over_json_is_scoped_and_refused_to_the_sponsor(client):
    behind = make_enrolment(Status.ACTIVE, paid_months=7)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    data = client.get(f"/api/coverage/arrears?programme={behind.programme.code}&as_of=2026-09-20").json()
    assert data["count"] == 1 and data["amount"] == 33_600
    row = data["rows"][0]
    assert row["unpaid_labels"] == ["Agustus 2026", "September 2026"] and row["lapses_on"] == "2026-11-16"
    signed_in(client, Role.BENDAHARA, "61.07")
    assert client.get("/api/coverage/arrears?as_of=2026-09-20").json()["count"] == 0
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    assert client.get("/api/coverage/arrears").status_code == 403
