"""Whether the PP 50/2025 discount reaches a funding source is data, and where the reading is uncertain
(APBDes, CSR, ASN, donors: DOMAIN.md §1 ⚠) the source's policy row prints a caution beside every figure
computed with the discount."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from lindung.accounts.models import Role
from lindung.programmes.planner import PlanParams, budget_plan
from lindung.programmes.services import funding_policy
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

pytestmark = pytest.mark.django_db
APRIL = dt.date(2026, 4, 1)  # first month of the PP 50/2025 discount for non-transport BPU


def params(funding: str, start: dt.date = APRIL) -> PlanParams:
    return PlanParams(
        region_code=PULAU_MAMBULAU,
        per_village=100,
        months=3,
        start=start,
        income=1_000_000,
        funding_source=funding,
    )


def caution(source: str) -> str:
    return funding_policy(source, on=APRIL).discount_caution


@pytest.mark.parametrize("source", ["apbdes", "csr", "asn", "donor"])
def test_uncertain_sources_carry_a_caution_row(source):
    assert "belum dikonfirmasi" in caution(source) and "Pasal 3 ayat (5)" in caution(source)


@pytest.mark.parametrize("source", ["apbn", "apbd_provinsi", "apbd_kabupaten", "dbh_sawit", "dbh_dr"])
def test_excluded_sources_need_no_caution(source):
    assert caution(source) == ""


def test_a_discounted_apbdes_plan_prints_the_caution_beside_its_figures():
    plan = budget_plan(params("apbdes"))
    assert plan.months[0].contribution.discount and plan.cautions == [caution("apbdes")]
    data = plan.to_dict()
    assert data["cautions"] == [caution("apbdes")]
    assert all(m["caution"] == caution("apbdes") for m in data["months"])


def test_no_caution_without_a_discount_or_for_apbd():
    assert budget_plan(params("apbdes", start=dt.date(2026, 1, 1))).cautions == []
    assert budget_plan(params("apbd_kabupaten")).cautions == []


def test_the_caution_row_is_data():
    row = funding_policy("apbdes", on=APRIL)
    row.discount_caution = "Tanyakan BPJS dulu."
    row.save()
    assert budget_plan(params("apbdes")).cautions == ["Tanyakan BPJS dulu."]


def test_the_cli_prints_the_caution_next_to_the_discounted_months_and_the_total():
    out = StringIO()
    call_command(
        "budget", "plan", "--region", PULAU_MAMBULAU, "--per-village", "100", "--months", "3",
        "--start", "2026-04", "--funding", "apbdes", stdout=out,
    )  # fmt: skip
    assert out.getvalue().count(caution("apbdes")) == 2
    out = StringIO()
    call_command(
        "budget", "plan", "--region", PULAU_MAMBULAU, "--per-village", "100", "--months", "3",
        "--start", "2026-04", "--funding", "apbdes", "--json", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["cautions"] == [caution("apbdes")]


def test_the_api_plan_and_the_calculator_carry_the_caution(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    plan = client.get(
        "/api/programmes/budget-plan",
        {"start": "2026-04", "months": 3, "funding_source": "apbdes", "region": PULAU_MAMBULAU},
    ).json()
    assert plan["cautions"] == [caution("apbdes")]
    quote = client.get(
        "/api/programmes/contribution", {"month": "2026-05", "funding_source": "apbdes"}
    ).json()
    assert caution("apbdes") in quote["notes"]
    full = client.get(
        "/api/programmes/contribution", {"month": "2026-05", "funding_source": "apbd_kabupaten"}
    )
    assert caution("apbdes") not in full.json()["notes"]


def test_the_plan_preview_shows_the_caution(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = {
        "coverage_region": PULAU_MAMBULAU,
        "start_month": "2026-04",
        "months": "3",
        "quota_per_village": "100",
        "funding_source": "apbdes",
        "segment": "BPU",
        "declared_income": "1000000",
    }
    html = client.post("/program/rencana/", form).content.decode()
    assert "belum dikonfirmasi BPJS Ketenagakerjaan" in html
