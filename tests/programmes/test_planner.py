from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.accounts.services import sponsor_create
from lindung.enrolment.services import village_quota_set
from lindung.programmes.planner import (
    PlanParams,
    PlanRefused,
    budget_plan,
    plan_month_parse,
    programme_budget_plan,
)
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

from .builders import make_programme

pytestmark = pytest.mark.django_db


def params(**kw) -> PlanParams:
    values = dict(
        region_code="61.07",
        per_village=100,
        months=12,
        start=dt.date(2026, 1, 1),
        income=1_000_000,
        funding_source="apbd_kabupaten",
    )
    return PlanParams(**(values | kw))


def test_apbd_programme_needs_20160000_per_village_a_year_without_discount():
    plan = budget_plan(params())
    assert plan.per_village_total == 20_160_000
    assert plan.per_village_formula() == "100 orang × Rp 16.800 × 12 bulan = Rp 20.160.000"
    assert {m.per_person for m in plan.months} == {16_800}


def test_bengkayang_122_villages_need_rp_2459520000():
    plan = budget_plan(params(budget_ceiling=2_429_520_000))
    assert (plan.villages, plan.people, plan.total) == (122, 12_200, 2_459_520_000)
    assert plan.ceiling_gap == -30_000_000 and plan.within_ceiling is False
    assert sum(k.villages for k in plan.kecamatan) == 122 and len(plan.kabupaten) == 1
    [kab] = plan.kabupaten
    assert (kab.code, kab.name, kab.quota, kab.monthly, kab.total) == (
        "61.07",
        "Kabupaten Bengkayang",
        12_200,
        204_960_000,
        2_459_520_000,
    )
    ledo = next(k for k in plan.kecamatan if k.code == "61.07.03")
    assert (ledo.name, ledo.villages, ledo.total) == ("Ledo", 12, 12 * 20_160_000)


def test_a_plan_for_one_village_names_its_kecamatan_and_kabupaten():
    plan = budget_plan(params(region_code="61.07.04.2003"))
    assert (plan.villages, plan.total) == (1, 20_160_000)
    assert [(k.code, k.name) for k in plan.kecamatan] == [("61.07.04", "Bengkayang")]
    assert [(k.code, k.name) for k in plan.kabupaten] == [("61.07", "Kabupaten Bengkayang")]


def test_kelurahan_are_counted_only_when_asked():
    assert budget_plan(params(include_kelurahan=True)).villages == 124


def test_non_apbd_programme_gets_50_percent_off_jkk_jkm_from_april_to_december_2026():
    plan = budget_plan(params(funding_source="csr", region_code="61.07.04"))
    by_month = {m.month.month: m.per_person for m in plan.months}
    assert by_month[3] == 16_800 and by_month[4] == 8_400 and by_month[12] == 8_400
    assert plan.per_person_total == 3 * 16_800 + 9 * 8_400
    assert plan.per_village_formula() == (
        "100 orang × (Rp 16.800 × 3 bulan + Rp 8.400 × 9 bulan) = Rp 12.600.000"
    )
    assert any("PP 50/2025" in n for n in plan.notes)


def test_apbd_plan_notes_why_there_is_no_discount():
    notes = budget_plan(params()).notes
    assert any("dikecualikan" in n and "PP 50/2025" in n for n in notes)


def test_programme_plan_applies_village_overrides_and_total_quota(django_assert_max_num_queries):
    programme = make_programme(quota_per_village=100, total_quota=20_000, budget_ceiling=5_000_000_000)
    village_quota_set(actor=None, programme=programme, village_code=PULAU_MAMBULAU, quota=150)
    village_quota_set(actor=None, programme=programme, village_code="62.03.17.1001", quota=0)
    with django_assert_max_num_queries(8):
        plan = programme_budget_plan(programme)
    assert plan.villages == 214
    # Pulau Kupang (62.03.17.1001) is a kelurahan: its override does not count in a plan of desa.
    assert plan.village_quota_sum == 214 * 100 + 50
    assert plan.people == 20_000 and any("Kuota total" in n for n in plan.notes)
    assert plan.total == 20_000 * 201_600
    bataguh = next(k for k in plan.kecamatan if k.code == "62.03.17")
    assert (bataguh.villages, bataguh.quota) == (14, 14 * 100 + 50)
    assert plan.within_ceiling is True


def test_the_whole_country_costs_the_same_few_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        plan = budget_plan(params(region_code=""))
    assert plan.villages > 75_000 and len(plan.kabupaten) > 400


def test_plan_refusals_are_indonesian():
    with pytest.raises(PlanRefused, match="Dana Desa tidak dapat digunakan"):
        budget_plan(params(funding_source="dana_desa"))
    with pytest.raises(PlanRefused, match="kuota per desa .*kuota total"):
        budget_plan(params(per_village=None))
    with pytest.raises(PlanRefused, match="tidak ditemukan"):
        budget_plan(params(region_code="99.99"))


def run(*args) -> str:
    out = StringIO()
    call_command("budget", "plan", *args, stdout=out)
    return out.getvalue()


BENGKAYANG_ARGS = (
    "--region", "61.07", "--per-village", "100", "--months", "12", "--start", "2026-01",
    "--income", "1000000", "--funding", "apbd_kabupaten",
)  # fmt: skip


