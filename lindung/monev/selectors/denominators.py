"""UCJ's denominator and target: working population and coverage targets per region (DOMAIN.md §5); the
insurer's numerator is laid over them by ``ucj``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from lindung.regions import codes
from lindung.regions.models import CoverageTarget, WorkingPopulation
from lindung.regions.selectors import region_children

from .builds import remembered
from .types import AreaRow, Ucj
from .ucj import UcjFigure, insurer_counts, vulnerable_goals, with_insurer


@dataclass(frozen=True)
class SummedPopulation:
    """A region without a figure of its own: its children's figures added up, when every child has one."""

    count: int
    year: int  # the latest of the children's years
    first_year: int  # the earliest
    source: str
    summed: int  # how many children
    formal: int | None
    informal: int | None
    construction: int | None
    note: str = ""


Population = WorkingPopulation | SummedPopulation


def working_populations(region_codes: list[str], year: int) -> dict[str, WorkingPopulation]:
    """The latest working-population row at or before ``year`` for each code ("" = Indonesia)."""
    real = [c for c in region_codes if c]
    qs = WorkingPopulation.objects.filter(year__lte=year)
    rows = list(qs.filter(region_id__in=real)) if real else []
    if "" in region_codes:
        rows += list(qs.filter(region__isnull=True))
    best: dict[str, WorkingPopulation] = {}
    for row in sorted(rows, key=lambda r: r.year):
        best[row.region_id or ""] = row
    return best


def live_children(code: str) -> list[str]:
    """Every current region directly below ``code`` (not only those with enrolments or quotas)."""
    return list(region_children(code).values_list("code", flat=True))


def population_for_region(
    code: str,
    year: int,
    children: Callable[[], list[str]] = list,
    populations: dict[str, WorkingPopulation] | None = None,
) -> Population | None:
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
    rows = list(working_populations(child_codes, year).values())
    if len(rows) != len(child_codes):
        return None
    years = sorted({r.year for r in rows})

    def total(attr: str) -> int | None:
        values = [getattr(r, attr) for r in rows]
        return None if any(v is None for v in values) else sum(values)

    return SummedPopulation(
        count=sum(r.count for r in rows),
        year=years[-1],
        first_year=years[0],
        source="; ".join(sorted({r.source for r in rows})),
        summed=len(rows),
        formal=total("formal"),
        informal=total("informal"),
        construction=total("construction"),
    )


def coverage_targets(region_codes: list[str], year: int) -> dict[str, CoverageTarget | None]:
    """The UCJ target in force for each code: the most specific region's own row, else the national one."""
    by_region = remembered(f"monev:targets:{year}", lambda: _year_targets(year))
    out = {}
    for code in region_codes:
        own = (by_region[a] for a in reversed(codes.ancestors_and_self(code)) if a in by_region)
        out[code] = next(own, None) or by_region.get("")
    return out


def _year_targets(year: int) -> dict[str, CoverageTarget]:
    """A year's UCJ targets by region code, "" for the national one (a row per province or kabupaten at most)."""
    return {r.region_id or "": r for r in CoverageTarget.objects.filter(year=year)}


def ucj_for(active: int, population: Population | None = None, target: CoverageTarget | None = None) -> Ucj:
    ucj = Ucj(active=active)
    if population is not None:
        ucj.working_population = population.count
        ucj.population_year = population.year
        ucj.population_source = population.source
        ucj.population_remark = population.note
        if isinstance(population, SummedPopulation):
            ucj.population_summed = population.summed
            ucj.population_first_year = population.first_year
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


def region_ucj(code: str, active: int, period: dt.date | int, children: list[AreaRow]) -> UcjFigure:
    """UCJ of a region, and of each child row with a working population (set on the row), for a month.

    The numerator is the insurer's count of active participants where a report is imported (``ucj``);
    ``active`` (the programme's own active people) is then the programme's contribution, and the fallback
    numerator otherwise. One read of working populations serves the region and its children; a region
    without a figure of its own sums its current children's, read only then. A year (an int) means its
    December.
    """
    if isinstance(period, int):
        period = dt.date(period, 12, 1)
    year = period.year
    child_codes = [c.code for c in children]
    populations = working_populations([code, *child_codes], year)
    below = (lambda: live_children(code)) if codes.level(code) < codes.VILLAGE else list
    population = population_for_region(code, year, below, populations)
    targets = coverage_targets([code, *child_codes], year)
    reported = insurer_counts([code, *child_codes], period)
    covered = {code: active} | {c.code: c.counts.active for c in children}
    goals = vulnerable_goals([code, *child_codes], year, covered)
    for child in children:
        base = None
        if child.code in populations:
            base = ucj_for(child.counts.active, populations[child.code], targets.get(child.code))
        elif child.code in reported:
            base = ucj_for(child.counts.active, None, targets.get(child.code))
        child.ucj = with_insurer(
            base,
            programme_active=child.counts.active,
            count=reported.get(child.code),
            vulnerable=goals.get(child.code),
        )
    figure = with_insurer(
        ucj_for(active, population, targets.get(code)),
        programme_active=active,
        count=reported.get(code),
        vulnerable=goals.get(code),
    )
    assert figure is not None
    return figure
