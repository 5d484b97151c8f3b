"""The monev figures of one region and month: the only read behind the dashboard, the public page, the PDF and
spreadsheet reports and the JSON API, so their numbers cannot disagree.

Everything comes from the rollup (``monev.rollup``), a handful of indexed lookups whatever the level.
``monev_figures(..., live=True)`` computes the same figures straight from enrolments instead, for the
benchmark's baseline and for the tests that prove both agree.
"""

# ruff: noqa: S608 - the only SQL here drops this module's own temp table, named by a constant.

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from lindung.core.months import month_add, month_of
from lindung.regions import codes
from lindung.regions.models import Region

from ..models import Dimension
from ..recommendations import recommendations_for
from ..rollup import LIVE_TABLE, RollupBuild, programme_windows
from .builds import CACHE_SECONDS, PUBLIC_CACHE_SECONDS, build_state, cache_key
from .ceilings import child_programme_quota, person_year_cost, region_budget, set_child_ceilings
from .claims import monev_claims
from .denominators import region_ucj
from .labels import breakdown_labels
from .overcommitment import over_commitments
from .reader import RollupReader, Row
from .rules import behind_permille, lapse_limit, quota_threshold
from .types import PUBLIC_MIN_CELL, AreaRow, BreakdownRow, Counts, Figures, TrendPoint

LIST_LIMIT = 20
TREND_MONTHS = 12
BREAKDOWN_DIMENSIONS = (Dimension.CATEGORY, Dimension.GENDER, Dimension.AGE, Dimension.FUNDING)


def monev_figures(code: str, period: dt.date, *, live: bool = False, public: bool = False) -> Figures:
    """Every monev figure of a region ("" = Indonesia) for a month. Cached per (region, month, build), but
    for the claims, which are read fresh each time (a paid claim shows at once)."""
    code = code or ""
    period = month_of(period)
    if live:
        figures = _figures_live(code, period, public=public)
    else:
        figures = _figures_cached(code, period, public=public)
    return dataclasses.replace(figures, claims=monev_claims(code, up_to=period, public=public))


def _figures_cached(code: str, period: dt.date, *, public: bool) -> Figures:
    state = build_state(period)
    key = cache_key(code, period, public, state)
    # One entry serves every language: figures hold keys and numbers, and their words are looked up when
    # read (labels, notes, recommendations), so a page in English never leaves English in the Indonesian one.
    figures = cache.get(key)
    if figures is None:
        figures = build_figures(code, period, RollupReader(), state.refreshed_at if state else None)
        if public:
            figures = public_figures(figures)
        cache.set(key, figures, PUBLIC_CACHE_SECONDS if public else CACHE_SECONDS)
    return figures


def _figures_live(code: str, period: dt.date, *, public: bool) -> Figures:
    """The same figures computed from enrolments without the rollup (a scoped build into a temp table)."""
    today = timezone.localdate()
    as_of = min(today, month_add(period, 1) - dt.timedelta(days=1))
    scope = [code] if code else None
    with transaction.atomic(), connection.cursor() as cursor:
        build = RollupBuild(
            period=period,
            programmes=programme_windows(period, as_of=as_of, scope=scope),
            scope=scope,
            behind_permille=behind_permille(period),
            table=LIVE_TABLE,
            as_of=as_of,
        )
        build.build(cursor, live_down_to=codes.level(code))
        try:
            figures = build_figures(code, period, RollupReader(LIVE_TABLE), timezone.now(), trend=False)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {LIVE_TABLE}")
    figures.live = True
    return public_figures(figures) if public else figures


def build_figures(
    code: str, period: dt.date, reader: RollupReader, refreshed_at: dt.datetime | None, *, trend: bool = True
) -> Figures:
    """The figures from one rollup table: the region's rows, its children, its village lists and trend."""
    level = codes.level(code)
    rows = reader.region_rows(period, code)
    by_dim: dict[str, dict[str, Row]] = {}
    for row in rows:
        by_dim.setdefault(str(row["dimension"]), {})[str(row["key"])] = row
    counts = Counts.from_row(by_dim.get(Dimension.TOTAL, {}).get(""))

    children, child_quota = _children(reader, period, code)
    budget = region_budget(period, code, counts, by_dim.get(Dimension.PROGRAMME, {}))
    set_child_ceilings(period, code, children, child_quota)
    ucj = region_ucj(code, counts.active, period, children)
    low, risk = _village_lists(reader, period, code, rows)

    # Every name on the page in one read: the path down from Indonesia, the regions below, the villages listed.
    path_codes = codes.ancestors_and_self(code)
    names = region_names(
        path_codes + [c.code for c in children] + [str(r["region_code"]) for r in low + risk]
    )
    path = [("", "Indonesia")] + [(c, names.get(c, c)) for c in path_codes]
    for child in children:
        child.name = names.get(child.code, child.code)

    figures = Figures(
        region_code=code,
        region_name=path[-1][1],
        level=level,
        path=path,
        period=period,
        refreshed_at=refreshed_at,
        counts=counts,
        breakdowns=_breakdowns(by_dim),
        children=children,
        low_villages=_village_rows(low, names),
        risk_villages=_village_rows(risk, names),
        ucj=ucj,
        budget=budget,
        trend=_trend(reader, code, period, counts) if trend else [TrendPoint(period=period, counts=counts)],
        person_year_cost=person_year_cost(period),
        quota_threshold=quota_threshold(period),
        lapse_limit=lapse_limit(period),
    )
    figures.recommendations = recommendations_for(figures, over_commitments(figures, reader))
    return figures


