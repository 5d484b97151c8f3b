from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU

from .builders import make_programme

pytestmark = pytest.mark.django_db


def login(client, role=Role.ADMIN_PROGRAM, region="62.03", **kw):
    client.force_login(make_user(role, region, **kw))


def test_anonymous_gets_401(client):
    assert client.get("/api/programmes/").status_code == 401


def test_list_is_scoped_to_the_account_region(client):
    kapuas = make_programme(code="kps")
    province = make_programme(code="kalteng", owner_region="62", coverage_region="62")
    make_programme(code="bky", owner_region="61.07", coverage_region="61.07")
    login(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    codes = [p["code"] for p in client.get("/api/programmes/").json()]
    assert sorted(codes) == sorted([kapuas.code, province.code])


def test_superadmin_without_region_sees_every_programme(client):
    make_programme(code="kps")
    make_programme(code="bky", owner_region="61.07", coverage_region="61.07")
    login(client, Role.SUPERADMIN, None)
    assert {p["code"] for p in client.get("/api/programmes/").json()} == {"kps", "bky"}


def test_detail_has_legal_basis_quota_use_and_status_counts(client):
    programme = make_programme(code="kps")
    make_enrolment(programme=programme)
    login(client)
    data = client.get("/api/programmes/kps").json()
    assert data["legal_basis"].startswith("Perbup 23/2024")
    assert data["places_used"] == 1 and data["status_counts"]["proposed"] == 1
    assert data["end_month"] == "2026-12-01"


def test_a_programme_outside_the_region_is_404(client):
    make_programme(code="bky", owner_region="61.07", coverage_region="61.07")
    login(client)
    response = client.get("/api/programmes/bky")
    assert response.status_code == 404 and "tidak ditemukan di wilayah Anda" in response.json()["detail"]


def test_contribution_calculator_itemises_with_legal_basis(client):
    login(client)
    data = client.get("/api/programmes/contribution?month=2026-04&funding_source=apbdes").json()
    assert (data["jkk"], data["jkm"], data["discount"], data["total"]) == (10_000, 6_800, 8_400, 8_400)
    assert data["discount_rule"]["legal_basis"] == "PP 50/2025 Pasal 3-7"
    apbd = client.get("/api/programmes/contribution?month=2026-04&funding_source=apbd_provinsi").json()
    assert apbd["total"] == 16_800 and apbd["discount_rule"] is None


def test_contribution_calculator_explains_bad_input(client):
    login(client)
    response = client.get("/api/programmes/contribution?month=2026-04&income=1500000")
    assert response.status_code == 400 and "Lampiran II" in response.json()["detail"]


def test_budget_plan_defaults_to_the_account_region(client):
    login(client, Role.ADMIN_PROGRAM, "61.07")
    data = client.get("/api/programmes/budget-plan?start=2026-01&funding_source=apbd_kabupaten").json()
    assert data["params"]["region_code"] == "61.07"
    assert data["per_village_total"] == 20_160_000 and data["total"] == 2_459_520_000
    assert data["total_words"].startswith("dua miliar empat ratus lima puluh sembilan juta")


def test_budget_plan_outside_the_account_region_is_forbidden(client):
    login(client, Role.ADMIN_PROGRAM, "61.07")
    response = client.get("/api/programmes/budget-plan?start=2026-01&funding_source=csr&region=62.03")
    assert response.status_code == 403


def test_programme_budget_plan_and_village_quota(client):
    make_programme(code="kps", quota_per_village=100, budget_ceiling=40_000_000_000)
    make_enrolment(programme=make_programme(code="other"))
    login(client)
    plan = client.get("/api/programmes/kps/budget-plan").json()
    assert plan["villages"] == 214 and plan["within_ceiling"] is True
    quota = client.get(f"/api/programmes/kps/quota/{PULAU_MAMBULAU}").json()
    assert quota == {"programme": "kps", "village": PULAU_MAMBULAU, "quota": 100, "used": 0, "remaining": 100}


def test_a_pendamping_sees_the_plan_for_their_kecamatan(client):
    make_programme(code="kps")
    login(client, Role.PENDAMPING, "62.03.17")
    plan = client.get("/api/programmes/kps/budget-plan").json()
    assert plan["params"]["region_code"] == "62.03.17" and plan["villages"] == 14


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_village=999999999999999999999", "per_village"),
        ("per_village=10000001", "per_village"),
        ("ceiling=-1", "ceiling"),
        ("ceiling=1000000000000001", "ceiling"),
        ("months=13", "months"),
        ("start=9999-12", "start"),
        ("start=2026-02-30", "start"),
    ],
)
def test_budget_plan_parameters_out_of_bounds_are_a_named_422(client, query, field):
    login(client)
    response = client.get(f"/api/programmes/budget-plan?start=2026-01&funding_source=apbd_kabupaten&{query}")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
