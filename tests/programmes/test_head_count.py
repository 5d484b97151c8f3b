"""Programmes by head count: a total number of people, distributed to villages or not, or both limits.

The figures are the regions' own: Kapuas funds 10,000 people from APBD and 500 from DBH sawit; Kalimantan
Barat's Pergub 4/2023 pays 26,373 people for the 6 months it covers.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from lindung.accounts.models import Role
from lindung.enrolment.services import village_quotas_set
from lindung.programmes.planner import PlanParams, PlanRefused, budget_plan, programme_plan
from lindung.regions.models import Region
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

from .builders import make_programme

pytestmark = pytest.mark.django_db


def head_count(region: str, total: int, months: int, funding: str, **kw) -> PlanParams:
    values = dict(
        region_code=region,
        per_village=None,
        total_quota=total,
        months=months,
        start=dt.date(2026, 1, 1),
        income=1_000_000,
        funding_source=funding,
    )
    return PlanParams(**(values | kw))


@pytest.mark.parametrize(
    ("region", "people", "months", "funding", "total"),
    [
        ("62.03", 10_000, 12, "apbd_kabupaten", 2_016_000_000),  # Kapuas APBD
        ("62.03", 500, 12, "dbh_sawit", 100_800_000),  # Kapuas DBH sawit
        ("61", 26_373, 6, "apbd_provinsi", 2_658_398_400),  # Kalbar Pergub 4/2023, 6 months
    ],
)
def test_the_regions_published_head_counts_reproduce(region, people, months, funding, total):
    plan = budget_plan(head_count(region, people, months, funding))
    assert (plan.people, plan.total) == (people, total)
    assert plan.formula().endswith(f"= Rp {total:,}".replace(",", "."))
    assert plan.kecamatan == [] and plan.head_count


def run(*args) -> str:
    out = StringIO()
    call_command("budget", "plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "total"),
    [
        (("--region", "62.03", "--total", "10000", "--months", "12", "--funding", "apbd_kabupaten"), "2.016.000.000"),
        (("--region", "62.03", "--total", "500", "--months", "12", "--funding", "dbh_sawit"), "100.800.000"),
        (("--region", "61", "--total", "26373", "--months", "6", "--funding", "apbd_provinsi"), "2.658.398.400"),
    ],
)  # fmt: skip
def test_the_same_figures_through_the_cli(args, total):
    text = run(*args, "--start", "2026-01")
    assert f"Total: Rp {total}" in text
    assert "Kuota total" in text and "tidak dibagi per desa" in text


def test_a_head_count_programme_plans_through_the_cli_and_its_page(client):
    programme = make_programme(code="kps-apbd", quota_per_village=None, total_quota=10_000)
    assert "Total: Rp 2.016.000.000" in run("--programme", "kps-apbd")
    data = json.loads(run("--programme", "kps-apbd", "--json"))
    assert (data["people"], data["total"], data["head_count"]) == (10_000, 2_016_000_000, True)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    html = client.get(f"/program/{programme.pk}/ubah/").content.decode()
    assert "Rp 2.016.000.000" in html and "wajib diisi" not in html
    page = client.get(f"/program/{programme.pk}/").content.decode()
    assert "Rp 2.016.000.000" in page and "wajib diisi" not in page


def test_the_plan_preview_takes_a_total_without_a_village_quota(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = {
        "coverage_region": "62.03",
        "start_month": "2026-01",
        "months": "12",
        "total_quota": "10000",
        "funding_source": "apbd_kabupaten",
        "segment": "BPU",
        "declared_income": "1000000",
    }
    html = client.post("/program/rencana/", form).content.decode()
    assert "Rp 2.016.000.000" in html and "10.000 orang × Rp 16.800 × 12 bulan" in html


def test_the_api_plans_by_head_count(client):
    make_programme(code="kps-sawit", funding_source="dbh_sawit", quota_per_village=None, total_quota=500)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    adhoc = client.get(
        "/api/programmes/budget-plan",
        {"start": "2026-01", "funding_source": "apbd_kabupaten", "total": 10_000, "region": "62.03"},
    ).json()
    assert (adhoc["people"], adhoc["total"]) == (10_000, 2_016_000_000)
    answer = client.get("/api/programmes/kps-sawit/budget-plan")
    assert answer.status_code == 200 and answer.json()["total"] == 100_800_000


def test_without_any_quota_the_default_of_the_api_is_still_100_per_village(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    data = client.get(
        "/api/programmes/budget-plan",
        {"start": "2026-01", "funding_source": "apbd_kabupaten", "region": "62.03"},
    ).json()
    assert data["params"]["per_village"] == 100 and data["people"] == 100 * data["villages"]


def _kapuas_villages(n: int) -> list[str]:
    return list(
        Region.objects.filter(code__startswith="62.03.", level=4, type="desa")
        .order_by("code")
        .values_list("code", flat=True)[:n]
    )


def test_a_total_distributed_to_some_villages_shows_what_is_left_to_distribute():
    programme = make_programme(quota_per_village=None, total_quota=500)
    first, second = _kapuas_villages(2)
    village_quotas_set(actor=None, programme=programme, quotas={first: 120, second: 80})
    plan, error = programme_plan(programme)
    assert error == "" and (plan.people, plan.village_quota_sum) == (500, 200)
    assert "200 sudah dibagi ke desa, 300 belum dibagi" in " ".join(plan.notes)
    assert sum(k.quota for k in plan.kecamatan) == 200
    part, error = programme_plan(programme, region_code=first)
    assert error == "" and part.people == 120


def test_part_of_an_undistributed_total_cannot_be_planned_and_says_why():
    programme = make_programme(quota_per_village=None, total_quota=10_000)
    plan, error = programme_plan(programme, region_code=PULAU_MAMBULAU)
    assert plan is None and "belum dibagi ke desa" in error and "62.03" in error


def test_both_limits_plan_the_smaller():
    plan = budget_plan(head_count("62.03", 150, 12, "apbd_kabupaten", per_village=100))
    assert plan.people == 150 and plan.village_quota_sum == 100 * plan.villages


def test_neither_limit_is_refused_in_indonesian():
    with pytest.raises(PlanRefused, match="kuota per desa .* kuota total"):
        budget_plan(head_count("62.03", None, 12, "apbd_kabupaten"))


def test_a_programme_without_any_quota_names_itself():
    programme = make_programme(funding_source="apbd_kabupaten", quota_per_village=None)
    plan, error = programme_plan(programme)
    assert plan is None and programme.code in error and "kuota total" in error
