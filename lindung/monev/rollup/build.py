"""One build of the monev rollup: set-based SQL, the same on SQLite and PostgreSQL (docs/adr/0004).

One build runs inside one transaction:

1. Stage small temp tables: the month's programmes (with their arrears window), the contribution per
   person per (programme, category[, siltap]) from ``contributions.calculator``, payments per enrolment,
   and village quotas.
2. Stage one narrow row per enrolment (``monev_t_person``): village, status, category, sex, age group,
   funding source, contribution committed, paid so far, at risk of lapsing, the month's bill lines and
   payment, lapsed or reactivated in the month, due to lapse (``money``).
3. ``INSERT ... SELECT ... GROUP BY`` village rows for each dimension (total, programme, category, gender,
   age, funding), quota places included.
4. Roll each level up from the level below: kecamatan from desa rows, kabupaten from kecamatan rows,
   province from kabupaten rows, Indonesia from provinces. Every level is then one indexed lookup.

The build writes either into the real ``CoverageRollup`` table (``monev_refresh``) or into a temp copy of
it (``live`` mode, the baseline that computes a page without any rollup). Both use this code, so the
rollup and a live computation cannot disagree.
"""

# ruff: noqa: S608 - SQL text is assembled from table and column names of this module's own models and from
# constants; every value (dates, codes, ids, the threshold) is passed as a query parameter.

from __future__ import annotations

import calendar
import datetime as dt
import time
from collections.abc import Sequence

from django.db import connection

from lindung.core.months import month_add
from lindung.enrolment.models import Enrolment
from lindung.enrolment.transitions import FUNDED, OCCUPYING
from lindung.people.models import Worker
from lindung.programmes.models import VillageQuota
from lindung.programmes.planner import VILLAGE_TYPES
from lindung.regions import codes
from lindung.regions.models import Region

from ..models import MEASURE_COLUMNS, PREFIX_LENGTH, STATUS_COLUMNS, CoverageRollup, Dimension
from .money import MONEY_TABLES, PERSON_MONEY_COLUMNS, PERSON_MONEY_JOINS, PERSON_MONEY_SQL, stage_money
from .windows import ProgrammeWindow

ROLLUP_TABLE = CoverageRollup._meta.db_table
LIVE_TABLE = "monev_t_rollup"
TEMP_TABLES = ("monev_t_prog", "monev_t_cost", *MONEY_TABLES, "monev_t_person", "monev_t_quota")

# Age at the last day of the period, in the 10-year groups BPS uses for the labour force (15-24 merged with
# the few younger workers a programme may hold by exception).
AGE_GROUPS: tuple[tuple[str, int | None, str], ...] = (
    ("a00_24", 25, "di bawah 25"),
    ("a25_34", 35, "25–34"),
    ("a35_44", 45, "35–44"),
    ("a45_54", 55, "45–54"),
    ("a55_64", 65, "55–64"),
    ("a65", None, "65 ke atas"),
)

# Dimension → expression over monev_t_person.
DIMENSION_KEYS = {
    Dimension.TOTAL: "''",
    Dimension.PROGRAMME: "CAST(programme_id AS TEXT)",
    Dimension.CATEGORY: "category",
    Dimension.GENDER: "gender",
    Dimension.AGE: "age_group",
    Dimension.FUNDING: "funding",
}
QUOTA_DIMENSIONS = {Dimension.TOTAL: "''", Dimension.PROGRAMME: "CAST(programme_id AS TEXT)"}

INSERT_COLUMNS = (
    "period",
    "region_code",
    "level",
    "dimension",
    "key",
    *MEASURE_COLUMNS,
    "commitment_permille",
)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _months_before(last: dt.date | None, months: int) -> dt.date | None:
    return month_add(last, -months) if last else None


def _derived(occupying: str, quota: str) -> str:
    return f"CASE WHEN {quota} > 0 THEN ({occupying}) * 1000 / ({quota}) END"  # integer permille


