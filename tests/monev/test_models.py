"""The rollup table's indexes, checked through the query plans of the reads they exist for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from lindung.monev.models import CoverageRollup, Dimension, MonevThreshold
from lindung.monev.selectors import RollupReader
from lindung.regions import codes

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
                        # Behind as the build counts it with the 50 % threshold: fewer than 50 of 100 places.
                        villages_below_half=int(level == 4 and n % 75 < 50),
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
    for village_list in (reader.villages_behind, reader.villages_in_arrears):
        with CaptureQueriesContext(connection) as queries:
            found = village_list(PERIOD, "62.07", limit=20)
        assert len(found) == 20 and all(codes.within(r["region_code"], "62.07") for r in found)
        plan = _plan(queries.captured_queries[-1]["sql"])
        if connection.vendor == "postgresql":
            # The village index, or the list's own partial index, whose columns hold the region code too.
            lists = ("rollup_village_idx", "rollup_commitment_idx", "rollup_at_risk_idx")
            assert "coverage_rollup_unique" not in plan and any(name in plan for name in lists), plan
        else:
            # SQLite prefers the unique index's two equal columns to it; a SQLite install has few villages.
            assert "USING INDEX" in plan, plan


@pytest.mark.parametrize("percent", ["0", "100.1"])
def test_a_threshold_is_a_share_of_the_quota(percent):
    with pytest.raises(IntegrityError), transaction.atomic():
        MonevThreshold.objects.create(
            key=MonevThreshold.Key.QUOTA_BEHIND,
            percent=Decimal(percent),
            valid_from=PERIOD,
            legal_basis="Uji",
        )


def test_one_threshold_row_per_key_and_start():
    seeded = MonevThreshold.objects.get(key=MonevThreshold.Key.QUOTA_BEHIND)
    with pytest.raises(IntegrityError), transaction.atomic():
        MonevThreshold.objects.create(
            key=seeded.key, percent=Decimal("40"), valid_from=seeded.valid_from, legal_basis="Uji"
        )
