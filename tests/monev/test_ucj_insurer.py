"""UCJ from the insurer's figures: Kalimantan Barat's reported 35,35 % against the 50,24 % RPJMN 2024 target
reproduces from an imported (synthetic) insurer file, and the budget recommendation is sized from its gap."""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps

from lindung.monev.recommendations import BUDGET_RULE
from lindung.monev.selectors import monev_figures
from lindung.monev.selectors.denominators import region_ucj
from lindung.monev.services import monev_refresh
from lindung.regions.services import working_population_set
from lindung.transfer.insurer_figures import insurer_figures_import

from .builders import KAPUAS, PERIOD

FIXTURE = Path(__file__).parents[1] / "transfer" / "data" / "insurer_figures_kalbar_2024_10.csv"
OCTOBER_2024 = dt.date(2024, 10, 1)
KALBAR = "61"
SEEDS = (
    "lindung.contributions.migrations.0003_seed_rules",
    "lindung.regions.migrations.0003_seed_coverage_targets",
    "lindung.regions.migrations.0006_seed_coverage_target_2024",
    "lindung.monev.migrations.0003_threshold",
)


@pytest.fixture
def rules(db):
    # A transactional test elsewhere may have emptied the seeded rows: put back the ones these figures read.
    for name in SEEDS:
        module = importlib.import_module(name)
        module.unseed(apps, None)
        module.seed(apps, None)


@pytest.fixture
def kalbar_file(rules, tmp_path) -> None:
    path = Path(shutil.copy(FIXTURE, tmp_path / FIXTURE.name))
    insurer_figures_import(actor=None, path=path, edition="BPJS Ketenagakerjaan (sintetis), Oktober 2024")


def test_kalbar_35_35_against_50_24_reproduces_from_the_insurer_file(kalbar_file):
    ucj = region_ucj(KALBAR, 0, OCTOBER_2024, [])
    assert ucj.basis == "insurer"
    assert (ucj.active, ucj.working_population) == (625_918, 1_770_630)
    assert str(ucj.percent) == "35.35"
    assert str(ucj.target_percent) == "50.24"
    assert ucj.target_source.startswith("RPJMN 2020-2024")
    assert "Kalimantan Barat" in ucj.target_source
    # 50,24 % of 1.770.630 = 889.564,5 → 889.565 people; 625.918 are active: 263.647 still to reach.
    assert (ucj.target_people, ucj.gap_people) == (889_565, 263_647)
    assert ucj.to_dict()["insurer_period"] == "2024-10"


def test_the_budget_recommendation_is_sized_from_the_insurer_gap(kalbar_file):
    monev_refresh(period=OCTOBER_2024, today=dt.date(2024, 10, 31))
    figures = monev_figures(KALBAR, OCTOBER_2024)
    assert str(figures.ucj.percent) == "35.35"
    items = {r.rule: r for r in figures.recommendations}[BUDGET_RULE].items
    # 263.647 people × a year of the minimum package (Rp 16.800 × 12 = Rp 201.600) = Rp 53.151.235.200.
    assert items == [
        "Kalimantan Barat: kurang 263.647 peserta untuk target 50,24 %; perlu Rp 53.151.235.200 "
        "(Rp 201.600 per orang per tahun), sisa pagu Rp 0, kekurangan Rp 53.151.235.200"
    ]
    assert figures.to_dict()["ucj"]["basis"] == "insurer"


def test_a_child_with_only_an_insurer_report_gets_its_ucj(kalbar_file):
    monev_refresh(period=OCTOBER_2024, today=dt.date(2024, 10, 31))
    children = {c.code: c for c in monev_figures(KALBAR, OCTOBER_2024).children}
    bengkayang = children.get("61.07")
    if bengkayang is not None:  # only a region with enrolments or quota is a drill-down row
        assert bengkayang.ucj.active == 33_400


def test_without_an_insurer_report_the_figure_says_it_counts_only_the_programme(rules):
    working_population_set(actor=None, region_code=KAPUAS, year=2026, count=100_000, source="BPS")
    ucj = region_ucj(KAPUAS, 6, PERIOD, [])
    assert (ucj.basis, ucj.active, ucj.programme_active) == ("programme", 6, 6)
    assert ucj.programme_share_percent is None


def test_an_old_report_is_not_used(kalbar_file):
    # Two years after the report, Kalbar's figure falls back rather than show October 2024 as today's.
    ucj = region_ucj(KALBAR, 0, dt.date(2026, 10, 1), [])
    assert ucj.basis == "programme"


def test_the_programme_contribution_is_shown_beside_the_insurer_count(kalbar_file):
    ucj = region_ucj(KALBAR, 6_259, OCTOBER_2024, [])
    assert (ucj.active, ucj.programme_active, str(ucj.programme_share_percent)) == (625_918, 6_259, "1.00")
    assert str(ucj.programme_ucj_percent) == "0.35"
