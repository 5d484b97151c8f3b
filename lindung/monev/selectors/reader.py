"""Raw, indexed reads on the rollup table (or its live temp copy), one method per question a page asks.

Callers pass dates, region codes, dimensions and limits; the WHERE and ORDER BY are written here, from this
module's constants, and every value is bound. Level, dimension and the "in arrears" test are written into the
SQL rather than bound: SQLite only uses a partial index (total rows of level 4, ``at_risk > 0``) when the
query names the same constants.
"""

# ruff: noqa: S608 - SQL text is assembled from table and column names of monev's own models and from the
# constants below; every value (dates, codes, limits) is passed as a query parameter.

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection

from lindung.regions import codes

from ..models import MEASURE_COLUMNS, Dimension
from ..rollup import ROLLUP_TABLE

VILLAGE_LEVEL = codes.VILLAGE
# The village lists: the fixed filters and orders they are read with, each served by a partial index.
_BEHIND = ("villages_below_half = 1", "commitment_permille, region_code")
_IN_ARREARS = ("at_risk > 0", "at_risk DESC, region_code")
Row = dict[str, object]


class RollupReader:
    """Reads of one rollup table: ``CoverageRollup``'s, or the temp table of a live computation."""

    columns = ("region_code", "level", "dimension", "key", *MEASURE_COLUMNS)

    def __init__(self, table: str = ROLLUP_TABLE):
        self.table = table
        self.vendor = connection.vendor

    def _date(self, day: dt.date):
        return day if self.vendor == "postgresql" else day.isoformat()

    def _fetch(self, where: str, params: list, *, order: str = "", limit: int | None = None) -> list[Row]:
        sql = f"SELECT {', '.join(self.columns)} FROM {self.table} WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        if limit:
            sql += " LIMIT %s"
            params = [*params, int(limit)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [dict(zip(self.columns, row, strict=True)) for row in cursor.fetchall()]

    def _below(
        self, period: dt.date, code: str, level: int, dimensions: Iterable[Dimension]
    ) -> tuple[str, list]:
        """The WHERE for "rows of these dimensions at ``level`` under ``code``" ("" = the whole country)."""
        dimensions = tuple(Dimension(d) for d in dimensions)
        if not dimensions:
            raise ValueError("Tidak ada dimensi yang diminta.")
        level = int(level)
        if len(dimensions) == 1:
            where = f"period = %s AND level = {level} AND dimension = '{dimensions[0].value}'"
        else:
            listed = ", ".join(f"'{d.value}'" for d in dimensions)
            where = f"period = %s AND level = {level} AND dimension IN ({listed})"
        params: list = [self._date(period)]
        if code:
            where += " AND region_code >= %s AND region_code < %s"
            params += list(codes.subtree_range(code))
        return where, params

    def region_rows(self, period: dt.date, code: str) -> list[Row]:
        """Every row of one region ("" = Indonesia) for the month: the total and each breakdown key."""
        return self._fetch(
            "period = %s AND level = %s AND region_code = %s",
            [self._date(period), codes.level(code), code],
        )

    def children(self, period: dt.date, code: str, dimensions: Iterable[Dimension]) -> list[Row]:
        """The rows of the regions one level below ``code``, in code order."""
        where, params = self._below(period, code, codes.level(code) + 1, dimensions)
        return self._fetch(where, params, order="region_code")

    def villages(self, period: dt.date, code: str) -> list[Row]:
        """The total row of every village under ``code``."""
        where, params = self._below(period, code, VILLAGE_LEVEL, [Dimension.TOTAL])
        return self._fetch(where, params)

    def villages_behind(self, period: dt.date, code: str, *, limit: int) -> list[Row]:
        """Villages under ``code`` whose quota is filled below the month's threshold, lowest first.

        "Below" is what the build counted (``villages_below_half``), so the list always matches the count.
        """
        return self._village_list(period, code, _BEHIND, limit)

    def villages_in_arrears(self, period: dt.date, code: str, *, limit: int) -> list[Row]:
        """Villages under ``code`` with people 2 to N months in arrears, most first."""
        return self._village_list(period, code, _IN_ARREARS, limit)

    def _village_list(self, period: dt.date, code: str, which: tuple[str, str], limit: int) -> list[Row]:
        condition, order = which
        where, params = self._below(period, code, VILLAGE_LEVEL, [Dimension.TOTAL])
        return self._fetch(f"{where} AND {condition}", params, order=order, limit=limit)

    def trend(self, code: str, first: dt.date, last: dt.date) -> dict[dt.date, Row]:
        """A region's total row for each built month from ``first`` to ``last``."""
        rows_sql = (
            f"SELECT period, {', '.join(MEASURE_COLUMNS)} FROM {self.table} "
            f"WHERE region_code = %s AND dimension = '{Dimension.TOTAL.value}' AND period >= %s AND period <= %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(rows_sql, [code, self._date(first), self._date(last)])
            out = {}
            for row in cursor.fetchall():
                period = row[0] if isinstance(row[0], dt.date) else dt.date.fromisoformat(str(row[0])[:10])
                out[period] = dict(zip(MEASURE_COLUMNS, row[1:], strict=True))
            return out
