"""UCJ from the insurer's figures (DOMAIN.md §5), and the vulnerable-worker goal tracked beside it.

UCJ = active participants reported by the insurer (PU + BPU + Jakon) ÷ working population. Only the insurer
knows every participant of a region; a programme's own active enrolments are a part of that numerator, shown
as the programme's contribution. Where no insurer report of the last ``INSURER_MAX_AGE_MONTHS`` months is
imported, UCJ falls back to the programme's own active people, labelled as such (``basis = "programme"``),
and no budget is sized from it.

The working population is the report's own where it gives one (the figure the report was measured
against), else the BPS row (``denominators``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lindung.core.months import month_add, month_label
from lindung.regions.models import InsurerParticipantCount, VulnerableWorkerCount

from .types import Ucj, percent

INSURER_MAX_AGE_MONTHS = 12
INSURER = "insurer"
PROGRAMME = "programme"


@dataclass(frozen=True)
class VulnerableGoal:
    """A region's vulnerable workers, its own goal (Kapuas: 90 %), and the programme's people against it."""

    count: int
    year: int
    source: str  # VulnerableWorkerCount.Source
    source_note: str
    goal_percent: Decimal | None
    covered: int  # the programme's active people in the region

    @property
    def goal_people(self) -> int | None:
        if self.goal_percent is None:
            return None
        return math.ceil(Decimal(self.count) * self.goal_percent / 100)

    @property
    def covered_percent(self) -> Decimal | None:
        return percent(self.covered, self.count)

    @property
    def goal_gap_people(self) -> int | None:
        needed = self.goal_people
        return None if needed is None else max(needed - self.covered, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "year": self.year,
            "source": self.source,
            "source_note": self.source_note,
            "goal_percent": _dec(self.goal_percent),
            "goal_people": self.goal_people,
            "covered": self.covered,
            "covered_percent": _dec(self.covered_percent),
            "goal_gap_people": self.goal_gap_people,
        }


@dataclass
class UcjFigure(Ucj):
    """``Ucj`` with its numerator's origin: the insurer's report, or (fallback) the programme's own people."""

    basis: str = PROGRAMME
    programme_active: int = 0
    pu: int | None = None
    bpu: int | None = None
    jakon: int | None = None
    insurer_period: dt.date | None = None
    insurer_edition: str = ""
    population_from_report: bool = False
    vulnerable: VulnerableGoal | None = None

    @property
    def from_insurer(self) -> bool:
        return self.basis == INSURER

    @property
    def insurer_period_label(self) -> str:
        return month_label(self.insurer_period) if self.insurer_period else ""

    @property
    def programme_share_percent(self) -> Decimal | None:
        """The programme's active people as a share of every active participant the insurer reports."""
        return percent(self.programme_active, self.active) if self.from_insurer else None

    @property
    def programme_ucj_percent(self) -> Decimal | None:
        """What the programme's people alone add to UCJ: its active ÷ working population."""
        return percent(self.programme_active, self.working_population)

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "basis": self.basis,
            "programme_active": self.programme_active,
            "programme_ucj_percent": _dec(self.programme_ucj_percent),
            "programme_share_percent": _dec(self.programme_share_percent),
            "pu": self.pu,
            "bpu": self.bpu,
            "jakon": self.jakon,
            "insurer_period": self.insurer_period.isoformat()[:7] if self.insurer_period else None,
            "insurer_edition": self.insurer_edition,
            "population_from_report": self.population_from_report,
            "vulnerable": self.vulnerable.to_dict() if self.vulnerable else None,
        }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def insurer_counts(region_codes: list[str], period: dt.date) -> dict[str, InsurerParticipantCount]:
    """Each region's latest insurer count in the ``INSURER_MAX_AGE_MONTHS`` months up to ``period``."""
    real = [c for c in region_codes if c]
    if not real:
        return {}
    oldest = month_add(period, -(INSURER_MAX_AGE_MONTHS - 1))
    rows = InsurerParticipantCount.objects.filter(
        region_id__in=real, period__gte=oldest, period__lte=period
    ).order_by("period")
    return {r.region_id: r for r in rows}


def vulnerable_goals(
    region_codes: list[str], year: int, covered: dict[str, int]
) -> dict[str, VulnerableGoal]:
    """Each region's vulnerable-worker count of the latest year up to ``year``: the registry's count where
    there is one, else the entered one; the goal % from whichever row of that year sets it."""
    real = [c for c in region_codes if c]
    if not real:
        return {}
    rows = VulnerableWorkerCount.objects.filter(region_id__in=real, year__lte=year).order_by("year")
    latest: dict[str, dict[str, VulnerableWorkerCount]] = {}
    for row in rows:
        by_source = latest.setdefault(row.region_id, {})
        if by_source and next(iter(by_source.values())).year != row.year:
            by_source.clear()
        by_source[row.source] = row
    out = {}
    for code, by_source in latest.items():
        chosen = (
            by_source.get(VulnerableWorkerCount.Source.REGISTRY)
            or by_source[VulnerableWorkerCount.Source.ENTERED]
        )
        goal = next(
            (r.goal_percent for r in (chosen, *by_source.values()) if r.goal_percent is not None), None
        )
        out[code] = VulnerableGoal(
            count=chosen.count,
            year=chosen.year,
            source=chosen.source,
            source_note=chosen.source_note,
            goal_percent=goal,
            covered=covered.get(code, 0),
        )
    return out


def with_insurer(
    ucj: Ucj | None,
    *,
    programme_active: int,
    count: InsurerParticipantCount | None,
    vulnerable: VulnerableGoal | None = None,
) -> UcjFigure | None:
    """``ucj`` (the programme-based figure of ``denominators``) with the insurer's numerator where reported.

    None when there is neither a working population nor an insurer figure giving one.
    """
    base = ucj if ucj is not None else Ucj(active=programme_active)
    figure = UcjFigure(
        **{f.name: getattr(base, f.name) for f in dataclasses.fields(Ucj)},
        programme_active=programme_active,
        vulnerable=vulnerable,
    )
    if count is not None:
        figure.basis = INSURER
        figure.active = count.active
        figure.pu, figure.bpu, figure.jakon = count.pu, count.bpu, count.jakon
        figure.insurer_period, figure.insurer_edition = count.period, count.edition
        if count.working_population:
            figure.working_population = count.working_population
            figure.population_year = count.period.year
            figure.population_source = count.edition
            figure.population_remark = ""
            figure.population_summed = 0
            figure.formal = figure.informal = figure.construction = None
            figure.population_from_report = True
    if ucj is None and not figure.population_from_report:
        return None
    return figure
