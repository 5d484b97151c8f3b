"""The figures of a region and month: lists, children, the public version, the trend, the reads they cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lindung.monev.selectors import monev_figures, public_figures, village_table
from lindung.monev.services import monev_refresh

from ..builders import BATAGUH, KALBAR, KALTENG, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD

pytestmark = pytest.mark.django_db


def test_lists_name_the_villages_behind_and_in_arrears(dataset):
    figures = monev_figures(BATAGUH, PERIOD)
    assert NEIGHBOUR in [v.code for v in figures.low_villages]
    assert MAMBULAU not in [v.code for v in figures.low_villages]
    assert [(v.code, v.counts.at_risk) for v in figures.risk_villages] == [(MAMBULAU, 2)]


def test_a_village_page_lists_the_village_itself_when_it_is_behind(dataset):
    assert [v.code for v in monev_figures(NEIGHBOUR, PERIOD).low_villages] == [NEIGHBOUR]
    assert monev_figures(MAMBULAU, PERIOD).low_villages == []


def test_children_are_the_next_level_down(dataset):
    assert {c.code for c in monev_figures("", PERIOD).children} >= {"61", "62"}
    assert MAMBULAU in {c.code for c in monev_figures(BATAGUH, PERIOD).children}


def test_public_figures_hide_breakdown_cells_of_one_or_two(dataset):
    figures = public_figures(monev_figures(MAMBULAU, PERIOD))
    ages = {b.key: b for b in figures.breakdowns["age"]}
    assert ages["a00_24"].suppressed and ages["a00_24"].to_dict()["total"] is None
    assert not ages["a35_44"].suppressed
    assert figures.counts.active == 4  # totals are never suppressed


def test_trend_reads_each_built_month(dataset):
    monev_refresh(period=dt.date(2026, 2, 1), today=dt.date(2026, 2, 28))
    trend = {t.period: t.counts for t in monev_figures(KAPUAS, PERIOD).trend}
    assert trend[dt.date(2026, 2, 1)].active == 6 and trend[PERIOD].active == 6
    assert trend[dt.date(2026, 1, 1)] is None


def test_village_table_lists_every_village_lowest_commitment_first(dataset):
    villages = village_table(BATAGUH, PERIOD)
    shares = [v.counts.commitment_percent for v in villages]
    assert shares == sorted(shares) and villages[-1].code == MAMBULAU
    assert [v.code for v in village_table(NEIGHBOUR, PERIOD)] == [NEIGHBOUR]


@pytest.mark.parametrize("code", ["", KALTENG, KAPUAS, BATAGUH, MAMBULAU, KALBAR])
def test_live_computation_agrees_with_the_rollup(dataset, code):
    rolled = monev_figures(code, PERIOD).to_dict()
    live = monev_figures(code, PERIOD, live=True).to_dict()
    for key in (
        "people",
        "breakdowns",
        "children",
        "villages_below_half",
        "villages_at_risk",
        "ucj",
        "budget",
    ):
        assert live[key] == rolled[key], key


@pytest.mark.parametrize("code", [KAPUAS, MAMBULAU])
def test_an_uncached_page_reads_each_table_once(dataset, code):
    # Every page of a 50-user dashboard computes its figures; the month's programmes, quota totals and
    # targets are read once per process, and the page's own reads stay a handful whatever its level.
    monev_figures(BATAGUH, PERIOD)  # the month's tables, now in memory
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        monev_figures(code, PERIOD)
    # Claims are read fresh on every call, not from the rollup: their own two reads are budgeted in
    # tests/monev/test_claims.py.
    sqls = [q["sql"] for q in queries.captured_queries if '"claims_claim"' not in q["sql"]]
    # Beside the rollup: the insurer's counts and the vulnerable-worker counts (UCJ, one read each for the
    # region and its children) and, on a kabupaten page, the villages' commitments against their ceilings.
    assert len(sqls) <= (12 if code == KAPUAS else 6), "\n".join(sqls)
    assert not [s for s in sqls if "programmes_programme" in s or "contributions_" in s], (
        "read once per build"
    )
    # The region's own figure and its children's in one read; Kapuas has none of its own, so the kecamatan
    # below it are listed and read to sum theirs.
    assert sum("regions_workingpopulation" in s for s in sqls) == (2 if code == KAPUAS else 1)
    assert sum('"regions_region"."name"' in s for s in sqls) == 1
    assert not [s for s in sqls if "monev_monevthreshold" in s], "the threshold is read once per build"