def test_cli_prints_rupiah_and_the_total_in_words():
    text = run(*BENGKAYANG_ARGS, "--ceiling", "2429520000")
    assert "Per desa: 100 orang × Rp 16.800 × 12 bulan = Rp 20.160.000" in text
    assert "Total: Rp 2.459.520.000" in text
    assert "(dua miliar empat ratus lima puluh sembilan juta lima ratus dua puluh ribu rupiah)" in text
    assert "Pagu: Rp 2.429.520.000 → KURANG Rp 30.000.000" in text
    assert "61.07.03      Ledo" in text


def test_cli_json_has_the_same_figures():
    data = json.loads(run(*BENGKAYANG_ARGS, "--json"))
    assert data["per_village_total"] == 20_160_000 and data["total"] == 2_459_520_000
    assert data["total_text"] == "Rp 2.459.520.000"
    assert len(data["kecamatan"]) == 17 and data["months"][0]["per_person"] == 16_800


def test_cli_plans_an_existing_programme():
    sponsor = sponsor_create(actor=None, data={"name": "PT Kapuas Sejahtera", "kind": "csr"})
    programme = make_programme(
        code="kps-csr", funding_source="csr", sponsor=sponsor.pk, quota_per_village=10, start_month="2026-04",
        months=9,
    )  # fmt: skip
    text = run("--programme", programme.code, "--region", "62.03.17", "--villages")
    assert "Per desa: 10 orang × Rp 8.400 × 9 bulan = Rp 756.000" in text
    assert "62.03.17.2002 Pulau Mambulau" in text


def test_cli_explains_missing_arguments_and_unknown_programmes():
    with pytest.raises(CommandError, match="--months, --per-village atau --total"):
        run("--region", "61.07", "--start", "2026-01", "--funding", "csr")
    with pytest.raises(CommandError, match='Program "tidak-ada" tidak ditemukan'):
        run("--programme", "tidak-ada")
    with pytest.raises(CommandError, match="TTTT-BB"):
        run(*BENGKAYANG_ARGS[:6], "--start", "Januari", "--funding", "csr")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"per_village": 999_999_999_999_999_999_999}, "Kuota per desa 999999999999999999999 harus 0 sampai"),
        ({"total_quota": 10_000_001}, "Kuota total 10000001 harus 0 sampai 10.000.000 orang"),
        ({"budget_ceiling": -1}, "Pagu anggaran harus Rp 0 sampai"),
        ({"budget_ceiling": 10**15 + 1}, "Pagu anggaran harus Rp 0 sampai"),
        ({"income": 10**16}, "Penghasilan harus Rp 0 sampai"),
        ({"months": 13}, "Jumlah bulan 13 harus 1–12"),
        ({"start": dt.date(9999, 12, 1)}, "Tahun bulan mulai 9999 harus 2000–2100"),
        ({"start": dt.date(1999, 12, 1)}, "Tahun bulan mulai 1999 harus 2000–2100"),
    ],
)
def test_plan_parameters_out_of_bounds_are_named_refusals(overrides, message):
    with pytest.raises(PlanRefused, match=message):
        budget_plan(params(**overrides))


def test_a_plan_of_more_than_ten_million_people_is_refused():
    # 1,000 people in each of Bengkayang's villages is within the per-village bound, not the total's.
    assert budget_plan(params(per_village=1_000)).people < 10_000_000
    with pytest.raises(PlanRefused, match="lebih dari 10.000.000; persempit wilayah"):
        budget_plan(params(region_code="", per_village=1_000))


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13", "9999-12", "1999-12", "2026", "maret", ""])
def test_a_start_month_that_is_not_a_real_month_in_range_is_refused(text):
    with pytest.raises(PlanRefused, match="Bulan mulai|Tahun bulan mulai"):
        plan_month_parse(text)


def test_a_start_month_may_be_a_real_day():
    assert plan_month_parse("2026-02-28") == dt.date(2026, 2, 1)
    assert plan_month_parse(" 2100-12 ") == dt.date(2100, 12, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "9999-12"), "Tahun bulan mulai 9999 harus 2000–2100"),
        (("--start", "2026-02-30"), 'Bulan mulai "2026-02-30" tidak dikenali'),
        (("--per-village", "999999999999999999999"), "Kuota per desa 999999999999999999999 harus"),
        (("--ceiling", "-1"), "Pagu anggaran harus Rp 0 sampai"),
    ],
)
def test_cli_refuses_out_of_bounds_parameters_in_indonesian(args, message):
    replaced = dict(zip(BENGKAYANG_ARGS[::2], BENGKAYANG_ARGS[1::2], strict=True)) | dict([args])
    with pytest.raises(CommandError, match=message):
        run(*[part for pair in replaced.items() for part in pair])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_month", "2026-02-30", "Bulan mulai &quot;2026-02-30&quot; tidak dikenali"),
        ("start_month", "9999-12", "Tahun bulan mulai 9999 harus 2000–2100"),
    ],
)
def test_the_plan_preview_page_names_a_bad_start_month(client, field, value, message):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = {
        "coverage_region": "62.03.17.2002",
        "start_month": "2026-01",
        "months": "12",
        "quota_per_village": "100",
        "funding_source": "apbd_kabupaten",
        "segment": "BPU",
    }
    response = client.post("/program/rencana/", form | {field: value})
    assert response.status_code == 200 and message in response.content.decode()


def test_the_plan_preview_page_bounds_the_people_per_village(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = {"coverage_region": "62.03.17.2002", "start_month": "2026-01", "funding_source": "apbd_kabupaten"}
    response = client.post("/program/rencana/", form | {"quota_per_village": "999999999999999999999"})
    assert response.status_code == 200
    assert "Isi wilayah cakupan, bulan mulai dan kuota per desa" in response.content.decode()