def _breakdowns(by_dim: dict[str, dict[str, Row]]) -> dict[str, list[BreakdownRow]]:
    """Each breakdown's rows in the order of its labels; keys without a label last, by key."""
    labels = breakdown_labels()
    out: dict[str, list[BreakdownRow]] = {}
    for dimension in BREAKDOWN_DIMENSIONS:
        order = list(labels[dimension])
        found = [
            BreakdownRow(dimension=str(dimension), key=k, counts=Counts.from_row(r))
            for k, r in by_dim.get(dimension, {}).items()
        ]
        out[str(dimension)] = _in_label_order(found, order)
    return out


def _in_label_order(rows: list[BreakdownRow], order: list[str]) -> list[BreakdownRow]:
    """``rows`` in the order of their keys in ``order``; keys not in it last, by key."""
    return sorted(rows, key=lambda b: (order.index(b.key) if b.key in order else len(order), b.key))


def _children(
    reader: RollupReader, period: dt.date, code: str
) -> tuple[list[AreaRow], dict[str, dict[str, int]]]:
    """The drill-down rows one level down, ranked, and their quota places per programme (for the ceiling)."""
    level = codes.level(code)
    if level >= codes.VILLAGE:
        return [], {}
    rows = reader.children(period, code, (Dimension.TOTAL, Dimension.PROGRAMME))
    children = [
        AreaRow(
            code=str(r["region_code"]), name=str(r["region_code"]), level=level + 1, counts=Counts.from_row(r)
        )
        for r in rows
        if r["dimension"] == Dimension.TOTAL
    ]
    # Ranked: the highest share of quota places taken first; regions without a quota last, by code.
    children.sort(
        key=lambda a: (a.counts.commitment_percent is None, -(a.counts.commitment_percent or 0), a.code)
    )
    return children, child_programme_quota(rows)


def _village_lists(
    reader: RollupReader, period: dt.date, code: str, rows: list[Row]
) -> tuple[list[Row], list[Row]]:
    """Villages behind their quota, lowest first, and villages with people 2 to N months in arrears.

    A village's page lists the village itself when it is in either list.
    """
    if codes.is_village(code):
        total = [r for r in rows if r["dimension"] == Dimension.TOTAL]
        return [r for r in total if r["villages_below_half"]], [r for r in total if r["at_risk"]]
    return (
        reader.villages_behind(period, code, limit=LIST_LIMIT),
        reader.villages_in_arrears(period, code, limit=LIST_LIMIT),
    )


def _village_rows(rows: list[Row], names: dict[str, str]) -> list[AreaRow]:
    return [
        AreaRow(
            code=str(r["region_code"]),
            name=names.get(str(r["region_code"]), ""),
            level=4,
            counts=Counts.from_row(r),
        )
        for r in rows
    ]


def _trend(reader: RollupReader, code: str, period: dt.date, counts: Counts) -> list[TrendPoint]:
    """The last TREND_MONTHS months up to ``period``; a month never built has no counts."""
    first = month_add(period, -(TREND_MONTHS - 1))
    found = reader.trend(code, first, period)
    months = (month_add(first, i) for i in range(TREND_MONTHS))
    return [TrendPoint(period=m, counts=Counts.from_row(found[m]) if m in found else None) for m in months]


def region_names(region_codes: list[str]) -> dict[str, str]:
    """Names by code, read in chunks that stay below SQLite's limit on query parameters."""
    region_codes = [c for c in region_codes if c]
    names: dict[str, str] = {}
    for i in range(0, len(region_codes), 900):
        names.update(Region.objects.filter(code__in=region_codes[i : i + 900]).values_list("code", "name"))
    return names


def village_table(code: str, period: dt.date) -> list[AreaRow]:
    """Every village under a region with a quota or people, lowest commitment first (for the reports)."""
    reader = RollupReader()
    if codes.is_village(code):
        rows = [r for r in reader.region_rows(period, code) if r["dimension"] == Dimension.TOTAL]
    else:
        rows = reader.villages(period, code)
    out = _village_rows(rows, region_names([str(r["region_code"]) for r in rows]))
    return sorted(
        out,
        key=lambda a: (
            a.counts.commitment_percent is None,
            a.counts.commitment_percent or Decimal(0),
            a.code,
        ),
    )


def public_figures(figures: Figures) -> Figures:
    """The public version: the same figures, with breakdown cells of 1-2 people shown as "<3"."""
    breakdowns = {
        dim: [dataclasses.replace(b, suppressed=0 < b.counts.total < PUBLIC_MIN_CELL) for b in rows]
        for dim, rows in figures.breakdowns.items()
    }
    return dataclasses.replace(figures, public=True, breakdowns=breakdowns)