class RollupBuild:
    """One build of one period, over the whole country (``scope=None``) or some subtrees.

    ``behind_permille`` is the month's "village behind" threshold (``MonevThreshold.QUOTA_BEHIND``) in
    permille: a village counts in ``villages_below_half`` when its occupied places are below it.
    """

    def __init__(
        self,
        *,
        period: dt.date,
        programmes: Sequence[ProgrammeWindow],
        scope: Sequence[str] | None,
        behind_permille: int,
        table: str = ROLLUP_TABLE,
        as_of: dt.date,
    ):
        self.period = period
        self.programmes = list(programmes)
        self.scope = None if scope is None or "" in scope else codes.minimal(scope)
        self.behind_permille = behind_permille
        self.table = table
        self.as_of = as_of
        self.vendor = connection.vendor
        self.rows_written = 0
        self.timings: dict[str, float] = {}  # seconds per step, for the benchmark and the logs

    # -- helpers ------------------------------------------------------------------------------------
    def d(self, day: dt.date | None):
        """A date parameter: a ``date`` for psycopg, ISO text for SQLite (which stores dates as text)."""
        if day is None:
            return None
        return day if self.vendor == "postgresql" else day.isoformat()

    @property
    def code_type(self) -> str:
        return 'varchar(13) COLLATE "C"' if self.vendor == "postgresql" else "varchar(13)"

    def within(self, column: str, prefixes: Sequence[str] | None) -> tuple[str, list]:
        """SQL for "``column`` is one of these regions or lies below one" (``regions.codes.subtree_range``)."""
        if prefixes is None or "" in prefixes:
            return "1=1", []
        parts, params = [], []
        for code in prefixes:
            # The region itself sorts just before its subtree's range, so one range holds both.
            parts.append(f"({column} >= %s AND {column} < %s)")
            params += [code, codes.subtree_range(code)[1]]
        return "(" + " OR ".join(parts) + ")", params

    def run(self, cursor, sql: str, params: Sequence = (), *, step: str = "") -> int:
        started = time.perf_counter()
        cursor.execute(sql, list(params))
        if step:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started
        return cursor.rowcount

    def drop_temp(self, cursor) -> None:
        for name in TEMP_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")

    # -- staging ------------------------------------------------------------------------------------
    def stage(self, cursor) -> None:
        """Step 1 and 2: the temp tables the rollup rows are summed from."""
        self.drop_temp(cursor)
        if self.vendor == "postgresql":
            # The staged tables are a few hundred MB at national scale; hashing them in memory is far
            # faster than spilling sorts to disk. LOCAL: reset at the end of the transaction.
            cursor.execute("SET LOCAL work_mem = '256MB'")
        self._stage_programmes(cursor)
        self._stage_costs(cursor)
        stage_money(self, cursor)
        self._stage_people(cursor)
        self._stage_quotas(cursor)
        if self.vendor == "postgresql":
            for name in TEMP_TABLES:
                cursor.execute(f"ANALYZE {name}")

    def _stage_programmes(self, cursor) -> None:
        # The upper end of a village's subtree range is one character longer than a village code.
        ct = self.code_type.replace("(13)", "(14)")
        cursor.execute(
            f"CREATE TEMP TABLE monev_t_prog (id bigint PRIMARY KEY, segment varchar(3), funding varchar(16), "
            f"cov_lo {ct}, cov_hi {ct}, quota_default integer, start_month date, last_due date, "
            "last_m1 date, last_m2 date, last_mn date, last_mn1 date, risk_on integer)"
        )
        rows = []
        for p in self.programmes:
            last = p.last_due
            rows.append(
                [
                    p.id,
                    p.segment,
                    p.funding_source,
                    p.coverage,
                    codes.subtree_range(p.coverage)[1],
                    p.quota_default,
                    self.d(p.start_month),
                    self.d(last),
                    self.d(_months_before(last, 1)),
                    self.d(_months_before(last, 2)),
                    self.d(_months_before(last, p.lapse_after)),
                    self.d(_months_before(last, p.lapse_after - 1)),
                    1 if (p.risk_on and last is not None and last >= p.start_month) else 0,
                ]
            )
        if rows:
            cursor.executemany("INSERT INTO monev_t_prog VALUES (" + ", ".join(["%s"] * 13) + ")", rows)

    def _stage_costs(self, cursor) -> None:
        cursor.execute(
            "CREATE TEMP TABLE monev_t_cost (programme_id bigint, category varchar(20), income bigint, "
            "cost bigint, PRIMARY KEY (programme_id, category, income))"
        )
        costs = [
            [p.id, cat, income, cost] for p in self.programmes for (cat, income), cost in p.costs.items()
        ]
        if costs:
            cursor.executemany("INSERT INTO monev_t_cost VALUES (%s, %s, %s, %s)", costs)

    def _age_sql(self) -> tuple[str, list]:
        ages, params = [], []
        cutoff = month_end(self.period)
        for key, upper, _label in AGE_GROUPS:
            if upper is None:
                ages.append(f"ELSE '{key}'")
            else:
                ages.append(f"WHEN w.birth_date > %s THEN '{key}'")
                params.append(self.d(_years_before(cutoff, upper)))
        return "CASE " + " ".join(ages) + " END", params

    def _stage_people(self, cursor) -> None:
        scope_e, scope_e_params = self.within("e.village_id", self.scope)
        age_sql, age_params = self._age_sql()
        funded = ", ".join(f"'{s}'" for s in sorted(FUNDED))
        cursor.execute(
            f"CREATE TEMP TABLE monev_t_person (village {self.code_type}, programme_id bigint, "
            "status varchar(10), category varchar(20), gender varchar(1), age_group varchar(8), "
            "funding varchar(16), committed bigint, realised bigint, at_risk integer, billed bigint, paid bigint, "
            "lapsed integer, reactivated integer, lapse_due integer)"
        )
        self.run(
            cursor,
            f"INSERT INTO monev_t_person "
            f"SELECT e.village_id, e.programme_id, e.status, w.category, w.gender, {age_sql}, tp.funding, "
            f"CASE WHEN e.status IN ({funded}) THEN COALESCE(c.cost, 0) ELSE 0 END, "
            f"{PERSON_MONEY_SQL} "
            f"FROM {Enrolment._meta.db_table} e JOIN {Worker._meta.db_table} w ON w.id = e.worker_id "
            f"JOIN monev_t_prog tp ON tp.id = e.programme_id "
            f"LEFT JOIN monev_t_cost c ON c.programme_id = e.programme_id AND c.category = w.category "
            f"AND c.income = CASE WHEN tp.segment = 'PU' THEN COALESCE(w.fixed_income, 0) ELSE 0 END "
            f"{PERSON_MONEY_JOINS}"
            f"WHERE {scope_e}",
            [*age_params, *scope_e_params],
            step="stage people",
        )

    def _stage_quotas(self, cursor) -> None:
        # Quota places: the programme's default for every desa (not kelurahan) under its coverage area, as
        # the budget planner counts them, or the village's own quota where one is set.
        scope_r, scope_r_params = self.within("r.code", self.scope)
        desa_types = ", ".join(f"'{t}'" for t in VILLAGE_TYPES)
        cursor.execute(
            f"CREATE TEMP TABLE monev_t_quota (village {self.code_type}, programme_id bigint, quota integer)"
        )
        self.run(
            cursor,
            f"INSERT INTO monev_t_quota "
            f"SELECT r.code, tp.id, COALESCE(vq.quota, tp.quota_default) "
            f"FROM monev_t_prog tp JOIN {Region._meta.db_table} r ON r.code >= tp.cov_lo AND r.code < tp.cov_hi "
            f"LEFT JOIN {VillageQuota._meta.db_table} vq ON vq.programme_id = tp.id AND vq.village_id = r.code "
            f"WHERE r.level = 4 AND r.retired_at IS NULL AND {scope_r} "
            f"AND (vq.quota IS NOT NULL OR r.type IN ({desa_types})) "
            f"AND COALESCE(vq.quota, tp.quota_default) > 0",
            scope_r_params,
            step="stage quotas",
        )

    # -- rollup rows ----------------------------------------------------------------------------------
    def create_live_table(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {LIVE_TABLE}")
        measures = ", ".join(f"{c} bigint" for c in MEASURE_COLUMNS)
        cursor.execute(
            f"CREATE TEMP TABLE {LIVE_TABLE} (period date, region_code {self.code_type}, level integer, "
            f"dimension varchar(10), key varchar(40), {measures}, commitment_permille integer)"
        )

    def village_rows(self, cursor) -> None:
        """Step 3: level-4 rows for every dimension, from the staged people and quota places."""
        occupying = " + ".join(s for s in STATUS_COLUMNS if s in OCCUPYING)
        outer_status = ", ".join(STATUS_COLUMNS)
        money = ", ".join(PERSON_MONEY_COLUMNS)
        columns = ", ".join(INSERT_COLUMNS)
        for dimension in DIMENSION_KEYS:
            self.rows_written += self.run(
                cursor,
                f"INSERT INTO {self.table} ({columns}) "
                f"SELECT %s, g, 4, %s, k, {outer_status}, {money}, quota, "
                f"CASE WHEN quota > 0 THEN 1 ELSE 0 END, "
                f"CASE WHEN quota > 0 AND ({occupying}) * 1000 < quota * %s THEN 1 ELSE 0 END, "
                f"{_derived(occupying, 'quota')} FROM ({self._village_sums(dimension)}) v",
                [self.d(self.period), str(dimension), self.behind_permille],
                step="village rows",
            )

    @staticmethod
    def _village_sums(dimension: Dimension) -> str:
        """A dimension's sums per (village, key): people by status and money, plus quota places where kept."""
        key = DIMENSION_KEYS[dimension]
        status_sums = ", ".join(
            f"SUM(CASE WHEN status = '{s}' THEN 1 ELSE 0 END) AS {s}" for s in STATUS_COLUMNS
        )
        money = ", ".join(f"SUM({c}) AS {c}" for c in PERSON_MONEY_COLUMNS)

        def by(key: str) -> str:
            # PostgreSQL refuses a constant in GROUP BY; the total row groups by village alone.
            return "village" if key == "''" else f"village, {key}"

        if dimension not in QUOTA_DIMENSIONS:
            return (
                f"SELECT village AS g, {key} AS k, {status_sums}, {money}, 0 AS quota "
                f"FROM monev_t_person GROUP BY {by(key)}"
            )
        qkey = QUOTA_DIMENSIONS[dimension]
        zero_status = ", ".join(f"0 AS {s}" for s in STATUS_COLUMNS)
        zero_money = ", ".join("0" for _ in PERSON_MONEY_COLUMNS)
        sum_status = ", ".join(f"SUM({s}) AS {s}" for s in STATUS_COLUMNS)
        return (
            f"SELECT village AS g, k, {sum_status}, {money}, SUM(quota) AS quota FROM ("
            f"SELECT village, {key} AS k, {status_sums}, {money}, 0 AS quota "
            f"FROM monev_t_person GROUP BY {by(key)} "
            f"UNION ALL SELECT village, {qkey} AS k, {zero_status}, {zero_money}, SUM(quota) "
            f"FROM monev_t_quota GROUP BY {by(qkey)}"
            f") u GROUP BY village, k"
        )

    def level_targets(self, level: int) -> list[str] | None:
        """Subtrees whose level-``level`` rows this build must (re)compute; None = all of them."""
        if self.scope is None:
            return None
        return codes.minimal(
            code if codes.level(code) <= level else codes.at_level(code, level) for code in self.scope
        )

    def delete_existing(self, cursor) -> None:
        """Remove the rows this build replaces: the scope's subtree at every level, and its ancestors."""
        for level in range(4, -1, -1):
            targets = self.level_targets(level)
            cond, params = self.within("region_code", targets)
            self.run(
                cursor,
                f"DELETE FROM {self.table} WHERE period = %s AND level = %s AND {cond}",
                [self.d(self.period), level, *params],
                step="delete old rows",
            )

    def roll_up(self, cursor, *, down_to: int = 0) -> None:
        """Step 4: levels 3 → ``down_to``, each summed from the level below (a few hundred thousand rows)."""
        columns = ", ".join(INSERT_COLUMNS)
        sums = ", ".join(f"SUM({c})" for c in MEASURE_COLUMNS)
        occupying = " + ".join(f"SUM({s})" for s in STATUS_COLUMNS if s in OCCUPYING)
        for level in range(3, down_to - 1, -1):
            cond, params = self.within("region_code", self.level_targets(level))
            # The ancestor's code is the first PREFIX_LENGTH[level] characters of a fixed-width code.
            # SUBSTR(…, 1, 0) is '' on both databases; PostgreSQL refuses a bare '' in GROUP BY.
            group = f"SUBSTR(region_code, 1, {PREFIX_LENGTH[level]})"
            self.rows_written += self.run(
                cursor,
                f"INSERT INTO {self.table} ({columns}) "
                f"SELECT period, {group}, {level}, dimension, key, {sums}, {_derived(occupying, 'SUM(quota)')} "
                f"FROM {self.table} WHERE period = %s AND level = %s AND {cond} "
                f"GROUP BY period, {group}, dimension, key",
                [self.d(self.period), level + 1, *params],
                step="roll up",
            )

    def build(self, cursor, *, live_down_to: int | None = None) -> int:
        """Stage, write village rows, roll up. ``live_down_to``: live mode, stop at that level."""
        # On an error the surrounding transaction rolls back, temp tables included (DDL is transactional on
        # both databases), so they are only dropped on the way out of a successful build.
        self.stage(cursor)
        if live_down_to is None:
            self.delete_existing(cursor)
        else:
            self.create_live_table(cursor)
        self.village_rows(cursor)
        self.roll_up(cursor, down_to=live_down_to or 0)
        self.drop_temp(cursor)
        return self.rows_written
