"""The UCJ page's reads: a region's insurer-based UCJ for a month (``denominators.region_ucj``) with the
months the insurer reported, and the vulnerable-worker counts entered or counted for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lindung.regions.models import InsurerParticipantCount, Region, VulnerableWorkerCount

from ..models import Dimension
from .builds import latest_period
from .denominators import region_ucj
from .reader import RollupReader
from .types import Counts
from .ucj import UcjFigure


@dataclass
class UcjPage:
    region_code: str
    region_name: str
    period: dt.date
    ucj: UcjFigure
    reported: list[InsurerParticipantCount]
    counts: list[VulnerableWorkerCount]

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": {"code": self.region_code, "name": self.region_name},
            "period": self.period.isoformat()[:7],
            "ucj": self.ucj.to_dict(),
            "insurer_months": [
                {
                    "period": r.period.isoformat()[:7],
                    "pu": r.pu,
                    "bpu": r.bpu,
                    "jakon": r.jakon,
                    "active": r.active,
                    "working_population": r.working_population,
                    "edition": r.edition,
                    "file_name": r.file_name,
                }
                for r in self.reported
            ],
            "vulnerable_counts": [
                {
                    "year": c.year,
                    "count": c.count,
                    "source": c.source,
                    "source_note": c.source_note,
                    "goal_percent": None if c.goal_percent is None else str(c.goal_percent),
                }
                for c in self.counts
            ],
        }


def programme_active(code: str, period: dt.date) -> int:
    """The programme's active people in a region for a month, from the month's rollup (0 when not built)."""
    rows = RollupReader().region_rows(period, code)
    return Counts.from_row(next((r for r in rows if r["dimension"] == Dimension.TOTAL), None)).active


def ucj_page(code: str, period: dt.date | None = None) -> UcjPage:
    """A region's UCJ for a month (default: the latest built), its last 24 insurer months and its counts."""
    period = period or latest_period()
    region = Region.objects.filter(code=code).first()
    name = region.name if region else "Indonesia"
    figure = region_ucj(code, programme_active(code, period), period, [])
    reported = (
        list(InsurerParticipantCount.objects.filter(region_id=code).order_by("-period")[:24]) if code else []
    )
    counts = (
        list(VulnerableWorkerCount.objects.filter(region_id=code).order_by("-year", "source")[:20])
        if code
        else []
    )
    return UcjPage(code, name, period, figure, reported, counts)
