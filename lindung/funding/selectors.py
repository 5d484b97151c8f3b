"""A regency's funding picture: every programme and source that pays for its people, month by month.

For each programme touching the regency: the people it plans for there and the money that commits (the
budget planner's figures), the people it holds each month (enrolments active in that month), what was billed
and what was paid. The regency's total per month counts a person once even when two programmes hold them
(``enrolled`` is the distinct workers; ``overlap`` is how many were counted twice in the programmes' sum).

Set-based: per month one grouped count and one distinct count; bills and payments one grouped query each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from lindung.accounts.access import access_require
from lindung.billing.models import BillLine, Payment
from lindung.core.months import month_add, month_label
from lindung.enrolment.models import Enrolment, Status
from lindung.programmes.models import FundingSource, Programme
from lindung.programmes.planner import PlanRefused, programme_budget_plan
from lindung.programmes.selectors import programmes_for_region
from lindung.regions import codes
from lindung.regions.codes import subtree_q
from lindung.regions.models import Region

# An enrolment holds its person between its start and end dates once the insurer has accepted it.
HELD = (Status.ACTIVE, Status.NON_ACTIVE, Status.ENDED)


class PictureRefused(ValueError):
    """The picture cannot be drawn (no such regency, a year out of range); Indonesian message."""


@dataclass
class SourceMonth:
    month: dt.date
    planned: int = 0
    committed: int = 0
    enrolled: int = 0
    billed: int = 0
    paid: int = 0


@dataclass
class ProgrammeLine:
    programme: Programme
    planned: int
    committed: int
    note: str
    months: list[SourceMonth]

    @property
    def source_label(self) -> str:
        label = FundingSource(self.programme.funding_source).label
        return f"{label} (payung)" if self.programme.umbrella else str(label)


@dataclass
class PictureMonth:
    month: dt.date
    planned: int = 0
    committed: int = 0
    enrolled_sum: int = 0
    enrolled: int = 0
    billed: int = 0
    paid: int = 0

    @property
    def overlap(self) -> int:
        return self.enrolled_sum - self.enrolled

    @property
    def label(self) -> str:
        return month_label(self.month)


@dataclass
class FundingPicture:
    region: Region
    year: int
    programmes: list[ProgrammeLine] = field(default_factory=list)
    months: list[PictureMonth] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return sum(line.planned for line in self.programmes)

    @property
    def committed(self) -> int:
        return sum(line.committed for line in self.programmes)

    @property
    def billed(self) -> int:
        return sum(m.billed for m in self.months)

    @property
    def paid(self) -> int:
        return sum(m.paid for m in self.months)

    def by_source(self) -> list[tuple[str, int, int]]:
        """(source, people planned, money committed), the sources in their usual order."""
        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for line in self.programmes:
            acc[line.source_label][0] += line.planned
            acc[line.source_label][1] += line.committed
        return [(label, p, c) for label, (p, c) in acc.items()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region.code,
            "region_name": self.region.name,
            "year": self.year,
            "planned": self.planned,
            "committed": self.committed,
            "billed": self.billed,
            "paid": self.paid,
            "programmes": [_line_dict(line) for line in self.programmes],
            "months": [_month_dict(m) for m in self.months],
        }


def _line_dict(line: ProgrammeLine) -> dict[str, Any]:
    return {
        "code": line.programme.code,
        "name": line.programme.name,
        "funding_source": line.programme.funding_source,
        "umbrella": line.programme.umbrella,
        "planned": line.planned,
        "committed": line.committed,
        "note": line.note,
        "months": [
            {"month": m.month.isoformat()[:7], "planned": m.planned, "committed": m.committed}
            | {"enrolled": m.enrolled, "billed": m.billed, "paid": m.paid}
            for m in line.months
        ],
    }


def _month_dict(m: PictureMonth) -> dict[str, Any]:
    return {
        "month": m.month.isoformat()[:7],
        "planned": m.planned,
        "committed": m.committed,
        "enrolled_sum": m.enrolled_sum,
        "enrolled": m.enrolled,
        "overlap": m.overlap,
        "billed": m.billed,
        "paid": m.paid,
    }


def _programmes(region: Region, year: int) -> list[Programme]:
    """Programmes of the year that pay for people in the regency: its own, and those from above covering it."""
    return list(
        programmes_for_region(region.code).filter(fiscal_year=year).order_by("funding_source", "code")
    )


def _plan(programme: Programme, region: Region) -> tuple[dict[dt.date, tuple[int, int]], int, str]:
    """Per month (people, committed) the planner gives for the programme inside the regency."""
    inside = codes.within(programme.coverage_region_id, region.code)
    try:
        plan = programme_budget_plan(programme, region_code=None if inside else region.code)
    except PlanRefused as exc:
        return {}, 0, str(exc)
    return {m.month: (m.people, m.amount) for m in plan.months}, plan.people, ""


def _held_in(enrolments: QuerySet[Enrolment], month: dt.date) -> QuerySet[Enrolment]:
    last = month_add(month, 1) - dt.timedelta(days=1)
    return enrolments.filter(start_date__lte=last).filter(Q(end_date__isnull=True) | Q(end_date__gte=month))


def _sums(qs, field_name: str) -> dict[tuple[int, dt.date], int]:
    rows = qs.values("programme_id", "month").annotate(total=Sum(field_name)).order_by()
    return {(r["programme_id"], r["month"]): r["total"] or 0 for r in rows}


def funding_picture(*, actor, region_code: str, year: int) -> FundingPicture:
    """The regency's picture for a fiscal year; refuses an actor without monev.view over the regency."""
    access_require(actor, "monev.view", region_code=region_code, object_type="region", object_id=region_code)
    region = Region.objects.filter(code=region_code).first()
    if region is None or region.level != codes.REGENCY:
        raise PictureRefused(f'Wilayah "{region_code}" bukan kabupaten/kota yang dikenal.')
    if not 2000 <= year <= 2100:
        raise PictureRefused(f"Tahun {year} harus 2000–2100.")
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    programmes = _programmes(region, year)
    ids = [p.pk for p in programmes]
    enrolments = Enrolment.objects.filter(
        subtree_q("village_id", region.code), programme_id__in=ids, status__in=HELD, start_date__isnull=False
    )
    held: dict[tuple[int, dt.date], int] = {}
    distinct: dict[dt.date, int] = {}
    for month in months:
        in_month = _held_in(enrolments, month)
        for row in in_month.values("programme_id").annotate(n=Count("id")).order_by():
            held[(row["programme_id"], month)] = row["n"]
        distinct[month] = in_month.values("worker_id").distinct().count()
    billed = _sums(
        BillLine.objects.filter(
            subtree_q("village_id", region.code), bill__programme_id__in=ids, month__year=year
        ).annotate(programme_id=F("bill__programme_id")),
        "amount",
    )
    paid = _sums(
        Payment.objects.filter(subtree_q("enrolment__village_id", region.code), month__year=year)
        .filter(enrolment__programme_id__in=ids)
        .annotate(programme_id=F("enrolment__programme_id")),
        "amount",
    )
    picture = FundingPicture(region=region, year=year)
    totals = {m: PictureMonth(month=m, enrolled=distinct[m]) for m in months}
    for programme in programmes:
        plan, planned, note = _plan(programme, region)
        line_months = []
        for m in months:
            people, amount = plan.get(m, (0, 0))
            key = (programme.pk, m)
            sm = SourceMonth(m, people, amount, held.get(key, 0), billed.get(key, 0), paid.get(key, 0))
            line_months.append(sm)
            total = totals[m]
            total.planned += sm.planned
            total.committed += sm.committed
            total.enrolled_sum += sm.enrolled
            total.billed += sm.billed
            total.paid += sm.paid
        committed = sum(sm.committed for sm in line_months)
        picture.programmes.append(ProgrammeLine(programme, planned, committed, note, line_months))
    picture.months = [totals[m] for m in months]
    return picture
