"""The rollup table's indexes, checked through the query plans of the reads they exist for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lindung.monev.models import CoverageRollup, Dimension
from lindung.monev.selectors import RollupReader

pytestmark = pytest.mark.django_db

PERIOD = dt.date(2026, 3, 1)


def _rollup_of_a_province():
    # Two months of a province as a build writes them: 40 kabupaten, 600 kecamatan and 3,000 villages, each
    # with its total row and a dozen breakdown rows.
    rows = []
    regions = [(2, f"62.{k:02d}") for k in range(1, 41)]
    regions += [(3, f"62.{k:02d}.{d:02d}") for k in range(1, 41) for d in range(1, 16)]
    regions += [(4, f"62.{k:02d}.{v % 15 + 1:02d}.{2001 + v}") for k in range(1, 41) for v in range(75)]
    keys = [(Dimension.TOTAL, "")] + [(Dimension.CATEGORY, f"c{i}") for i in range(12)]
    for period in (PERIOD, dt.date(2026, 2, 1)):
        for n, (level, code) in enumerate(regions):
            for dimension, key in keys:
                rows.append(
                    CoverageRollup(
                        period=period,
                        level=level,
                        region_code=code,
                        dimension=dimension,
                        key=key,
                        quota=100,
                        active=n % 75,
                        at_risk=n % 3,
                        commitment_permille=n % 75 * 10,
                    )
                )
    CoverageRollup.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {CoverageRollup._meta.db_table}")


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql)
        return " ".join(row[0] for row in cursor.fetchall())


def test_the_village_lists_of_a_region_read_the_village_index():
    # In the unique index, a range of region codes also walks every breakdown row of its villages.
    _rollup_of_a_province()
    reader = RollupReader()
    for extra, order in [
        ("quota > 0 AND commitment_permille < 500", "commitment_permille, region_code"),
        ("at_risk > 0", "at_risk DESC, region_code"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            found = reader.below(PERIOD, "62.07", 4, Dimension.TOTAL, extra=extra, order=order, limit=20)
        assert len(found) == 20 and {r["region_code"][:6] for r in found} == {"62.07."}
        plan = _plan(queries.captured_queries[-1]["sql"])
        if connection.vendor == "postgresql":
            # The village index, or the list's own partial index, whose columns hold the region code too.
            lists = ("rollup_village_idx", "rollup_commitment_idx", "rollup_at_risk_idx")
            assert "coverage_rollup_unique" not in plan and any(name in plan for name in lists), plan
        else:
            # SQLite prefers the unique index's two equal columns to it; a SQLite install has few villages.
            assert "USING INDEX" in plan, plan
