"""Programme create and edit pages with the service's refusals, and the budget planner beside the form."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.programmes.models import Programme
from tests.accounts.builders import signed_in

from .builders import current_programme, dana_desa_refusal

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def programme_form(**overrides):
    data = {
        "code": "kapuas-rentan",
        "name": "Perlindungan Pekerja Rentan Kapuas",
        "owner_region": "62.03",
        "coverage_region": "62.03",
        "fiscal_year": YEAR,
        "start_month": f"{YEAR}-01",
        "months": 12,
        "segment": "BPU",
        "declared_income": 1_000_000,
        "funding_source": "apbd_kabupaten",
        "legal_bases": f"Perbup Kapuas 12/{YEAR - 1} tentang Perlindungan Pekerja Rentan\nInpres 2/2021",
        "quota_per_village": 100,
        "budget_ceiling": 5_000_000_000,
        "age_min": 18,
        "age_max": 65,
        "is_active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_a_programme(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post("/program/baru/", programme_form())
    programme = Programme.objects.get(code="kapuas-rentan")
    assert response.status_code == 302 and response["Location"] == f"/program/{programme.pk}/"
    assert programme.legal_basis_list == [
        f"Perbup Kapuas 12/{YEAR - 1} tentang Perlindungan Pekerja Rentan",
        "Inpres 2/2021",
    ]


def test_dana_desa_is_refused_with_the_reason(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post("/program/baru/", programme_form(funding_source="dana_desa"))
    assert response.status_code == 200
    assert dana_desa_refusal() in response.context["form"].errors["funding_source"]
    assert "4/PRI.00/I/2024" in response.content.decode()
    assert not Programme.objects.exists()


def test_public_money_needs_a_legal_basis(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post("/program/baru/", programme_form(legal_bases="Perbup Kapuas"))
    assert "dasar hukum" in " ".join(response.context["form"].errors["legal_bases"])


def test_admin_cannot_create_for_another_regency(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post("/program/baru/", programme_form(owner_region="61.07", coverage_region="61.07"))
    assert "Wilayah pemilik berada di luar wilayah Anda." in response.context["form"].errors["owner_region"]


def test_plan_preview_beside_the_form(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = programme_form(coverage_region="62.03.17.2002", budget_ceiling=20_000_000)
    html = client.post("/program/rencana/", form).content.decode()
    assert "Rp 20.160.000" in html and "kurang" in html
    html = client.post("/program/rencana/", form | {"funding_source": "dana_desa"}).content.decode()
    assert "Dana Desa tidak dapat digunakan" in html


def test_regency_admin_sees_but_cannot_edit_the_province_programme(client):
    province = current_programme(owner_region="62", coverage_region="62")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get(f"/program/{province.pk}/").status_code == 200
    assert client.get(f"/program/{province.pk}/ubah/").status_code == 403


def test_admin_edits_a_programme(client):
    programme = current_programme()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = programme_form(code=programme.code, name="Nama Baru")
    response = client.post(f"/program/{programme.pk}/ubah/", form)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Nama Baru"


def test_plan_preview_stays_inside_the_region(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    html = client.post("/program/rencana/", programme_form(coverage_region="61.07")).content.decode()
    assert "di luar wilayah Anda" in html and "Rp " not in html
