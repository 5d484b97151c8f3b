"""The monev figures of one region and month: the only read layer behind the dashboard, the public page, the
PDF and spreadsheet reports and the JSON API, so their numbers cannot disagree.

Everything comes from the rollup (``monev.rollup``), a handful of indexed lookups whatever the level.
``monev_figures(..., live=True)`` computes the same figures straight from enrolments instead, for the
benchmark's baseline and for the tests that prove both agree.
"""

# ruff: noqa: S608 - SQL text is assembled from table and column names of this module's own models and from
# constants; every value (dates, codes, ids) is passed as a query parameter.

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lindung.core.money import round_rupiah
from lindung.core.services import audit_record
from lindung.enrolment.models import Status
from lindung.enrolment.transitions import FUNDED, OCCUPYING
from lindung.programmes.months import month_add, month_of

from .models import MEASURE_COLUMNS, STATUS_COLUMNS, Dimension, RollupState
from .rollup import (
    AGE_GROUPS,
    LIVE_TABLE,
    ROLLUP_TABLE,
    RollupBuild,
    level_of,
    programme_windows,
    programmes_in_period,
    regions_overlap,
)

# A village is "behind" when fewer than half of its quota places are taken (the commitment rule).
BELOW_HALF = Decimal("0.5")
LIST_LIMIT = 20
TREND_MONTHS = 12
CACHE_SECONDS = 600
PUBLIC_CACHE_SECONDS = 300
# Public breakdown cells of 1 or 2 people are shown as "<3": in a small village a count by sex, age and
# category can point at one person (statistical disclosure control, as BPS publishes small areas).
PUBLIC_MIN_CELL = 3

STATUS_ORDER = (
    Status.PROPOSED,
    Status.VERIFIED,
    Status.SUBMITTED,
    Status.ACTIVE,
    Status.NON_ACTIVE,
    Status.ENDED,
    Status.REJECTED,
)
# The API's key for a level (never translated); LEVEL_NAMES are the same words for people to read.
LEVEL_KEYS = {0: "nasional", 1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
LEVEL_NAMES = {
    0: _("nasional"),
    1: _("provinsi"),
    2: _("kabupaten/kota"),
    3: _("kecamatan"),
    4: _("desa/kelurahan"),
}
CHILD_LEVEL_NAMES = {0: _("Provinsi"), 1: _("Kabupaten/kota"), 2: _("Kecamatan"), 3: _("Desa/kelurahan")}
# The regions one level down as a group: whole sentences, because English needs the plural there and the
# bare names above are singular in the catalogue ("Kecamatan" heads a column elsewhere).
CHILDREN_TITLES = {
    0: _("Provinsi di %(region)s"),
    1: _("Kabupaten/kota di %(region)s"),
    2: _("Kecamatan di %(region)s"),
    3: _("Desa/kelurahan di %(region)s"),
}
# The age groups as pages show them; rollup.AGE_GROUPS keeps the Indonesian ones the build itself uses.
AGE_LABELS = {"a00_24": _("di bawah 25"), "a65": _("65 ke atas")}
# Why a programme's ceiling is or is not attributed to a region in full (ProgrammeLine.ceiling_basis).
CEILING_NOTES = {
    "unset": _("pagu belum diisi"),
    "no_village_quota": _("program tanpa kuota desa: pagu tidak dapat dibagi per wilayah"),
    "by_quota": _("sebanding kuota"),
}


def month_name(period: dt.date) -> str:
    """``Maret 2026`` (``March 2026`` in English): the month in the active language, as templates write it."""
    return dateformat.format(period, "F Y")


def percent(part: int | Decimal, whole: int | Decimal | None) -> Decimal | None:
    """``part / whole × 100`` to two decimals, half-up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Enrolments by status and the money and quota that go with them, for one row of the rollup.

    Frozen, so the sums and shares below are worked out once: a page reads each several times per row.
    """

    proposed: int = 0
    verified: int = 0
    rejected: int = 0
    submitted: int = 0
    active: int = 0
    non_active: int = 0
    ended: int = 0
    committed: int = 0
    realised: int = 0
    at_risk: int = 0
    quota: int = 0
    villages: int = 0
    villages_below_half: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any] | None) -> Counts:
        if not row:
            return cls()
        return cls(**{c: int(row.get(c) or 0) for c in MEASURE_COLUMNS})

    @functools.cached_property
    def occupying(self) -> int:
        """People holding a quota place: proposed, verified, submitted, active or non-active."""
        return sum(getattr(self, s) for s in STATUS_COLUMNS if s in OCCUPYING)

    @functools.cached_property
    def funded(self) -> int:
        return sum(getattr(self, s) for s in STATUS_COLUMNS if s in FUNDED)

    @functools.cached_property
    def total(self) -> int:
        return sum(getattr(self, s) for s in STATUS_COLUMNS)

    @functools.cached_property
    def commitment_percent(self) -> Decimal | None:
        return percent(self.occupying, self.quota)

    @functools.cached_property
    def coverage_percent(self) -> Decimal | None:
        return percent(self.active, self.quota)

    def status_dict(self) -> dict[str, int]:
        return {str(s.value): getattr(self, s) for s in STATUS_ORDER}

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status_dict(),
            "total": self.total,
            "occupying": self.occupying,
            "active": self.active,
            "quota": self.quota,
            "commitment_percent": _dec(self.commitment_percent),
            "coverage_percent": _dec(self.coverage_percent),
            "villages_with_quota": self.villages,
            "villages_below_half": self.villages_below_half,
            "committed": self.committed,
            "realised": self.realised,
            "at_risk": self.at_risk,
        }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class BreakdownRow:
    dimension: str
    key: str
    counts: Counts
    suppressed: bool = False

    @property
    def label(self) -> str:
        return str(_labels()[self.dimension].get(self.key, self.key))

    def to_dict(self) -> dict[str, Any]:
        if self.suppressed:
            return {"key": self.key, "label": self.label, "total": None, "active": None, "suppressed": True}
        return {
            "key": self.key,
            "label": self.label,
            "total": self.counts.total,
            "occupying": self.counts.occupying,
            "active": self.counts.active,
            "committed": self.counts.committed,
        }


