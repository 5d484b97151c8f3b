"""UCJ, gap, budget and scope arithmetic of the figures every monev output shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.monev.selectors import Ucj, monev_figures, monev_region_for, percent, public_figures
from lindung.regions.services import coverage_target_set, working_population_set
from tests.accounts.builders import make_user

from .builders import BATAGUH, KALBAR, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD

pytestmark = pytest.mark.django_db


def test_ucj_is_active_over_working_population_and_gap_is_rounded_up_to_a_person():
    ucj = Ucj(active=575_504, working_population=1_819_430, target_percent=Decimal("34.99"))
    assert ucj.percent == Decimal("31.63")  # the Kalbar figure of July 2025 (DOMAIN.md §5)
    assert ucj.target_people == 636_619  # 1.819.430 × 34,99 % = 636.618,5… → 636.619
    assert ucj.gap_people == 636_619 - 575_504


def test_gap_is_zero_once_the_target_is_reached():
    assert Ucj(active=500, working_population=1000, target_percent=Decimal("34.99")).gap_people == 0


def test_without_working_population_there_is_no_ucj():
    ucj = Ucj(active=10, target_percent=Decimal("34.99"))
    assert (ucj.percent, ucj.target_people, ucj.gap_people) == (None, None, None)


def test_percent_rounds_half_up_to_two_decimals():
    assert percent(1, 8) == Decimal("12.50")
    assert percent(2, 3) == Decimal("66.67")
    assert percent(1, 0) is None


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
    from lindung.regions.models import Region

    kabupaten = list(
        Region.objects.filter(parent_code=KALBAR, retired_at__isnull=True).values_list("code", flat=True)
    )
    for code in kabupaten[:-1]:
        working_population_set(actor=None, region_code=code, year=2026, count=100, source="BPS")
    assert monev_figures(KALBAR, PERIOD).ucj.working_population is None
    working_population_set(actor=None, region_code=kabupaten[-1], year=2026, count=100, source="BPS")
    from django.core.cache import cache

    cache.clear()
    assert monev_figures(KALBAR, PERIOD).ucj.working_population == 100 * len(kabupaten)


def test_kabupaten_ceiling_is_shared_by_quota_below_it(dataset):
    kapuas = monev_figures(KAPUAS, PERIOD)
    desa = monev_figures(MAMBULAU, PERIOD)
    assert kapuas.budget.ceiling == 100_000_000
    assert desa.budget.ceiling == round(100_000_000 * 10 / kapuas.counts.quota)
    assert kapuas.budget.committed == (7 + 2) * 16_800 * 12
    assert kapuas.budget.realised == (6 + 6) * 16_800


def test_lists_name_the_villages_behind_and_in_arrears(dataset):
    figures = monev_figures(BATAGUH, PERIOD)
    assert NEIGHBOUR in [v.code for v in figures.low_villages]
    assert MAMBULAU not in [v.code for v in figures.low_villages]
    assert [(v.code, v.counts.at_risk) for v in figures.risk_villages] == [(MAMBULAU, 2)]


def test_children_are_the_next_level_down(dataset):
    assert {c.code for c in monev_figures("", PERIOD).children} >= {"61", "62"}
    assert MAMBULAU in {c.code for c in monev_figures(BATAGUH, PERIOD).children}


def test_public_figures_hide_breakdown_cells_of_one_or_two(dataset):
    figures = public_figures(monev_figures(MAMBULAU, PERIOD))
    ages = {b.key: b for b in figures.breakdowns["age"]}
    assert ages["a00_24"].suppressed and ages["a00_24"].to_dict()["total"] is None
    assert not ages["a35_44"].suppressed
    assert figures.counts.active == 4  # totals are never suppressed


def test_kabupaten_user_sees_own_region_and_below_only(dataset):
    user = make_user(Role.VERIFIKATOR, KAPUAS)
    assert monev_region_for(user, None) == KAPUAS
    assert monev_region_for(user, MAMBULAU) == MAMBULAU
    with pytest.raises(Http404):
        monev_region_for(user, KALBAR)
    assert (
        monev_region_for(user, "") == KAPUAS
    )  # "Indonesia" in the breadcrumb leads back to their own region
    with pytest.raises(Http404):
        monev_region_for(user, "62.01")  # a neighbouring kabupaten of the same province
    assert AuditEvent.objects.filter(action="access.denied", actor=user).count() == 2


def test_trend_reads_each_built_month(dataset):
    from lindung.monev.services import monev_refresh

    monev_refresh(period=dt.date(2026, 2, 1), today=dt.date(2026, 2, 28))
    trend = {t.period: t.counts for t in monev_figures(KAPUAS, PERIOD).trend}
    assert trend[dt.date(2026, 2, 1)].active == 6 and trend[PERIOD].active == 6
    assert trend[dt.date(2026, 1, 1)] is None


@pytest.mark.parametrize("code", [KAPUAS, MAMBULAU])
def test_an_uncached_page_reads_each_table_once(dataset, code):
    # Every page of a 50-user dashboard computes its figures; the month's programmes, quota totals and
    # targets are read once per process, and the page's own reads stay a handful whatever its level.
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monev_figures(BATAGUH, PERIOD)  # the month's tables, now in memory
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        monev_figures(code, PERIOD)
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len(sqls) <= (9 if code == KAPUAS else 4), "\n".join(sqls)
    assert not [s for s in sqls if "programmes_programme" in s or "contributions_" in s], (
        "read once per build"
    )
    # The region's own figure and its children's in one read; Kapuas has none of its own, so the kecamatan
    # below it are listed and read to sum theirs.
    assert sum("regions_workingpopulation" in s for s in sqls) == (2 if code == KAPUAS else 1)
    assert sum('"regions_region"."name"' in s for s in sqls) == 1
