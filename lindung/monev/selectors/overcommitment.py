"""Commitments above their ceiling, at every level a page can name: the region itself, each programme line,
each region one level down, and (on a province or kabupaten page) every village below with commitments.

A ceiling of 0 is "not set" (``CEILING_NOTES['unset']``), never exceeded. The villages' ceilings are each
programme's share by quota places (``ceilings.ceiling_share``), as the village's own page shows them.
"""

# ruff: noqa: S608 - SQL text is the rollup reader's, built from its constants; every value is bound.

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

from lindung.regions import codes
from lindung.regions.models import Region

from ..models import Dimension
from .ceilings import ceiling_share, programme_summaries
from .reader import VILLAGE_LEVEL, RollupReader

# Villages are read for these levels only: a national page would read every village of the country.
VILLAGE_SCAN_LEVELS = (1, 2)


def _over(kind: str, name: str, code: str, committed: int, ceiling: int) -> dict[str, Any] | None:
    if ceiling <= 0 or committed <= ceiling:
        return None
    return {
        "kind": kind,
        "name": name,
        "code": code,
        "committed": committed,
        "ceiling": ceiling,
        "excess": committed - ceiling,
    }


def over_commitments(figures, reader: RollupReader | None = None) -> list[dict[str, Any]]:
    """Every commitment above its ceiling on this page's figures, region first, largest excess first after."""
    region = _over(
        "region", figures.region_name, figures.region_code, figures.budget.committed, figures.budget.ceiling
    )
    below = [
        _over("programme", line.name, line.code, line.counts.committed, line.ceiling_share)
        for line in figures.budget.programmes
    ]
    below += [_over("area", c.name, c.code, c.counts.committed, c.ceiling) for c in figures.children]
    if figures.level in VILLAGE_SCAN_LEVELS:
        below += village_over_commitments(figures.period, figures.region_code, reader or RollupReader())
    ranked = sorted((f for f in below if f), key=lambda f: (-f["excess"], f["code"]))
    return ([region] if region else []) + ranked


def _village_rows(period: dt.date, code: str, reader: RollupReader) -> list[tuple]:
    """(code, name, dimension, key, committed, quota) of the villages under ``code`` with a commitment or a
    quota, their names joined in the same read."""
    region_table = Region._meta.db_table
    low, high = codes.subtree_range(code)
    sql = (
        f"SELECT r.region_code, g.name, r.dimension, r.key, r.committed, r.quota FROM {reader.table} r "
        f"JOIN {region_table} g ON g.code = r.region_code "
        f"WHERE r.period = %s AND r.level = {VILLAGE_LEVEL} "
        f"AND r.dimension IN ('{Dimension.TOTAL.value}', '{Dimension.PROGRAMME.value}') "
        "AND r.region_code >= %s AND r.region_code < %s AND (r.committed > 0 OR r.quota > 0)"
    )
    day = period if connection.vendor == "postgresql" else period.isoformat()
    with connection.cursor() as cursor:
        cursor.execute(sql, [day, low, high])
        return cursor.fetchall()


def village_over_commitments(period: dt.date, code: str, reader: RollupReader) -> list[dict[str, Any]]:
    """Villages under ``code`` whose commitments exceed their share of the programmes' ceilings."""
    totals: dict[str, tuple[str, int]] = {}
    quotas: dict[str, dict[str, int]] = {}
    for village, name, dimension, key, committed, quota in _village_rows(period, code, reader):
        if dimension == Dimension.TOTAL:
            totals[village] = (name, int(committed or 0))
        else:
            quotas.setdefault(village, {})[str(key)] = int(quota or 0)
    programmes = programme_summaries(period, code)
    out = []
    for village, (name, committed) in totals.items():
        if not committed:
            continue
        ceiling = sum(
            ceiling_share(period, p, village, quotas.get(village, {}).get(str(p.pk), 0))[0]
            for p in programmes
            if codes.overlap(p.coverage_region_id, village)
        )
        found = _over("village", name, village, committed, ceiling)
        if found:
            out.append(found)
    return out