@dataclass
class Ucj:
    """Universal Coverage Jamsostek for a region: active participants ÷ working population (DOMAIN.md §5)."""

    active: int
    working_population: int | None = None
    population_year: int | None = None
    population_source: str = ""
    population_remark: str = ""  # as entered with the population figure
    # A region without a figure of its own gets its children's sum: how many, and the earliest of their years.
    population_summed: int = 0
    population_first_year: int | None = None
    formal: int | None = None
    informal: int | None = None
    construction: int | None = None
    target_percent: Decimal | None = None
    target_year: int | None = None
    target_source: str = ""
    target_region: str = ""

    @property
    def percent(self) -> Decimal | None:
        return percent(self.active, self.working_population)

    @property
    def population_note(self) -> str:
        if not self.population_summed:
            return self.population_remark
        note = ngettext(
            "Jumlah dari %(n)s wilayah di bawahnya",
            "Jumlah dari %(n)s wilayah di bawahnya",
            self.population_summed,
        ) % {"n": self.population_summed}
        if self.population_first_year is not None and self.population_first_year != self.population_year:
            note += " " + gettext("(tahun %(first)s–%(last)s)") % {
                "first": self.population_first_year,
                "last": self.population_year,
            }
        return note

    @property
    def target_people(self) -> int | None:
        """Participants the target needs: working population × target %, rounded up to a whole person."""
        if self.working_population is None or self.target_percent is None:
            return None
        return math.ceil(Decimal(self.working_population) * self.target_percent / 100)

    @property
    def gap_people(self) -> int | None:
        """People still to enrol to reach the target; 0 once reached."""
        needed = self.target_people
        return None if needed is None else max(needed - self.active, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "active": self.active,
            "working_population": self.working_population,
            "population_year": self.population_year,
            "population_source": self.population_source,
            "population_note": self.population_note,
            "formal": self.formal,
            "informal": self.informal,
            "construction": self.construction,
            "percent": _dec(self.percent),
            "target_percent": _dec(self.target_percent),
            "target_year": self.target_year,
            "target_source": self.target_source,
            "target_people": self.target_people,
            "gap_people": self.gap_people,
        }


@dataclass
class ProgrammeLine:
    id: int
    code: str
    name: str
    funding_source: str
    coverage: str
    counts: Counts
    ceiling_share: int
    ceiling_basis: str = ""  # a key of CEILING_NOTES, or "" for none

    @property
    def funding_label(self) -> str:
        return str(_labels()[Dimension.FUNDING].get(self.funding_source, self.funding_source))

    @property
    def ceiling_note(self) -> str:
        return str(CEILING_NOTES[self.ceiling_basis]) if self.ceiling_basis else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "funding_source": self.funding_source,
            "coverage_region": self.coverage,
            "quota": self.counts.quota,
            "occupying": self.counts.occupying,
            "active": self.counts.active,
            "ceiling": self.ceiling_share,
            "ceiling_note": self.ceiling_note,
            "committed": self.counts.committed,
            "realised": self.counts.realised,
        }


