"""The figures of one region and month as values: counts, UCJ, budget lines, rows of regions and months.

Plain dataclasses that hold keys and numbers; their words (labels, notes) are looked up when read, so one
cached copy serves every language. ``to_dict`` is the JSON shape of the API (``api.routers.monev``).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext, ngettext

from lindung.enrolment.transitions import FUNDED, OCCUPYING

from ..formatting import percent_text
from ..models import MEASURE_COLUMNS, STATUS_COLUMNS, Dimension
from .labels import (
    CEILING_NOTES,
    CHILD_LEVEL_NAMES,
    CHILDREN_TITLES,
    LEVEL_KEYS,
    LEVEL_NAMES,
    STATUS_ORDER,
    breakdown_labels,
    month_name,
)

# Public cells of 1 or 2 (people, claims, families) are shown as "<3": in a small village a count by sex, age
# and category can point at one person (statistical disclosure control, as BPS publishes small areas).
PUBLIC_MIN_CELL = 3


def percent(part: int | Decimal, whole: int | Decimal | None) -> Decimal | None:
    """``part / whole × 100`` to two decimals, half-up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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
    billed: int = 0
    paid: int = 0
    lapsed: int = 0
    reactivated: int = 0
    lapse_due: int = 0
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
            **self.money_dict(),
        }

    @functools.cached_property
    def paid_percent(self) -> Decimal | None:
        """Paid for the month as a share of what its bills charge."""
        return percent(self.paid, self.billed)

    def money_dict(self) -> dict[str, Any]:
        """The month's bills and payments, and its lifecycle moves."""
        return {
            "billed": self.billed,
            "paid": self.paid,
            "paid_percent_of_billed": _dec(self.paid_percent),
            "lapsed": self.lapsed,
            "reactivated": self.reactivated,
            "lapse_due": self.lapse_due,
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
        return str(breakdown_labels()[self.dimension].get(self.key, self.key))

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
        return str(breakdown_labels()[Dimension.FUNDING].get(self.funding_source, self.funding_source))

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
            **self.counts.money_dict(),
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
            "billed": c.billed if c else None,
            "paid": c.paid if c else None,
            "lapsed": c.lapsed if c else None,
            "reactivated": c.reactivated if c else None,
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
    # The rule values the figures were read with: the month's "village behind" threshold (percent) and the
    # payment rule's arrears limit in months. Recommendations and headings put them into words.
    quota_threshold: Decimal
    lapse_limit: int
    recommendations: list = field(default_factory=list)
    live: bool = False
    public: bool = False
    # Claims by programme and year (``selectors.claims.ClaimTable``), read fresh on every call: not cached.
    claims: Any = None

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
    def quota_threshold_text(self) -> str:
        """``50 %``: the threshold as headings and notes print it, in the reader's language."""
        return percent_text(self.quota_threshold, places=None)

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
            **({"claims": self.claims.to_dict()} if self.claims is not None else {}),
        }
