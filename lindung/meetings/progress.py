"""A measurable target's figure, read from the monev figures (``monev.selectors.monev_figures``), never typed.

Each target kind is one share of the region's figures for a month, in percent. The value at the meeting is
read once when the recommendation is adopted (``Recommendation.baseline``), the value at the next meeting
once when that meeting is recorded (``Meeting.follow_up``); the value now is read from the latest built month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lindung.monev.selectors import Figures, latest_period, monev_figures

from .models import TargetKind

_READERS: dict[str, Callable[[Figures], Decimal | None]] = {
    TargetKind.COMMITMENT: lambda f: f.counts.commitment_percent,
    TargetKind.COVERAGE: lambda f: f.counts.coverage_percent,
    TargetKind.PAID: lambda f: f.counts.paid_percent,
    TargetKind.UCJ: lambda f: f.ucj.percent,
}


def figure_value(figures: Figures, kind: str) -> Decimal | None:
    """The target kind's share in ``figures``; None for a month never built or a share with no denominator."""
    if not kind or not figures.available:
        return None
    return _READERS[kind](figures)


class FigureReader:
    """Reads each region's figures for a month once, however many targets name it."""

    def __init__(self, period: dt.date):
        self.period = period
        self._figures: dict[str, Figures] = {}

    def value(self, region_code: str | None, kind: str) -> Decimal | None:
        if not kind or region_code is None:
            return None
        if region_code not in self._figures:
            self._figures[region_code] = monev_figures(region_code, self.period)
        return figure_value(self._figures[region_code], kind)


@dataclass(frozen=True)
class Progress:
    """A target and its figure then (at the meeting) and now (the latest built month)."""

    kind: str
    target: Decimal | None
    then: Decimal | None
    now: Decimal | None
    period: dt.date

    @property
    def measurable(self) -> bool:
        return bool(self.kind) and self.target is not None

    @property
    def met(self) -> bool:
        return (
            self.target is not None and bool(self.kind) and self.now is not None and self.now >= self.target
        )

    @property
    def share(self) -> Decimal | None:
        """How far the figure has come towards the target, in percent, at most 100."""
        if not self.measurable or self.now is None or not self.target:
            return None
        share = (self.now * 100 / self.target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return min(share, Decimal(100))


def progress_of(recommendations: Iterable, *, period: dt.date | None = None) -> dict[int, Progress]:
    """Each recommendation's progress by id, from the figures of ``period`` (default: the latest built)."""
    reader = FigureReader(period or latest_period())
    return {
        r.pk: Progress(
            kind=r.target_kind,
            target=r.target_percent,
            then=r.baseline,
            now=reader.value(r.target_region_id, r.target_kind),
            period=reader.period,
        )
        for r in recommendations
    }
