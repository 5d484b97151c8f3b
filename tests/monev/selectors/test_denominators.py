"""UCJ's denominator and target: a region's own figures, its children's sum, the target in force."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache

from lindung.monev.selectors import monev_figures
from lindung.regions.models import Region
from lindung.regions.services import coverage_target_set, working_population_set

from ..builders import BATAGUH, KALBAR, KAPUAS, PERIOD

pytestmark = pytest.mark.django_db


def test_dashboard_ucj_uses_the_regions_population_and_the_national_target(dataset):
    working_population_set(
        actor=None, region_code=KAPUAS, year=2026, count=1000, source="BPS, Sakernas Agustus 2025"
    )
    ucj = monev_figures(KAPUAS, PERIOD).ucj
    assert (ucj.active, ucj.working_population, ucj.percent) == (6, 1000, Decimal("0.60"))
    assert (ucj.target_percent, ucj.target_source) == (Decimal("34.99"), "RKP 2026")
    assert (ucj.target_people, ucj.gap_people) == (350, 344)


def test_a_regions_own_target_overrides_the_national_one(dataset):
    working_population_set(actor=None, region_code=KAPUAS, year=2025, count=2000, source="BPS 2025")
    coverage_target_set(actor=None, year=2026, percent="40", source="RPJMD Kalteng", region_code="62")
    ucj = monev_figures(BATAGUH, PERIOD).ucj
    assert ucj.target_percent == Decimal("40.00")
    assert ucj.working_population is None  # Bataguh has no figure of its own and no complete children
    kapuas = monev_figures(KAPUAS, PERIOD).ucj
    assert (kapuas.population_year, kapuas.working_population) == (2025, 2000)  # latest year available


def test_a_province_without_its_own_figure_sums_complete_children(dataset):
    # Kalimantan Barat has 14 kabupaten/kota; with one missing there is no sum, with all of them there is.
    kabupaten = list(
        Region.objects.filter(parent_code=KALBAR, retired_at__isnull=True).values_list("code", flat=True)
    )
    for code in kabupaten[:-1]:
        working_population_set(actor=None, region_code=code, year=2026, count=100, source="BPS")
    assert monev_figures(KALBAR, PERIOD).ucj.working_population is None
    working_population_set(actor=None, region_code=kabupaten[-1], year=2026, count=100, source="BPS")
    cache.clear()
    assert monev_figures(KALBAR, PERIOD).ucj.working_population == 100 * len(kabupaten)
