"""The umbrella scheme's page: the regency sees every village at once and enters their APBDes lines."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.programmes.models import VillageBudgetLine
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

from .umbrella_builders import budget_every_village, make_umbrella

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_villages_that_have_not_budgeted(client):
    programme = make_umbrella()
    budget_every_village(programme, leave_out=2)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    page = client.get(f"/program/{programme.pk}/payung/").content.decode()
    assert "212 dari 214 desa sudah menganggarkan" in page
    assert "Belum menganggarkan (2 desa)" in page
    assert 'class="table-wrap"' in page and "Simpan anggaran desa" not in page


def test_the_admin_enters_lines_and_dana_desa_is_refused_with_the_reason(client):
    programme = make_umbrella()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    url = f"/program/{programme.pk}/payung/"
    refused = client.post(url, {"lines": f"{PULAU_MAMBULAU}; 20.160.000; 3/2025; 2025-12-20; dana desa; 100"})
    assert refused.status_code == 200 and "4/PRI.00/I/2024" in refused.content.decode()
    assert not VillageBudgetLine.objects.exists()
    saved = client.post(url, {"lines": f"{PULAU_MAMBULAU}; 20.160.000; 3/2025; 2025-12-20; add; 100"})
    assert saved.status_code == 302
    assert VillageBudgetLine.objects.get().amount == 20_160_000


def test_a_line_with_the_wrong_number_of_columns_names_the_row(client):
    programme = make_umbrella()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(f"/program/{programme.pk}/payung/", {"lines": f"{PULAU_MAMBULAU}; 100"})
    assert "Baris 1: harus 6 atau 7 kolom" in response.content.decode()


def test_the_programme_form_creates_an_umbrella(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    data = {
        "code": "kps-payung",
        "name": "1 Desa 100 dari APBDes",
        "owner_region": "62.03",
        "coverage_region": "62.03",
        "fiscal_year": 2026,
        "start_month": "2026-01",
        "months": 12,
        "segment": "BPU",
        "declared_income": 1_000_000,
        "funding_source": "apbdes",
        "legal_bases": "Perbup Kapuas 23/2024 tentang Program 1 Desa 100",
        "age_min": 18,
        "age_max": 65,
        "is_active": "on",
        "umbrella": "on",
    }
    response = client.post("/program/baru/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
