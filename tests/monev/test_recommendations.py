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
    budget_shortfall,
    rule_texts,
)
from lindung.monev.selectors import Counts, Ucj, monev_figures
from lindung.monev.services import monev_refresh
from lindung.programmes.models import Programme
from lindung.regions.models import Region
from lindung.regions.services import working_population_set

from .builders import BATAGUH, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD, make_programme

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
    rec = rules(monev_figures(KAPUAS, PERIOD))[BUDGET_RULE]
    # Target 34,99 % of 100.000 = 34.990; 6 active → gap 34.984 people at Rp 201.600 (the average commitment).
    assert "Kabupaten Kapuas: kurang 34.984 peserta" in rec.items[0]
    assert "Rp 7.052.774.400" in rec.items[0]  # 34.984 × Rp 201.600


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