@dataclass
class Budget:
    ceiling: int
    committed: int
    realised: int
    programmes: list[ProgrammeLine] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        """Ceiling not yet committed; negative when commitments exceed the ceiling."""
        return self.ceiling - self.committed

    @property
    def realised_percent(self) -> Decimal | None:
        return percent(self.realised, self.committed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ceiling": self.ceiling,
            "committed": self.committed,
            "realised": self.realised,
            "remaining": self.remaining,
            "realised_percent_of_committed": _dec(self.realised_percent),
            "programmes": [p.to_dict() for p in self.programmes],
        }


@dataclass
class AreaRow:
    """A child region (drill-down row) or a village in a list, with its own UCJ where it has a denominator."""

    code: str
    name: str
    level: int
    counts: Counts
    ucj: Ucj | None = None
    ceiling: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            **self.counts.to_dict(),
            "ucj_percent": _dec(self.ucj.percent) if self.ucj else None,
            "ucj_gap_people": self.ucj.gap_people if self.ucj else None,
            "ceiling": self.ceiling,
        }


@dataclass
class TrendPoint:
    period: dt.date
    counts: Counts | None

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "period": self.period.isoformat()[:7],
            "label": month_name(self.period),
            "available": c is not None,
            "active": c.active if c else None,
            "occupying": c.occupying if c else None,
            "committed": c.committed if c else None,
            "realised": c.realised if c else None,
        }


@dataclass
class Figures:
    region_code: str
    region_name: str
    level: int
    path: list[tuple[str, str]]
    period: dt.date
    refreshed_at: dt.datetime | None
    counts: Counts
    breakdowns: dict[str, list[BreakdownRow]]
    children: list[AreaRow]
    low_villages: list[AreaRow]
    risk_villages: list[AreaRow]
    ucj: Ucj
    budget: Budget
    trend: list[TrendPoint]
    person_year_cost: int
    recommendations: list = field(default_factory=list)
    live: bool = False
    public: bool = False

    @property
    def level_name(self) -> str:
        return str(LEVEL_NAMES[self.level])

    @property
    def child_level_name(self) -> str:
        return str(CHILD_LEVEL_NAMES.get(self.level, ""))

    @property
    def children_title(self) -> str:
        """``Kecamatan di Kabupaten Kapuas``; empty for a village, which has no regions below."""
        title = CHILDREN_TITLES.get(self.level)
        return str(title) % {"region": self.region_name} if title is not None else ""

    @property
    def period_label(self) -> str:
        return month_name(self.period)

    @property
    def available(self) -> bool:
        return self.refreshed_at is not None

    @property
    def status_rows(self) -> list[dict[str, Any]]:
        status = self.counts.status_dict()
        return [
            {"status": str(s.value), "label": str(s.label), "count": status[str(s.value)]}
            for s in STATUS_ORDER
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": {
                "code": self.region_code,
                "name": self.region_name,
                "level": LEVEL_KEYS[self.level],
                "level_label": self.level_name,
            },
            "path": [{"code": c, "name": n} for c, n in self.path],
            "period": self.period.isoformat()[:7],
            "period_label": self.period_label,
            "refreshed_at": self.refreshed_at.isoformat() if self.refreshed_at else None,
            "public": self.public,
            "people": self.counts.to_dict(),
            "breakdowns": {k: [r.to_dict() for r in rows] for k, rows in self.breakdowns.items()},
            "children": [c.to_dict() for c in self.children],
            "villages_below_half": [v.to_dict() for v in self.low_villages],
            "villages_at_risk": [v.to_dict() for v in self.risk_villages],
            "ucj": self.ucj.to_dict(),
            "budget": self.budget.to_dict(),
            "person_year_cost": self.person_year_cost,
            "trend": [t.to_dict() for t in self.trend],
            "recommendations": [r.to_dict() for r in self.recommendations],
        }


# ---------------------------------------------------------------------------------------------------------
# Reading the rollup
# ---------------------------------------------------------------------------------------------------------


