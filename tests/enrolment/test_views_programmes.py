"""Programme pages that show the places taken: the detail page with its budget and village quotas."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.accounts.models import Role, Sponsor
from lindung.programmes.models import VillageQuota
from tests.accounts.builders import REGION_OF_ROLE, page_queries, signed_in
from tests.programmes.builders import current_programme

from .builders import make_enrolment, programmes_with_places

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_detail_shows_the_budget_for_one_village(client):
    programme = current_programme(coverage_region="62.03.17.2002", owner_region="62.03")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    html = client.get(f"/program/{programme.pk}/").content.decode()
    # 100 people × Rp 16.800 × 12 months; APBD money gets no PP 50/2025 discount.
    assert "Rp 20.160.000" in html
    assert f"Januari {YEAR}" in html


def test_planner_what_if_is_an_htmx_partial(client):
    programme = current_programme(coverage_region="62.03.17.2002", owner_region="62.03")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.get(
        f"/program/{programme.pk}/", {"per_village": 50, "months": 6}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Rp 5.040.000" in html and "<html" not in html


def test_village_quota_overrides(client):
    programme = current_programme()
    make_enrolment(programme=programme)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(
        f"/program/{programme.pk}/kuota/", {"lines": "62.03.17.2002 = 120\n62.03.17.2003: 80"}, follow=True
    )
    assert "Kuota 2 desa disimpan." in response.content.decode()
    assert dict(VillageQuota.objects.values_list("village_id", "quota")) == {
        "62.03.17.2002": 120,
        "62.03.17.2003": 80,
    }
    response = client.post(f"/program/{programme.pk}/kuota/", {"lines": "61.07.04.2003 = 5"}, follow=True)
    assert "Di luar wilayah Anda" in response.content.decode()
    response = client.post(f"/program/{programme.pk}/kuota/", {"lines": "62.03.17.2002 = 0"}, follow=True)
    assert "tidak boleh di bawah jumlah yang sudah terdaftar" in response.content.decode()


def test_operator_sees_its_village_quota(client):
    programme = current_programme()
    make_enrolment(programme=programme)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    html = client.get("/").content.decode()
    assert "Kuota desa Anda" in html
    response = client.get(f"/program/{programme.pk}/")
    rows = response.context["quota_rows"]
    assert [(r["code"], r["quota"], r["used"], r["left"]) for r in rows] == [("62.03.17.2002", 100, 1, 99)]
    assert client.get("/program/baru/").status_code == 403


def test_programme_list_shows_the_places_taken_in_each_programme(client):
    busy = current_programme(name="Program A")
    make_enrolment(programme=busy)
    make_enrolment(programme=busy)
    quiet = current_programme(name="Program B")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    programmes = client.get("/program/").context["programmes"]
    assert {p.pk: p.used for p in programmes} == {busy.pk: 2, quiet.pk: 0}


@pytest.mark.parametrize("role", list(REGION_OF_ROLE))
def test_programme_list_runs_as_many_queries_for_20_programmes_as_for_2(client, role):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    signed_in(client, role, REGION_OF_ROLE[role], sponsor=sponsor if role == Role.SPONSOR else None)
    programmes_with_places(2, sponsor)
    client.get("/program/")  # the session and other first-request reads are not what is measured
    with_2 = page_queries(client, "/program/")
    programmes_with_places(18, sponsor)
    with_20 = page_queries(client, "/program/")
    assert len(client.get("/program/").context["programmes"]) == 20
    assert len(with_20) == len(with_2), "\n".join(with_20)
