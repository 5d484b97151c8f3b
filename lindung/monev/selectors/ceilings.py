"""The money side of the figures: the month's programmes, their ceilings attributed to a region and to the
regions below it, and the price of a person-year used where a region has nobody enrolled to average."""

# ruff: noqa: S608 - SQL text is assembled from table names of Django models and from constants; every value
# (codes, ids, quotas) is passed as a query parameter.

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db import connection

from lindung.contributions.calculator import QuoteCache
from lindung.core.money import round_rupiah
from lindung.core.months import month_add
from lindung.programmes.models import FundingSource, Programme, Segment, VillageQuota
from lindung.programmes.planner import VILLAGE_TYPES
from lindung.regions import codes
from lindung.regions.models import Region

from ..models import Dimension
from ..rollup import programmes_in_period
from .builds import period_remembered, remembered
from .reader import Row
from .types import AreaRow, Budget, Counts, ProgrammeLine


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


def period_programmes(period: dt.date) -> list[ProgrammeSummary]:
    """Every programme a period reports on, by code: read once per build of the month and process.

    A page keeps the few that touch its region (a comparison of codes); asking the database for them with
    the period's hundreds of ids cost a desa page more than all its rollup reads together.
    """

    def read() -> list[ProgrammeSummary]:
        ids = set(programmes_in_period(period))
        fields = [f.name for f in dataclasses.fields(ProgrammeSummary)]
        rows = Programme.objects.filter(fiscal_year__in=[period.year - 1, period.year, period.year + 1])
        return [ProgrammeSummary(*row) for row in rows.order_by("code").values_list(*fields) if row[0] in ids]

    return period_remembered(period, "programmes", read)


def programme_summaries(period: dt.date, code: str) -> list[ProgrammeSummary]:
    """The period's programmes (``rollup.programmes_in_period``) that touch a region, as summaries."""
    return [p for p in period_programmes(period) if codes.overlap(p.coverage_region_id, code)]


def programme_quota_total(period: dt.date, programme: ProgrammeSummary) -> int:
    """Quota places of a whole programme, counted from the region table as the rollup build counts them.

    Remembered per build of the month: every page under a kabupaten programme needs it.
    """

    def read() -> int:
        desa_types = ", ".join(f"'{t}'" for t in VILLAGE_TYPES)
        default = programme.quota_per_village or 0
        sql = (
            f"SELECT COALESCE(SUM(COALESCE(vq.quota, %s)), 0) FROM {Region._meta.db_table} r "
            f"LEFT JOIN {VillageQuota._meta.db_table} vq ON vq.programme_id = %s AND vq.village_id = r.code "
            "WHERE r.code >= %s AND r.code < %s AND r.level = 4 AND r.retired_at IS NULL "
            f"AND (vq.quota IS NOT NULL OR r.type IN ({desa_types})) AND COALESCE(vq.quota, %s) > 0"
        )
        low, high = codes.subtree_range(programme.coverage_region_id)
        with connection.cursor() as cursor:
            cursor.execute(sql, [default, programme.pk, low, high, default])
            return int(cursor.fetchone()[0] or 0)

    return period_remembered(period, f"quota_total:{programme.pk}", read)


def ceiling_share(
    period: dt.date, programme: ProgrammeSummary, code: str, quota_here: int
) -> tuple[int, str]:
    """The part of a programme's ceiling that belongs to a region, and how it was found (CEILING_NOTES).

    The whole ceiling when the programme's coverage area lies inside the region; for a region inside the
    coverage area, the ceiling in proportion to the region's quota places (a kabupaten programme's
    ceiling spread over its villages as the planner plans it). Nothing for a region outside the area.
    """
    ceiling = programme.budget_ceiling or 0
    coverage = programme.coverage_region_id
    if not ceiling:
        return 0, "unset"
    if codes.within(coverage, code):
        return ceiling, ""
    if codes.within(code, coverage):
        total = programme_quota_total(period, programme)
        if not total:
            return 0, "no_village_quota"
        return round_rupiah(Decimal(ceiling) * quota_here / total), "by_quota"
    return 0, ""


def region_budget(period: dt.date, code: str, counts: Counts, programme_rows: dict[str, Row]) -> Budget:
    """The region's budget: each programme touching it with its counts there and its share of the ceiling."""
    lines = []
    for p in programme_summaries(period, code):
        c = Counts.from_row(programme_rows.get(str(p.pk)))
        share, basis = ceiling_share(period, p, code, c.quota)
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
    return Budget(
        ceiling=sum(line.ceiling_share for line in lines),
        committed=counts.committed,
        realised=counts.realised,
        programmes=lines,
    )


def set_child_ceilings(
    period: dt.date, code: str, children: list[AreaRow], child_quota: dict[str, dict[str, int]]
) -> None:
    """Each child's ceiling: its share of every programme of the region that reaches it, by its quota."""
    programmes = programme_summaries(period, code)
    for child in children:
        quotas = child_quota.get(child.code, {})
        child.ceiling = sum(
            ceiling_share(period, p, child.code, quotas.get(str(p.pk), 0))[0]
            for p in programmes
            if codes.overlap(p.coverage_region_id, child.code)
        )


def child_programme_quota(rows: list[Row]) -> dict[str, dict[str, int]]:
    """Quota places per child region and programme id, from the children's programme rows."""
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        if r["dimension"] == Dimension.PROGRAMME:
            # ``quota`` is one of the rollup's integer measure columns: an int, or NULL.
            quota = cast("int | None", r["quota"])
            out.setdefault(str(r["region_code"]), {})[str(r["key"])] = int(quota or 0)
    return out


def person_year_cost(period: dt.date) -> int:
    """A year of the minimum package (BPU JKK+JKM at Rp 1.000.000, APBD-funded, so never discounted).

    Used to price the UCJ gap where a region has no enrolment of its own to average: Rp 16.800 × 12.
    """

    def read() -> int:
        quotes = QuoteCache(segment=Segment.BPU, funding_source=FundingSource.APBD_KABUPATEN)
        start = dt.date(period.year, 1, 1)
        try:
            return sum(quotes.quote(month_add(start, i), 1_000_000).programme_share for i in range(12))
        except (LookupError, ValueError):
            return 0

    return remembered(f"monev:person_year_cost:{period:%Y}", read)