class RollupReader:
    """Raw, indexed reads on the rollup table (or its live temp copy)."""

    columns = ("region_code", "level", "dimension", "key", *MEASURE_COLUMNS)

    def __init__(self, table: str = ROLLUP_TABLE):
        self.table = table
        self.vendor = connection.vendor

    def d(self, day: dt.date):
        return day if self.vendor == "postgresql" else day.isoformat()

    def _fetch(self, where: str, params: list, order: str = "", limit: int | None = None) -> list[dict]:
        sql = f"SELECT {', '.join(self.columns)} FROM {self.table} WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [dict(zip(self.columns, row, strict=True)) for row in cursor.fetchall()]

    def region_rows(self, period: dt.date, code: str) -> list[dict]:
        return self._fetch(
            "period = %s AND level = %s AND region_code = %s", [self.d(period), level_of(code), code]
        )

    def below(
        self,
        period: dt.date,
        code: str,
        level: int,
        dimension: str | tuple[str, ...],
        extra: str = "",
        order: str = "",
        limit=None,
    ) -> list[dict]:
        # Level and dimension are written into the SQL, not bound: SQLite only uses a partial index (total
        # rows of level 4) when the query names the same constants. Both come from this module, never a user.
        dimensions = (dimension,) if isinstance(dimension, str) else dimension
        if not set(dimensions) <= set(Dimension.values):
            raise ValueError(dimension)
        if len(dimensions) == 1:
            where = f"period = %s AND level = {int(level)} AND dimension = '{dimensions[0]}'"
        else:
            listed = ", ".join(f"'{d}'" for d in dimensions)
            where = f"period = %s AND level = {int(level)} AND dimension IN ({listed})"
        params: list = [self.d(period)]
        if code:
            where += " AND region_code >= %s AND region_code < %s"
            params += [code + ".", code + "/"]
        if extra:
            where += f" AND {extra}"
        return self._fetch(where, params, order, limit)

    def trend(self, code: str, first: dt.date, last: dt.date) -> dict[dt.date, dict]:
        rows_sql = (
            f"SELECT period, {', '.join(MEASURE_COLUMNS)} FROM {self.table} "
            f"WHERE region_code = %s AND dimension = '{Dimension.TOTAL.value}' AND period >= %s AND period <= %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(rows_sql, [code, self.d(first), self.d(last)])
            out = {}
            for row in cursor.fetchall():
                period = row[0] if isinstance(row[0], dt.date) else dt.date.fromisoformat(str(row[0])[:10])
                out[period] = dict(zip(MEASURE_COLUMNS, row[1:], strict=True))
            return out


# ---------------------------------------------------------------------------------------------------------
# Labels, denominators, targets
# ---------------------------------------------------------------------------------------------------------


@functools.cache
def _labels() -> dict[str, dict[str, Any]]:
    """Breakdown labels by dimension and key, still lazy: they are put into words in the reader's language."""
    from lindung.people.models import Category, Gender
    from lindung.programmes.models import FundingSource

    return {
        Dimension.CATEGORY: dict(Category.choices),
        Dimension.GENDER: dict(Gender.choices),
        Dimension.AGE: {key: AGE_LABELS.get(key, label) for key, _upper, label in AGE_GROUPS},
        Dimension.FUNDING: dict(FundingSource.choices),
    }


def _region_names(codes: list[str]) -> dict[str, str]:
    from lindung.regions.models import Region

    codes = [c for c in codes if c]
    names: dict[str, str] = {}
    for i in range(0, len(codes), 900):
        names.update(Region.objects.filter(code__in=codes[i : i + 900]).values_list("code", "name"))
    return names


def _ancestors_and_self(code: str) -> list[str]:
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def working_populations(codes: list[str], year: int) -> dict[str, Any]:
    """The latest working-population row at or before ``year`` for each code ("" = Indonesia)."""
    from lindung.regions.models import WorkingPopulation

    real = [c for c in codes if c]
    qs = WorkingPopulation.objects.filter(year__lte=year)
    rows = list(qs.filter(region_id__in=real)) if real else []
    if "" in codes:
        rows += list(qs.filter(region__isnull=True))
    best: dict[str, Any] = {}
    for row in sorted(rows, key=lambda r: r.year):
        best[row.region_id or ""] = row
    return best


def _ucj_for(code: str, active: int, year: int, population=None, target=None) -> Ucj:
    ucj = Ucj(active=active)
    if population is not None:
        ucj.working_population = population.count
        ucj.population_year = population.year
        ucj.population_source = population.source
        ucj.population_remark = population.note
        ucj.population_summed = getattr(population, "summed", 0)
        ucj.population_first_year = getattr(population, "first_year", None)
        ucj.formal, ucj.informal, ucj.construction = (
            population.formal,
            population.informal,
            population.construction,
        )
    if target is not None:
        ucj.target_percent = target.percent
        ucj.target_year = target.year
        ucj.target_source = target.source
        ucj.target_region = target.region_id or ""
    return ucj


def coverage_targets(codes: list[str], year: int) -> dict[str, Any]:
    """The UCJ target in force for each code: the most specific region's own row, else the national one."""
    by_region = remembered(f"monev:targets:{year}", lambda: _year_targets(year))
    out = {}
    for code in codes:
        found = next((by_region[a] for a in reversed(_ancestors_and_self(code)) if a in by_region), None)
        out[code] = found or by_region.get("")
    return out


def _year_targets(year: int) -> dict[str, Any]:
    """A year's UCJ targets by region code, "" for the national one (a row per province or kabupaten at most)."""
    from lindung.regions.models import CoverageTarget

    return {r.region_id or "": r for r in CoverageTarget.objects.filter(year=year)}


def _live_children(code: str) -> list[str]:
    """Every current region directly below ``code`` (not only those with enrolments or quotas)."""
    from lindung.regions.selectors import region_children

    return list(region_children(code).values_list("code", flat=True))


def population_for_region(code: str, year: int, children=list, populations: dict[str, Any] | None = None):
    """A region's own working population, or the sum of its children's when every child has one.

    ``children`` gives the codes of the regions below; it is only asked when the region has no figure of
    its own. ``populations`` are rows the caller has already read with ``working_populations``, the
    region's own among them.
    """
    if populations is None:
        populations = working_populations([code], year)
    own = populations.get(code)
    if own is not None:
        return own
    child_codes = children()
    if not child_codes:
        return None
    rows = working_populations(child_codes, year)
    if len(rows) != len(child_codes):
        return None
    from types import SimpleNamespace

    years = sorted({r.year for r in rows.values()})

    def total(attr):
        values = [getattr(r, attr) for r in rows.values()]
        return None if any(v is None for v in values) else sum(values)

    return SimpleNamespace(
        count=sum(r.count for r in rows.values()),
        year=years[-1],
        source="; ".join(sorted({r.source for r in rows.values()})),
        note="",
        summed=len(rows),
        first_year=years[0],
        formal=total("formal"),
        informal=total("informal"),
        construction=total("construction"),
    )


@dataclass(frozen=True)
class ProgrammeSummary:
    """The few programme fields a monev page shows (a page may list hundreds: no model instances)."""

    pk: int
    code: str
    name: str
    funding_source: str
    coverage_region_id: str
    budget_ceiling: int | None
    quota_per_village: int | None


def programme_summaries(period: dt.date, code: str) -> list[ProgrammeSummary]:
    """The period's programmes (``rollup.programmes_in_period``) that touch a region, as summaries."""
    return [p for p in period_programmes(period) if regions_overlap(p.coverage_region_id, code)]


def period_programmes(period: dt.date) -> list[ProgrammeSummary]:
    """Every programme a period reports on, by code: read once per build of the month and process.

    A page keeps the few that touch its region (a comparison of codes); asking the database for them with
    the period's hundreds of ids cost a desa page more than all its rollup reads together.
    """

    def read() -> list[ProgrammeSummary]:
        from lindung.programmes.models import Programme

        ids = set(programmes_in_period(period))
        fields = [f.name for f in dataclasses.fields(ProgrammeSummary)]
        rows = Programme.objects.filter(fiscal_year__in=[period.year - 1, period.year, period.year + 1])
        return [ProgrammeSummary(*row) for row in rows.order_by("code").values_list(*fields) if row[0] in ids]

    return _period_memo(period, "programmes", read)


# Every page of a month reads the same few small tables: the month's programmes and their quota totals, the
# year's UCJ targets and person-year cost, the payment rule, the built months and their build states. Each
# process keeps them in memory, the month-bound ones per build of the month (a rebuild gives them a new key),
# and an edited target shows within CACHE_SECONDS, as in the figures it feeds. Memory, not the cache: every
# page reads them, and a cache unpickles (and, shared, reads a file).
_memos: dict[str, tuple[float, Any]] = {}


def remembered(key: str, read, seconds: float = CACHE_SECONDS):
    """``read()``, kept in this process for ``seconds`` under ``key`` (see above)."""
    now = time.monotonic()
    hit = _memos.get(key)
    if hit is not None and now < hit[0]:
        return hit[1]
    value = read()
    if len(_memos) > 256:
        _memos.clear()
    _memos[key] = (now + seconds, value)
    return value


def _period_memo(period: dt.date, name: str, read):
    return remembered(f"{figures_cache_key('', period)}:{name}", read)


def person_year_cost(period: dt.date) -> int:
    return remembered(f"monev:person_year_cost:{period:%Y}", lambda: _person_year_cost(period))


def _person_year_cost(period: dt.date) -> int:
    """A year of the minimum package (BPU JKK+JKM at Rp 1.000.000, APBD-funded, so never discounted).

    Used to price the UCJ gap where a region has no enrolment of its own to average: Rp 16.800 × 12.
    """
    from lindung.contributions.calculator import QuoteCache
    from lindung.programmes.models import FundingSource, Segment

    quotes = QuoteCache(segment=Segment.BPU, funding_source=FundingSource.APBD_KABUPATEN)
    start = dt.date(period.year, 1, 1)
    try:
        return sum(quotes.quote(month_add(start, i), 1_000_000).programme_share for i in range(12))
    except (LookupError, ValueError):
        return 0


# ---------------------------------------------------------------------------------------------------------
# Ceiling attribution
# ---------------------------------------------------------------------------------------------------------


class ProgrammeQuotaTotals:
    """Quota places of a whole programme, counted from the region table as the rollup build counts them.

    Remembered per build of the month (``_period_memo``): every page under a kabupaten programme needs it.
    """

    def __init__(self, period: dt.date):
        self._memo: dict[int, int] = _period_memo(period, "quota_totals", dict)

    def __call__(self, programme) -> int:
        if programme.pk not in self._memo:
            from lindung.programmes.models import VillageQuota
            from lindung.programmes.planner import VILLAGE_TYPES
            from lindung.regions.models import Region

            desa_types = ", ".join(f"'{t}'" for t in VILLAGE_TYPES)
            default = programme.quota_per_village or 0
            sql = (
                f"SELECT COALESCE(SUM(COALESCE(vq.quota, %s)), 0) FROM {Region._meta.db_table} r "
                f"LEFT JOIN {VillageQuota._meta.db_table} vq ON vq.programme_id = %s AND vq.village_id = r.code "
                "WHERE r.code >= %s AND r.code < %s AND r.level = 4 AND r.retired_at IS NULL "
                f"AND (vq.quota IS NOT NULL OR r.type IN ({desa_types})) AND COALESCE(vq.quota, %s) > 0"
            )
            cov = programme.coverage_region_id
            with connection.cursor() as cursor:
                cursor.execute(sql, [default, programme.pk, cov, cov + "/", default])
                self._memo[programme.pk] = int(cursor.fetchone()[0] or 0)
        return self._memo[programme.pk]


def _ceiling_share(programme, code: str, quota_here: int, totals: ProgrammeQuotaTotals) -> tuple[int, str]:
    """The part of a programme's ceiling that belongs to a region, and how it was found (CEILING_NOTES).

    The whole ceiling when the programme's coverage area lies inside the region; for a region inside the
    coverage area, the ceiling in proportion to the region's quota places (a kabupaten programme's
    ceiling spread over its villages as the planner plans it). Nothing for a region outside the area.
    """
    ceiling = programme.budget_ceiling or 0
    cov = programme.coverage_region_id
    if not ceiling:
        return 0, "unset"
    if not code or cov == code or cov.startswith(code + "."):
        return ceiling, ""
    if code.startswith(cov + "."):
        total = totals(programme)
        if not total:
            return 0, "no_village_quota"
        return round_rupiah(Decimal(ceiling) * quota_here / total), "by_quota"
    return 0, ""


# ---------------------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------------------


def latest_period() -> dt.date:
    """The most recent month that has been built, or this month when none has."""
    latest = RollupState.objects.order_by("-period").values_list("period", flat=True).first()
    return latest or month_of(timezone.localdate())


def available_periods() -> list[dt.date]:
    """The built months, newest first (the period picker of every page)."""
    return remembered(
        "monev:periods",
        lambda: list(RollupState.objects.order_by("-period").values_list("period", flat=True)[:36]),
        seconds=_STATE_SECONDS,
    )


def region_exists(code: str) -> bool:
    from lindung.regions.models import Region

    return code == "" or Region.objects.filter(code=code).exists()


# A page asks for the month's build state three or four times (cache keys, figures, programmes). Within one
# process it is remembered for a second: a rebuild shows at most a second later, and a page does one query.
_STATE_SECONDS = 1.0


def _state(period: dt.date) -> RollupState | None:
    return remembered(
        f"monev:state:{period:%Y-%m}",
        lambda: RollupState.objects.filter(period=period).first(),
        seconds=_STATE_SECONDS,
    )


def forget_state() -> None:
    """Drop the per-process memos of build states and month tables (after a build in this process, and in
    tests)."""
    _memos.clear()


def monev_figures(code: str, period: dt.date, *, live: bool = False, public: bool = False) -> Figures:
    """Every monev figure of a region ("" = Indonesia) for a month. Cached per (region, month, build)."""
    code = code or ""
    period = month_of(period)
    if live:
        return _figures_live(code, period, public=public)
    state = _state(period)
    key = _cache_key(code, period, public, state)
    # One entry serves every language: figures hold keys and numbers, and their words are looked up when
    # read (labels, notes, recommendations), so a page in English never leaves English in the Indonesian one.
    figures = cache.get(key)
    if figures is None:
        figures = _build_figures(code, period, RollupReader(), state.refreshed_at if state else None)
        if public:
            figures = public_figures(figures)
        cache.set(key, figures, PUBLIC_CACHE_SECONDS if public else CACHE_SECONDS)
    return figures


def _cache_key(code: str, period: dt.date, public: bool, state: RollupState | None) -> str:
    stamp = state.refreshed_at.timestamp() if state else 0
    return f"monev:fig:{'pub' if public else 'all'}:{code}:{period:%Y-%m}:{stamp}"


def figures_cache_key(code: str, period: dt.date, *, public: bool = False) -> str:
    """The cache key of a region's figures for a month: it changes with every build of that month."""
    period = month_of(period)
    return _cache_key(code or "", period, public, _state(period))


def _figures_live(code: str, period: dt.date, *, public: bool) -> Figures:
    """The same figures computed from enrolments without the rollup (a scoped build into a temp table)."""
    level = level_of(code)
    today = timezone.localdate()
    as_of = min(today, month_add(period, 1) - dt.timedelta(days=1))
    with transaction.atomic(), connection.cursor() as cursor:
        build = RollupBuild(
            period=period,
            programmes=programme_windows(period, as_of=as_of, scope=[code] if code else None),
            scope=[code] if code else None,
            table=LIVE_TABLE,
            as_of=as_of,
        )
        build.build(cursor, live_down_to=level)
        try:
            figures = _build_figures(code, period, RollupReader(LIVE_TABLE), timezone.now(), trend=False)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {LIVE_TABLE}")
    figures.live = True
    return public_figures(figures) if public else figures


def _build_figures(
    code: str, period: dt.date, reader: RollupReader, refreshed_at, *, trend: bool = True
) -> Figures:
    from .recommendations import recommendations_for

    level = level_of(code)
    rows = reader.region_rows(period, code)
    by_dim: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_dim.setdefault(row["dimension"], {})[row["key"]] = row
    counts = Counts.from_row(by_dim.get(Dimension.TOTAL, {}).get(""))

    labels = _labels()
    breakdowns: dict[str, list[BreakdownRow]] = {}
    for dimension in (Dimension.CATEGORY, Dimension.GENDER, Dimension.AGE, Dimension.FUNDING):
        found = by_dim.get(dimension, {})
        order = list(labels[dimension])
        breakdowns[str(dimension)] = sorted(
            (
                BreakdownRow(dimension=str(dimension), key=k, counts=Counts.from_row(r))
                for k, r in found.items()
            ),
            key=lambda b, order=order: (order.index(b.key) if b.key in order else len(order), b.key),
        )

    # Children (drill-down rows), with their own quota per programme for the ceiling.
    children: list[AreaRow] = []
    child_programme_quota: dict[str, dict[str, int]] = {}
    if level < 4:
        child_rows = []
        for r in reader.below(
            period, code, level + 1, (Dimension.TOTAL, Dimension.PROGRAMME), order="region_code"
        ):
            if r["dimension"] == Dimension.TOTAL:
                child_rows.append(r)
            else:
                child_programme_quota.setdefault(r["region_code"], {})[r["key"]] = int(r["quota"] or 0)
        children = [
            AreaRow(code=r["region_code"], name=r["region_code"], level=level + 1, counts=Counts.from_row(r))
            for r in child_rows
        ]
        # Ranked: the highest share of quota places taken first; regions without a quota last, by code.
        children.sort(
            key=lambda a: (a.counts.commitment_percent is None, -(a.counts.commitment_percent or 0), a.code)
        )

    # Programmes of the period that touch this region, with their ceilings attributed to it and to each child.
    programme_rows = by_dim.get(Dimension.PROGRAMME, {})
    programmes = {str(p.pk): p for p in programme_summaries(period, code)}
    totals = ProgrammeQuotaTotals(period)
    lines = []
    for key, p in sorted(programmes.items(), key=lambda kv: kv[1].code):
        c = Counts.from_row(programme_rows.get(key))
        share, basis = _ceiling_share(p, code, c.quota, totals)
        lines.append(
            ProgrammeLine(
                id=p.pk,
                code=p.code,
                name=p.name,
                funding_source=p.funding_source,
                coverage=p.coverage_region_id,
                counts=c,
                ceiling_share=share,
                ceiling_basis=basis,
            )
        )
    budget = Budget(
        ceiling=sum(line.ceiling_share for line in lines),
        committed=counts.committed,
        realised=counts.realised,
        programmes=lines,
    )
    for child in children:
        quotas = child_programme_quota.get(child.code, {})
        child.ceiling = sum(
            _ceiling_share(p, child.code, quotas.get(k, 0), totals)[0]
            for k, p in programmes.items()
            if regions_overlap(p.coverage_region_id, child.code)
        )

    # UCJ for the region and each child.
    year = period.year
    child_codes = [c.code for c in children]
    populations = working_populations([code, *child_codes], year)
    population = population_for_region(
        code, year, (lambda: _live_children(code)) if level < 4 else list, populations
    )
    targets = coverage_targets([code, *child_codes], year)
    ucj = _ucj_for(code, counts.active, year, population, targets.get(code))
    child_pop = {c: populations[c] for c in child_codes if c in populations}
    for child in children:
        if child.code in child_pop:
            child.ucj = _ucj_for(
                child.code, child.counts.active, year, child_pop[child.code], targets.get(child.code)
            )

    # Villages below half their quota, lowest first; villages with people 2-3 months in arrears.
    low = (
        reader.below(
            period,
            code,
            4,
            Dimension.TOTAL,
            extra="quota > 0 AND commitment_permille < 500",
            order="commitment_permille, region_code",
            limit=LIST_LIMIT,
        )
        if level < 4
        else [
            r
            for r in rows
            if r["dimension"] == Dimension.TOTAL
            and r["quota"]
            and 2 * Counts.from_row(r).occupying < r["quota"]
        ]
    )
    risk = (
        reader.below(
            period,
            code,
            4,
            Dimension.TOTAL,
            extra="at_risk > 0",
            order="at_risk DESC, region_code",
            limit=LIST_LIMIT,
        )
        if level < 4
        else [r for r in rows if r["dimension"] == Dimension.TOTAL and r["at_risk"]]
    )
    # Every name on the page in one read: the path down from Indonesia, the regions below, the villages listed.
    names = _region_names(_ancestors_and_self(code) + child_codes + [r["region_code"] for r in low + risk])
    path = [("", "Indonesia")] + [(c, names.get(c, c)) for c in _ancestors_and_self(code)]
    for child in children:
        child.name = names.get(child.code, child.code)
    low_villages = [
        AreaRow(
            code=r["region_code"],
            name=names.get(r["region_code"], ""),
            level=4,
            counts=Counts.from_row(r),
        )
        for r in low
    ]
    risk_villages = [
        AreaRow(
            code=r["region_code"],
            name=names.get(r["region_code"], ""),
            level=4,
            counts=Counts.from_row(r),
        )
        for r in risk
    ]

    points: list[TrendPoint] = []
    if trend:
        first = month_add(period, -(TREND_MONTHS - 1))
        found = reader.trend(code, first, period)
        points = [
            TrendPoint(period=m, counts=Counts.from_row(found[m]) if m in found else None)
            for m in (month_add(first, i) for i in range(TREND_MONTHS))
        ]
    else:
        points = [TrendPoint(period=period, counts=counts)]

    figures = Figures(
        region_code=code,
        region_name=path[-1][1],
        level=level,
        path=path,
        period=period,
        refreshed_at=refreshed_at,
        counts=counts,
        breakdowns=breakdowns,
        children=children,
        low_villages=low_villages,
        risk_villages=risk_villages,
        ucj=ucj,
        budget=budget,
        trend=points,
        person_year_cost=person_year_cost(period),
    )
    figures.recommendations = recommendations_for(figures)
    return figures


def village_table(code: str, period: dt.date) -> list[AreaRow]:
    """Every village under a region with a quota or people, lowest commitment first (for the reports)."""
    reader = RollupReader()
    level = level_of(code)
    if level == 4:
        rows = [r for r in reader.region_rows(period, code) if r["dimension"] == Dimension.TOTAL]
    else:
        rows = reader.below(period, code, 4, Dimension.TOTAL)
    names = _region_names([r["region_code"] for r in rows])
    out = [
        AreaRow(
            code=r["region_code"], name=names.get(r["region_code"], ""), level=4, counts=Counts.from_row(r)
        )
        for r in rows
    ]
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
    import copy

    out = copy.copy(figures)
    out.public = True
    out.breakdowns = {
        dim: [dataclasses.replace(b, suppressed=0 < b.counts.total < PUBLIC_MIN_CELL) for b in rows]
        for dim, rows in figures.breakdowns.items()
    }
    return out


# ---------------------------------------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------------------------------------


def monev_region_for(user, requested: str | None) -> str:
    """The region a signed-in user asked for, checked against their scope (default: their own region).

    A region outside the scope is a 404, and the attempt is logged as for a person's file.
    """
    from lindung.accounts.selectors import scope_of

    scope = scope_of(user)
    if not scope.allowed:
        raise Http404("Wilayah tidak ditemukan")
    code = (requested or "").strip() or scope.region_code
    if requested and not region_exists(code):
        raise Http404("Wilayah tidak ditemukan")
    if not scope.covers(code):
        audit_record(
            actor=user,
            action="access.denied",
            object_type="monev",
            object_id=code or "nasional",
            region_code=code,
            summary="Akses ditolak ke monev di luar wilayah",
        )
        raise Http404("Wilayah tidak ditemukan")
    return code


def parse_period(text: str | None) -> dt.date:
    """``2026-03`` → 1 March 2026; empty → the latest built month. ValueError carries an Indonesian message."""
    from lindung.programmes.months import month_parse

    if not text:
        return latest_period()
    return month_parse(text)
