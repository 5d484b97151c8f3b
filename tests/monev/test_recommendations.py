"""The written recommendation rules, each on its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lindung.monev.models import MonevThreshold
from lindung.monev.recommendations import (
    ARREARS_RULE,
    BUDGET_RULE,
    HALF_QUOTA_RULE,
    OVER_CEILING_RULE,
    budget_shortfall,
    rule_texts,
)
from lindung.monev.selectors import Counts, Ucj, monev_figures
from lindung.monev.services import monev_refresh
from lindung.programmes.models import Programme
from lindung.regions.models import Region
from lindung.regions.services import InsurerCountRow, insurer_counts_store, working_population_set

from .builders import BATAGUH, KALTENG, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD, make_programme

pytestmark = pytest.mark.django_db


def rules(figures) -> dict:
    return {r.rule: r for r in figures.recommendations}


def test_villages_below_half_their_quota_are_named_lowest_first(dataset):
    figures = monev_figures(BATAGUH, PERIOD)
    rec = rules(figures)[HALF_QUOTA_RULE]
    # Bataguh: 14 desa with a quota of 10; 12 have nobody yet (0 %), the neighbour 20 %, Mambulau 70 %.
    assert rec.text.startswith(f"{figures.counts.villages_below_half} dari {figures.counts.villages} desa")
    assert len(rec.items) == figures.counts.villages_below_half and rec.more == ""
    assert rec.items[-1] == f"{_name(NEIGHBOUR)} ({NEIGHBOUR}): 2 dari kuota 10 (20,00 %)"
    assert all(item.endswith("(0,00 %)") for item in rec.items[:-1])
    assert not any(MAMBULAU in item for item in rec.items)


def test_a_village_at_half_or_more_gets_no_quota_recommendation(dataset):
    assert HALF_QUOTA_RULE not in rules(monev_figures(MAMBULAU, PERIOD))


def test_budget_rule_fires_when_the_gap_costs_more_than_the_ceiling_left(dataset):
    working_population_set(actor=None, region_code=KAPUAS, year=2026, count=100_000, source="BPS")
    insurer_reports(KAPUAS, PERIOD, pu=4_000, bpu=2_000, jakon=1_000)
    rec = rules(monev_figures(KAPUAS, PERIOD))[BUDGET_RULE]
    # Target 34,99 % of 100.000 = 34.990; the insurer reports 7.000 active → gap 27.990 people at Rp 201.600
    # (the programme's average commitment), not the 34.984 its own 6 active people would leave.
    assert "Kabupaten Kapuas: kurang 27.990 peserta" in rec.items[0]
    assert "Rp 5.642.784.000" in rec.items[0]  # 27.990 × Rp 201.600


def test_budget_rule_sizes_nothing_from_the_programme_own_people(dataset):
    # Without the insurer's figures the UCJ counts only the programme's people: every participant outside it
    # would look missing, and the budget asked would be for people who are already insured.
    working_population_set(actor=None, region_code=KAPUAS, year=2026, count=100_000, source="BPS")
    figures = monev_figures(KAPUAS, PERIOD)
    assert figures.ucj.basis == "programme"
    assert BUDGET_RULE not in rules(figures)


def test_budget_rule_is_quiet_when_the_ceiling_covers_the_gap(dataset):
    working_population_set(actor=None, region_code=KAPUAS, year=2026, count=100, source="BPS")
    # Target 35 people, 6 active: 29 × Rp 201.600 = Rp 5.846.400, well inside the Rp 100 juta ceiling.
    assert BUDGET_RULE not in rules(monev_figures(KAPUAS, PERIOD))


def test_budget_shortfall_arithmetic():
    ucj = Ucj(active=10, working_population=1000, target_percent=Decimal("50"))
    counts = Counts(active=10, committed=2_016_000)  # 10 funded people, a year each
    short = budget_shortfall(ucj=ucj, ceiling=50_000_000, counts=counts, person_year_cost=201_600)
    assert short == {
        "gap": 490,
        "per_person": 201_600,
        "need": 98_784_000,
        "left": 47_984_000,
        "short": 50_800_000,
    }
    assert budget_shortfall(ucj=ucj, ceiling=200_000_000, counts=counts, person_year_cost=201_600) is None


def test_budget_shortfall_prices_an_empty_region_at_the_minimum_package():
    ucj = Ucj(active=0, working_population=100, target_percent=Decimal("10"))
    short = budget_shortfall(ucj=ucj, ceiling=0, counts=Counts(), person_year_cost=201_600)
    assert (short["gap"], short["need"], short["short"]) == (10, 2_016_000, 2_016_000)


def test_arrears_rule_counts_people_and_names_their_village(dataset):
    rec = rules(monev_figures(KAPUAS, PERIOD))[ARREARS_RULE]
    assert rec.text.startswith("2 peserta aktif menunggak 2–3 bulan")
    assert rec.items == [f"{_name(MAMBULAU)} ({MAMBULAU}): 2 peserta"]


def test_no_arrears_rule_where_payments_are_up_to_date(dataset):
    assert ARREARS_RULE not in rules(monev_figures(NEIGHBOUR, PERIOD))


def test_programme_without_quota_leaves_half_quota_rule_silent(db):
    Programme.objects.all().delete()
    make_programme("tanpa-kuota", KAPUAS, quota=None)
    monev_refresh(period=PERIOD)
    assert HALF_QUOTA_RULE not in rules(monev_figures(KAPUAS, PERIOD))


def test_the_quota_rule_names_the_threshold_in_force_for_the_month(dataset):
    MonevThreshold.objects.create(
        key=MonevThreshold.Key.QUOTA_BEHIND,
        percent=Decimal("75"),
        valid_from=PERIOD,
        legal_basis="Kesepakatan uji",
    )
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    figures = monev_figures(BATAGUH, PERIOD)
    rec = rules(figures)[HALF_QUOTA_RULE]
    assert rec.title == "Desa di bawah 75 % kuota"
    assert "baru mengisi kurang dari 75 % kuotanya" in rec.text
    assert rec.items[-1] == f"{_name(MAMBULAU)} ({MAMBULAU}): 7 dari kuota 10 (70,00 %)"  # behind at 75 %
    assert "kurang dari 75 %" in rule_texts(figures.quota_threshold)[HALF_QUOTA_RULE]
    words = [rec.title, rec.text, *rule_texts(figures.quota_threshold).values()]
    assert not [w for w in words if "50 %" in w or "separuh" in w or "setengah" in w]


def _name(code: str) -> str:
    return Region.objects.get(code=code).name


def insurer_reports(
    code: str, period: dt.date, *, pu: int, bpu: int, jakon: int, population: int | None = None
):
    row = InsurerCountRow(code, period, pu, bpu, jakon, population, row_number=2)
    insurer_counts_store(actor=None, rows=[row], edition="BPJS Ketenagakerjaan, laporan uji")


def test_a_village_over_its_ceiling_is_named_on_every_page_above_it(dataset):
    # Kapuas's programme cut to a Rp 10.000 ceiling: each village's share is far below what its people commit.
    Programme.objects.filter(pk=dataset.kapuas.pk).update(budget_ceiling=10_000)
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    village = monev_figures(MAMBULAU, PERIOD)
    over = village.budget.committed - village.budget.ceiling
    assert over > 0
    for code in (MAMBULAU, BATAGUH, KAPUAS, KALTENG):
        rec = rules(monev_figures(code, PERIOD)).get(OVER_CEILING_RULE)
        assert rec is not None, code
        assert any(_name(MAMBULAU) in item and "melebihi pagu" in item for item in rec.items), (
            code,
            rec.items,
        )


def test_the_dataset_village_over_its_quota_share_is_named(dataset):
    # Rp 100 juta over 214 villages × 10 places: Mambulau's share, Rp 467.290, is below what its 7 commit.
    rec = rules(monev_figures(KAPUAS, PERIOD))[OVER_CEILING_RULE]
    assert rec.items == [
        f"{_name(MAMBULAU)} ({MAMBULAU}, desa): komitmen Rp 1.411.200 melebihi pagu Rp 467.290, lebih Rp 943.910"
    ]


def test_no_over_ceiling_rule_when_commitments_stay_inside(dataset):
    Programme.objects.filter(pk=dataset.kapuas.pk).update(budget_ceiling=10_000_000_000)
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    assert OVER_CEILING_RULE not in rules(monev_figures(KAPUAS, PERIOD))
