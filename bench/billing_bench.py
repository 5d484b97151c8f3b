"""The money loop at national scale: bills, a statement and the daily lapse job, each beside its ceiling.

    python bench/billing_bench.py --members 7500000 --db postgres
    python bench/billing_bench.py --members 1000000 --db sqlite
    python bench/billing_bench.py --members 20000 --statement-lines 20000 --db sqlite   # a quick look

Steps (the data build is timed on its own; every measurement runs in its own process, so that its peak
memory, ru_maxrss, is its own):
1. A throwaway database (PostgreSQL: a fresh cluster through scripts/with-postgres; SQLite: a temp file),
   migrated, with all Kemendagri regions.
2. Synthetic members, set-based (INSERT ... SELECT over a number series; on PostgreSQL secondary indexes are
   built afterwards): one worker per member (a NIK shaped like a real one: kecamatan, birth date with +40 for
   women, serial; unique by construction), ``--programmes`` APBD programmes for 2026 (the first one big
   enough for the statement), one enrolment each (80 % active, 5 % non-active, 3 % ended, the rest proposed,
   verified, submitted or rejected), and payments for January to April 2026 (May for a few): 4 % of active
   members paid nothing and 4 % only January, so the daily job lapses them; half the non-active members paid
   all their arrears, so it reactivates them.
3. Bills for May 2026: ``bill_issue`` for every programme, beside a bare INSERT ... SELECT of the same lines
   into billing_billline (committed, then truncated).
4. The insurer's statement for the first programme: ``statement_import`` of ``--statement-lines`` lines
   (about 88 % matched, the rest underpaid, overpaid, unknown, not covered, paid twice, bad amounts, future
   dates), beside a bare insert of the same lines into billing_statementline (COPY on PostgreSQL,
   executemany on SQLite; committed, then truncated). Beside them, the writes floor: the same insert and a bare
   INSERT ... SELECT of the payments those lines pay (rolled back), which no reconciliation can undercut.
5. The daily job ``billing_daily(actor=None, as_of=2026-05-20)``, beside its ceiling: the same stored rows in
   bare SQL (the rows it moves into a temporary table, one UPDATE, the history rows and audit events by
   INSERT ... SELECT; rolled back), and a bare UPDATE of the lapsed rows alone as the lower bound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BILL_MONTH = dt.date(2026, 5, 1)
TODAY = dt.date(2026, 5, 20)  # the day the statement is imported and the daily job runs
TARGET_BILLS_S = 15.0
TARGET_DAILY_S = 60.0
TARGET_STATEMENT_RATIO = 0.5
TARGET_PEAK_MB = 1536.0
# PostgreSQL's memory as a production server of 24 GB would have it (PostgreSQL's own defaults are sized for
# a small shared machine: 128 MB of buffers, 4 MB per sort or hash). Override with PG_OPTIONS.
PG_PRODUCTION = (
    "-c shared_buffers=6GB -c effective_cache_size=16GB -c work_mem=128MB -c maintenance_work_mem=1GB "
    "-c max_wal_size=16GB -c checkpoint_timeout=30min"
)


def _setup(data_dir: str) -> None:
    os.environ["LINDUNG_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _d(sql, day: str) -> str:
    return f"DATE '{day}'" if sql.pg else f"'{day}'"


# --- The data (set-based) ----------------------------------------------------------------------------------


def _programmes(n: int) -> list[int]:
    from lindung.programmes.models import FundingSource, Programme
    from lindung.regions.models import Region

    provinces = list(Region.objects.filter(level=1).order_by("code").values_list("code", flat=True))
    made = Programme.objects.bulk_create(
        [
            Programme(
                code=f"bench-{k}",
                name=f"Bench {k}",
                owner_region_id=provinces[k % len(provinces)],
                coverage_region_id=provinces[k % len(provinces)],
                fiscal_year=2026,
                start_month=dt.date(2026, 1, 1),
                months=12,
                funding_source=FundingSource.APBD_PROVINSI,
                legal_basis_type="Pergub",
                legal_basis_number=str(k + 1),
                legal_basis_year=2026,
            )
            for k in range(n)
        ]
    )
    return [p.pk for p in made]


def _programme_case(sql, programme_ids: list[int], share0: float) -> str:
    """The programme of worker w.id: the first takes ``share0`` of the members, the rest share evenly."""
    u = sql.uniform("w.id", 71)
    rest = programme_ids[1:] or programme_ids
    parts = [f"WHEN {u} < {share0:.6f} THEN {programme_ids[0]}"]
    step = (1 - share0) / len(rest)
    parts += [f"WHEN {u} < {share0 + step * (k + 1):.6f} THEN {pid}" for k, pid in enumerate(rest[:-1])]
    return f"CASE {' '.join(parts)} ELSE {rest[-1]} END"


def _insert_workers(c, sql, members: int, timer) -> None:
    from bench.monev_bench import _defaults_for
    from lindung.people.models import Category, Worker

    cats = list(Category.values)
    with_, series = sql.series(members)
    # NIK = kecamatan (6 digits) + birth date DDMMYY (day + 40 for women) + serial (4 digits, 0001-9999).
    # The birth date is 19 days times (i / 9999) into a 15,000-day span: (date, serial) is unique per i.
    days = "(((i / 9999) * 19) %% 15000)"
    birth = sql.add_days("1962-01-01", days)
    if sql.pg:
        day = f"CAST(EXTRACT(DAY FROM {birth}) AS integer) + CASE WHEN i %% 2 = 1 THEN 40 ELSE 0 END"
        nik = (
            f"replace(substr(bv.code, 1, 8), '.', '') || lpad(CAST({day} AS text), 2, '0') "
            f"|| to_char({birth}, 'MMYY') || lpad(CAST(i %% 9999 + 1 AS text), 4, '0')"
        )
    else:
        day = f"CAST(strftime('%%d', {birth}) AS integer) + CASE WHEN i %% 2 = 1 THEN 40 ELSE 0 END"
        nik = (
            f"replace(substr(bv.code, 1, 8), '.', '') || substr('0' || ({day}), -2, 2) "
            f"|| strftime('%%m', {birth}) || substr(strftime('%%Y', {birth}), 3, 2) "
            f"|| substr('0000' || (i %% 9999 + 1), -4, 4)"
        )
    cat_case = (
        "CASE "
        + " ".join(
            f"WHEN {sql.hash('i', 29)} %% {len(cats)} = {k} THEN '{cat}'" for k, cat in enumerate(cats)
        )
        + " END"
    )
    given = {
        "nik": nik,
        "full_name": "'Pekerja ' || i",
        "name_normalized": "'PEKERJA ' || i",
        "birth_date": birth,
        "gender": "CASE WHEN i %% 2 = 1 THEN 'P' ELSE 'L' END",
        "village_id": "bv.code",
        "category": cat_case,
        "wage_status": "'BPU'",
        "occupation_1": "'Pekerja'",
        "created_at": sql.now(),
        "updated_at": sql.now(),
    }
    cols, exprs, params = _defaults_for(Worker, given)
    c.execute("SELECT COUNT(*) FROM bench_village")
    n_v = c.fetchone()[0]
    idx = f"{sql.hash('i', 13)} %% {n_v}"
    timer(
        "workers",
        c.execute,
        f"{with_}INSERT INTO {Worker._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
        f"FROM {series} JOIN bench_village bv ON bv.idx = {idx}",
        params,
        rows=members,
    )


def _insert_enrolments(c, sql, programme_ids: list[int], share0: float, timer) -> None:
    from bench.monev_bench import _defaults_for
    from lindung.enrolment.models import Enrolment
    from lindung.people.models import Worker

    h = sql.hash("w.id", 101) + " %% 100"
    status = (
        f"CASE WHEN {h} < 80 THEN 'active' WHEN {h} < 85 THEN 'non_active' WHEN {h} < 88 THEN 'ended' "
        f"WHEN {h} < 92 THEN 'proposed' WHEN {h} < 95 THEN 'verified' WHEN {h} < 97 THEN 'submitted' "
        "ELSE 'rejected' END"
    )
    d = lambda day: _d(sql, day)  # noqa: E731
    # Active members began in January (a few in February); ended ones left in March, April or May.
    start = (
        f"CASE WHEN {h} < 88 THEN CASE WHEN {sql.hash('w.id', 7)} %% 20 = 0 THEN {d('2026-02-06')} "
        f"ELSE {d('2026-01-05')} END END"
    )
    end = (
        f"CASE WHEN {h} >= 85 AND {h} < 88 THEN CASE {sql.hash('w.id', 5)} %% 3 WHEN 0 THEN {d('2026-03-12')} "
        f"WHEN 1 THEN {d('2026-04-20')} ELSE {d('2026-05-09')} END END"
    )
    kpj = (
        f"CASE WHEN {h} < 88 OR ({h} >= 95 AND {h} < 97) THEN "
        + (
            "'2' || lpad(CAST(w.id AS text), 10, '0')"
            if sql.pg
            else "'2' || substr('0000000000' || w.id, -10, 10)"
        )
        + " ELSE '' END"
    )
    given = {
        "worker_id": "w.id",
        "programme_id": _programme_case(sql, programme_ids, share0),
        "village_id": "w.village_id",
        "status": status,
        "kpj": kpj,
        "start_date": start,
        "end_date": end,
        "end_reason": f"CASE WHEN {h} >= 85 AND {h} < 88 THEN 'withdrawn' ELSE '' END",
        "status_changed_at": sql.now(),
        "created_at": sql.now(),
        "updated_at": sql.now(),
    }
    cols, exprs, params = _defaults_for(Enrolment, given)
    timer(
        "enrolments",
        c.execute,
        f"INSERT INTO {Enrolment._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
        f"FROM {Worker._meta.db_table} w",
        params,
    )


def _insert_payments(c, sql, timer) -> None:
    from lindung.billing.models import Payment
    from lindung.enrolment.models import Enrolment

    d = lambda day: _d(sql, day)  # noqa: E731
    p = sql.hash("e.id", 37) + " %% 100"
    # How many months from January each enrolment paid (n), and a late payer's day for arrears.
    paid_months = (
        f"CASE e.status WHEN 'active' THEN CASE WHEN {p} < 4 THEN 0 WHEN {p} < 8 THEN 1 WHEN {p} < 14 THEN 2 "
        f"WHEN {p} < 96 THEN 4 ELSE 5 END "
        f"WHEN 'non_active' THEN CASE WHEN {p} < 50 THEN 5 ELSE 1 END "
        "WHEN 'ended' THEN 4 ELSE 0 END"
    )
    months = " UNION ALL ".join(
        f"SELECT {k} AS n, {d(f'2026-0{k}-01')} AS month, {d(f'2026-0{k}-10')} AS paid" for k in range(1, 6)
    )
    timer(
        "payments",
        c.execute,
        f"INSERT INTO {Payment._meta.db_table} (enrolment_id, month, amount, paid_on, reference, source, "
        f"recorded_at) SELECT e.id, m.month, 16800, CASE WHEN e.status = 'non_active' THEN {d('2026-05-06')} "
        f"ELSE m.paid END, '', 'demo', {sql.now()} FROM {Enrolment._meta.db_table} e JOIN ({months}) m "
        f"ON m.n <= {paid_months} WHERE e.status IN ('active', 'non_active', 'ended') "
        f"AND (e.end_date IS NULL OR m.month <= e.end_date)",
        [],
    )


def build(args, timer) -> dict:
    from django.db import connection

    from bench.monev_bench import Sql, secondary_indexes
    from lindung.billing.models import Payment
    from lindung.enrolment.models import Enrolment
    from lindung.people.models import Worker
    from lindung.regions.models import Region

    sql = Sql(connection.vendor)
    share0 = min(0.9, max(1 / args.programmes, args.statement_lines / (0.85 * args.members)))
    programme_ids = _programmes(args.programmes)
    villages = list(
        Region.objects.filter(level=4, retired_at__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    tables = [Worker._meta.db_table, Enrolment._meta.db_table, Payment._meta.db_table]
    with connection.cursor() as c:
        c.execute("DROP TABLE IF EXISTS bench_village")
        c.execute("CREATE TABLE bench_village (idx integer PRIMARY KEY, code varchar(13))")
        c.executemany("INSERT INTO bench_village VALUES (%s, %s)", list(enumerate(villages)))
        saved: list[tuple[str, str]] = []
        if sql.pg:
            c.execute("SET session_replication_role = replica")  # no FK triggers during the bulk load
            c.execute("SET maintenance_work_mem = '1GB'")  # the build's index sorts, not the measurements
            for t in tables:
                for name, ddl in secondary_indexes(c, t):
                    saved.append((name, ddl))
                    c.execute(f'DROP INDEX "{name}"', [])
        _insert_workers(c, sql, args.members, timer)
        _insert_enrolments(c, sql, programme_ids, share0, timer)
        _insert_payments(c, sql, timer)
        if sql.pg:
            timer("secondary indexes", lambda: [c.execute(ddl.replace("%", "%%"), []) for _, ddl in saved])
            c.execute("SET session_replication_role = origin")
            timer("vacuum analyze", c.execute, "VACUUM ANALYZE")
        else:
            timer("analyze", c.execute, "ANALYZE")
        c.execute("DROP TABLE bench_village")
    return {"programmes": programme_ids, "share0": share0}


def write_statement(args, path: Path, programme_id: int) -> int:
    """The insurer's statement for the first programme, as a Parquet file of the frame statement_import takes.

    One line per member billed in May (then June, July ... when more lines are asked for than members), with
    the shapes statements arrive in: about 88 % exact, 2 % underpaid, 2 % overpaid, 1 % unknown KPJ, 1 %
    bad amount, 1 % future payment date, 1 % the previous line again, 1 % someone only proposed, the rest
    exact with the amount written "Rp 16.800,-".
    """
    import polars as pl
    from django.db import connection

    from lindung.core.months import month_add
    from lindung.enrolment.models import Enrolment
    from lindung.people.models import Worker

    e, w = Enrolment._meta.db_table, Worker._meta.db_table
    with connection.cursor() as c:
        c.execute(
            f"SELECT e.kpj, w.nik, w.full_name FROM {e} e JOIN {w} w ON w.id = e.worker_id "
            "WHERE e.programme_id = %s AND e.status IN ('active', 'non_active', 'submitted') ORDER BY e.id",
            [programme_id],
        )
        billed = pl.DataFrame(c.fetchall(), schema=["kpj", "nik", "name"], orient="row")
        c.execute(
            f"SELECT w.nik, w.full_name FROM {e} e JOIN {w} w ON w.id = e.worker_id "
            "WHERE e.programme_id = %s AND e.status = 'proposed' ORDER BY e.id LIMIT 5000",
            [programme_id],
        )
        proposed = pl.DataFrame(c.fetchall(), schema=["nik", "name"], orient="row")
    n, b = args.statement_lines, billed.height
    rounds = -(-n // b)
    lines = pl.concat(
        [
            billed.with_columns(pl.lit(month_add(BILL_MONTH, k).isoformat()[:7]).alias("month"))
            for k in range(rounds)
        ]
    ).head(n)
    r = pl.int_range(1, n + 1, eager=True).alias("row_number")
    h = (r.cast(pl.UInt64) * 2654435761 % 4294967296 % 100).alias("h")
    lines = lines.with_columns(r, h)
    prop = proposed.with_row_index("k")
    lines = (
        lines.with_columns((pl.col("row_number") % max(prop.height, 1)).cast(pl.UInt32).alias("k"))
        .join(prop.rename({"nik": "p_nik", "name": "p_name"}), on="k", how="left")
        .sort("row_number")
    )
    h = pl.col("h")
    prev = pl.col("kpj").shift(1)
    lines = lines.with_columns(
        pl.when(h == 92).then(pl.lit("99") + pl.col("row_number").cast(pl.Utf8).str.zfill(9))
        .when(h == 95).then(prev.fill_null(pl.col("kpj")))
        .when(h == 96).then(pl.lit(""))
        .otherwise(pl.col("kpj")).alias("kpj"),
        pl.when(h == 92).then(pl.lit("9999") + pl.col("row_number").cast(pl.Utf8).str.zfill(12))
        .when(h == 95).then(pl.col("nik").shift(1).fill_null(pl.col("nik")))
        .when((h == 96) & pl.col("p_nik").is_not_null()).then(pl.col("p_nik"))
        .otherwise(pl.col("nik")).alias("nik"),
        pl.when(h == 88).then(pl.lit("10000"))
        .when(h == 89).then(pl.lit("Rp 8.400,-"))
        .when(h == 90).then(pl.lit("33600"))
        .when(h == 91).then(pl.lit("Rp 20.000"))
        .when(h == 93).then(pl.lit("-16800"))
        .when(h >= 97).then(pl.lit("Rp 16.800,-"))
        .otherwise(pl.lit("16800")).alias("amount_text"),
        pl.when(h == 94).then(pl.lit("2031-05-03"))
        .otherwise(pl.lit("2026-05-") + (pl.col("row_number") % 9 + 6).cast(pl.Utf8).str.zfill(2))
        .alias("paid_on_text"),
        pl.lit("SP2D/BENCH/2026/05").alias("reference"),
    )  # fmt: skip
    frame = lines.select(
        "row_number", "kpj", "nik", "name", "month", "amount_text", "paid_on_text", "reference"
    )
    frame.write_parquet(path)
    return frame.height


# --- Measurements (each in its own process) ----------------------------------------------------------------


def _truncate(*models) -> None:
    from django.db import connection, transaction

    tables = [m._meta.db_table for m in models]
    with transaction.atomic(), connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for t in tables:
                c.execute(f"DELETE FROM {t}")


def _bill_rows_sql(sql, month: dt.date) -> str:
    """Enrolments billed for ``month``, as bill_issue's rules say: covered that month, never before joining."""
    from lindung.enrolment.models import Enrolment
    from lindung.people.models import Worker

    first, last = month.isoformat(), (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    last_day = (last - dt.timedelta(days=1)).isoformat()
    return (
        f"FROM {Enrolment._meta.db_table} e JOIN {Worker._meta.db_table} w ON w.id = e.worker_id "
        f"JOIN bench_bill b ON b.programme_id = e.programme_id "
        f"WHERE (e.status IN ('submitted', 'active', 'non_active') OR (e.status = 'ended' AND e.end_date >= "
        f"{_d(sql, first)})) AND (e.start_date IS NULL OR e.start_date <= {_d(sql, last_day)})"
    )


def stage_bills_baseline() -> dict:
    from django.db import connection, transaction

    from bench.monev_bench import Sql
    from lindung.billing.models import Bill, BillLine
    from lindung.contributions.calculator import QuoteCache
    from lindung.people.models import Category
    from lindung.programmes.models import Programme

    sql = Sql(connection.vendor)
    programmes = list(Programme.objects.filter(code__startswith="bench-"))
    # The amounts the rule rows give this month, per category (the bill's CASE): worked out before the clock.
    quotes = {p.pk: QuoteCache(p) for p in programmes}
    amount = " ".join(
        f"WHEN e.programme_id = {p.pk} AND w.category = '{cat}' THEN "
        f"{quotes[p.pk].quote(BILL_MONTH, p.declared_income, cat).programme_share}"
        for p in programmes
        for cat in Category.values
    )
    gross = " ".join(
        f"WHEN e.programme_id = {p.pk} AND w.category = '{cat}' THEN "
        f"{quotes[p.pk].quote(BILL_MONTH, p.declared_income, cat).gross}"
        for p in programmes
        for cat in Category.values
    )
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        Bill.objects.bulk_create(
            [
                Bill(programme=p, month=BILL_MONTH, number=f"BENCH/{p.code}", due_date=dt.date(2026, 5, 15))
                for p in programmes
            ]
        )
        c.execute(
            "CREATE TEMPORARY TABLE bench_bill AS SELECT id, programme_id FROM billing_bill WHERE number LIKE 'BENCH/%%'"
        )
        c.execute(
            f"INSERT INTO {BillLine._meta.db_table} (bill_id, enrolment_id, village_id, month, kind, amount, "
            f"gross, reason, created_at) SELECT b.id, e.id, e.village_id, {_d(sql, BILL_MONTH.isoformat())}, "
            f"'charge', CASE {amount} END, CASE {gross} END, '', {sql.now()} "
            + _bill_rows_sql(sql, BILL_MONTH),
            [],
        )
        rows = c.rowcount
        c.execute("DROP TABLE bench_bill")
    seconds = time.perf_counter() - started
    _truncate(BillLine, Bill)
    return {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "note": "INSERT ... SELECT, committed"}


def stage_bills() -> dict:
    from lindung.billing.models import BillLine
    from lindung.billing.services import bill_issue
    from lindung.programmes.models import Programme

    programmes = list(Programme.objects.filter(code__startswith="bench-").order_by("id"))
    started = time.perf_counter()
    per = []
    for p in programmes:
        t = time.perf_counter()
        bill, created = bill_issue(actor=None, programme=p, month=BILL_MONTH, today=dt.date(2026, 5, 2))
        assert created, bill
        per.append(time.perf_counter() - t)
    seconds = time.perf_counter() - started
    rows = BillLine.objects.filter(month=BILL_MONTH).count()
    return {
        "rows": rows,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": f"{len(programmes)} bills, slowest {max(per):.1f} s",
    }


BARE_LINES = "--bare-lines" in sys.argv


def _enrolments_by_kpj():
    """(kpj, enrolment_id) of every enrolment with a KPJ, read in batches into one frame."""
    import polars as pl
    from django.db import connection

    from lindung.enrolment.models import Enrolment

    parts = []
    with connection.cursor() as c:
        c.execute(f"SELECT kpj, id FROM {Enrolment._meta.db_table} WHERE kpj <> ''")
        while rows := c.fetchmany(500_000):
            parts.append(
                pl.DataFrame(rows, schema={"kpj": pl.String, "enrolment_id": pl.Int64}, orient="row")
            )
    frame = pl.concat(parts) if parts else pl.DataFrame(schema={"kpj": pl.String, "enrolment_id": pl.Int64})
    return frame.unique("kpj", keep="first")


def stage_statement_baseline(path: Path) -> dict:
    """The bare insert of the statement's lines into the lines table (the issue's ceiling), committed."""
    import polars as pl
    from django.db import connection, transaction

    from lindung.billing.models import Statement, StatementLine
    from lindung.programmes.models import Programme

    frame = pl.read_parquet(path)
    programme = Programme.objects.filter(code__startswith="bench-").order_by("id").first()
    # The same lines, cleanly typed: what a ceiling may assume (no parsing, no matching, no checks).
    lines = frame.select(
        "row_number",
        "kpj",
        "nik",
        "name",
        (pl.col("month") + "-01").alias("month"),
        pl.col("amount_text").str.replace_all(r"[^0-9]", "").cast(pl.Int64, strict=False).alias("amount"),
        pl.col("paid_on_text").alias("paid_on"),
        "reference",
    )
    # The same rows as reconciliation stores them: with the enrolment each line names (looked up before the
    # clock starts), so the ceiling pays the same foreign-key checks on the same table. Without it the
    # ceiling would skip a cost every stored line has; ``--bare-lines`` measures that variant too.
    if not BARE_LINES:
        lines = lines.join(_enrolments_by_kpj(), on="kpj", how="left").with_columns(
            pl.col("amount").alias("due")
        )
    cols = [*lines.columns, "outcome", "message", "resolution", "resolution_note"]
    table = StatementLine._meta.db_table
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        statement = Statement.objects.create(
            programme=programme, kind="insurer", original_name="bench.csv", sha256="0" * 64
        )
        lines = lines.with_columns(
            pl.lit("matched").alias("outcome"),
            pl.lit("").alias("message"),
            pl.lit("applied").alias("resolution"),
            pl.lit("").alias("resolution_note"),
        )
        if connection.vendor == "postgresql":
            with c.cursor.copy(
                f"COPY {table} (statement_id, {', '.join(cols)}) FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                for start in range(0, lines.height, 200_000):
                    part = lines.slice(start, 200_000).select(pl.lit(statement.pk).alias("s"), *cols)
                    copy.write(part.write_csv(include_header=False))
        else:
            marks = ", ".join(["?"] * (len(cols) + 1))
            connection.connection.executemany(
                f"INSERT INTO {table} (statement_id, {', '.join(cols)}) VALUES ({marks})",
                lines.select(pl.lit(statement.pk).alias("s"), *cols).iter_rows(),
            )
    seconds = time.perf_counter() - started
    # The ceiling's lines, then its statement alone: payments name statements too, and a TRUNCATE … CASCADE
    # of the statements would empty them.
    _truncate(StatementLine)
    Statement.objects.filter(pk=statement.pk).delete()
    return {
        "rows": lines.height,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": "COPY, committed" if connection.vendor == "postgresql" else "executemany, committed",
    }


def stage_statement(path: Path) -> dict:
    import hashlib

    import polars as pl

    from lindung.billing.services import statement_import
    from lindung.programmes.models import Programme

    frame = pl.read_parquet(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    programme = Programme.objects.filter(code__startswith="bench-").order_by("id").first()
    started = time.perf_counter()
    statement, created = statement_import(
        actor=None,
        programme=programme,
        kind="insurer",
        frame=frame,
        original_name="rincian-mei-2026.csv",
        sha256=sha,
        today=TODAY,
    )
    seconds = time.perf_counter() - started
    assert created
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(statement.counts.items()))
    return {"rows": frame.height, "seconds": seconds, "peak_mb": _peak_mb(), "note": counts}


def _lapse_update_sql(sql) -> str:
    """The rows the job lapses on TODAY (window February-May: more than 3 unpaid months), as one UPDATE."""
    from lindung.billing.models import Payment
    from lindung.enrolment.models import Enrolment

    d = lambda day: _d(sql, day)  # noqa: E731
    return (
        f"UPDATE {Enrolment._meta.db_table} SET status = 'non_active' WHERE status = 'active' "
        f"AND (start_date IS NULL OR start_date < {d('2026-03-01')}) AND NOT EXISTS (SELECT 1 FROM "
        f"{Payment._meta.db_table} p WHERE p.enrolment_id = {Enrolment._meta.db_table}.id "
        f"AND p.month >= {d('2026-02-01')} AND p.month <= {d('2026-05-01')} AND p.paid_on <= {d(TODAY.isoformat())})"
    )


def stage_daily_baseline() -> dict:
    from django.db import connection, transaction

    from bench.monev_bench import Sql

    sql = Sql(connection.vendor)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        c.execute(_lapse_update_sql(sql), [])
        rows = c.rowcount
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "note": "one UPDATE, rolled back"}


def _moves_sql(sql) -> str:
    """The rows the job moves on TODAY, with their new status: active members with more than 3 unpaid months
    in the window February-May lapse; non-active members who paid every month January-May come back."""
    from lindung.billing.models import Payment
    from lindung.enrolment.models import Enrolment

    d = lambda day: _d(sql, day)  # noqa: E731
    e, p = Enrolment._meta.db_table, Payment._meta.db_table
    return (
        f"SELECT id, village_id, status FROM {e} WHERE status = 'active' "
        f"AND (start_date IS NULL OR start_date < {d('2026-03-01')}) AND NOT EXISTS (SELECT 1 FROM {p} p "
        f"WHERE p.enrolment_id = {e}.id AND p.month >= {d('2026-02-01')} AND p.month <= {d('2026-05-01')} "
        f"AND p.paid_on <= {d(TODAY.isoformat())}) "
        f"UNION ALL SELECT id, village_id, status FROM {e} WHERE status = 'non_active' "
        f"AND (SELECT COUNT(DISTINCT p.month) FROM {p} p WHERE p.enrolment_id = {e}.id "
        f"AND p.month >= {d('2026-01-01')} AND p.month <= {d('2026-05-01')} AND p.paid_on <= {d(TODAY.isoformat())}) >= 5"
    )


def stage_daily_rows() -> dict:
    """The ceiling that writes what the job writes, in bare SQL: the rows it moves into a temporary table (one
    query), one UPDATE of their status, one INSERT ... SELECT of their history rows and one of their audit
    events (rolled back)."""
    from django.db import connection, transaction

    from bench.monev_bench import Sql
    from lindung.core.models import AuditEvent
    from lindung.enrolment.models import Enrolment, EnrolmentEvent

    sql = Sql(connection.vendor)
    now = "now()" if sql.pg else "datetime('now')"
    e, ev, au = Enrolment._meta.db_table, EnrolmentEvent._meta.db_table, AuditEvent._meta.db_table
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        c.execute(f"CREATE TEMPORARY TABLE bench_moves AS {_moves_sql(sql)}".replace("%", "%%"), [])
        if sql.pg:
            c.execute("ANALYZE bench_moves", [])  # as the service does: plan the joins on the real row count
        c.execute(
            f"UPDATE {e} SET status = CASE status WHEN 'active' THEN 'non_active' ELSE 'active' END, "
            f"status_changed_at = {now} WHERE id IN (SELECT id FROM bench_moves)",
            [],
        )
        rows = c.rowcount
        c.execute(
            f"INSERT INTO {ev} (enrolment_id, from_status, to_status, at, actor_id, actor_label, reason, detail) "
            f"SELECT id, status, CASE status WHEN 'active' THEN 'non_active' ELSE 'active' END, {now}, NULL, "
            f"'Lindung', 'bench', '{{\"on\": \"2026-05-20\"}}' FROM bench_moves",
            [],
        )
        c.execute(
            f"INSERT INTO {au} (at, actor_id, actor_label, action, object_type, object_id, region_code, summary, "
            f"detail) SELECT {now}, NULL, 'Lindung', 'enrolment.lapse', 'enrolment', CAST(id AS VARCHAR(64)), "
            f"village_id, 'bench', '{{}}' FROM bench_moves",
            [],
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": "same rows: UPDATE + history + audit, rolled back",
    }


def stage_daily() -> dict:
    from lindung.billing.services import billing_daily

    started = time.perf_counter()
    report = billing_daily(actor=None, as_of=TODAY)
    seconds = time.perf_counter() - started
    lapsed = getattr(report, "lapsed", None)
    reactivated = getattr(report, "reactivated", None)
    moved = [getattr(lapsed, "moved", lapsed), getattr(reactivated, "moved", reactivated)]
    counts = [len(m) if isinstance(m, list | tuple | set | dict) else m for m in moved]
    return {
        "rows": sum(c or 0 for c in counts),
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "note": f"lapsed {counts[0]}, reactivated {counts[1]} ({type(report).__name__})",
    }


STAGES = {
    "bills-baseline": lambda a: stage_bills_baseline(),
    "bills": lambda a: stage_bills(),
    "statement-baseline": lambda a: stage_statement_baseline(Path(a.file)),
    "statement": lambda a: stage_statement(Path(a.file)),
    "daily-baseline": lambda a: stage_daily_baseline(),
    "daily-rows": lambda a: stage_daily_rows(),
    "daily": lambda a: stage_daily(),
}


def _profiled(args) -> dict:
    """The stage under cProfile, with its slowest SQL statements: where a service spends its time."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prof = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        prof.enable()
        out = STAGES[args.stage](args)
        prof.disable()
    text = io.StringIO()
    slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]
    text.write(f"{len(queries.captured_queries)} queries; slowest:\n")
    for q in slow:
        text.write(f"  {float(q['time']):7.2f} s  {' '.join(q['sql'].split())[:300]}\n")
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats("lindung|polars|lokal", 25)
    return out | {"profile": text.getvalue()}


def _child(args, stage: str) -> dict:
    cmd = [sys.executable, __file__, "--stage", stage, "--data-dir", args.data_dir, "--file", args.file]
    if args.bare_lines:
        cmd.append("--bare-lines")
    cmd += ["--db", args.db] + (["--profile", stage] if stage in args.profile_stages.split(",") else [])
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            out = json.loads(line[7:])
            print(
                f"  {stage:<44} {out['seconds']:8.1f} s  {out['rows']:>11,} rows  {out['note']}", flush=True
            )
            return out
    sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
    print(f"  {stage:<44}   failed (see above)", flush=True)
    return {"rows": 0, "seconds": float("nan"), "peak_mb": float("nan"), "note": "failed", "failed": True}


def _settled(run, args, stage: str) -> dict:
    """Run a stage on a settled database: on PostgreSQL, VACUUM ANALYZE and a CHECKPOINT first (not timed),
    so that neither autovacuum on the previous stage's rows (6.6 M bill lines) nor a checkpoint of its WAL
    lands inside this stage's clock, and a ceiling and its service are measured under the same conditions."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
            c.execute("CHECKPOINT")
        connection.close()
    return run(args, stage)


def _wait_for_services(args) -> None:
    """The services are written alongside this bench: wait (``--wait`` seconds at most) until all import."""
    check = "from lindung.billing.services import bill_issue, billing_daily, statement_import"
    env = dict(os.environ, LINDUNG_DATA_DIR=args.data_dir, DJANGO_SETTINGS_MODULE="lindung.settings")
    deadline = time.monotonic() + args.wait
    while True:
        cmd = [sys.executable, "-c", f"import django; django.setup(); {check}"]
        done = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, check=False)  # noqa: S603
        if done.returncode == 0 or time.monotonic() > deadline:
            return
        print("  waiting for the services to import ...", flush=True)
        time.sleep(30)


# --- The driver ----------------------------------------------------------------------------------------------


class Timer:
    def __init__(self):
        self.total = 0.0

    def __call__(self, label: str, fn, *a, rows: int | None = None, **kw):
        t = time.perf_counter()
        out = fn(*a, **kw)
        dt_ = time.perf_counter() - t
        self.total += dt_
        extra = f"  {rows:>11,} rows" if rows else ""
        print(f"  build: {label:<37} {dt_:8.1f} s{extra}", flush=True)
        return out


def _sizes() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        size = Path(connection.settings_dict["NAME"]).stat().st_size
        return f"database file {size / 2**30:.1f} GB"
    with connection.cursor() as c:
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        total = c.fetchone()[0]
        c.execute("SELECT pg_size_pretty(pg_total_relation_size('billing_payment'))")
        return f"database {total}, billing_payment {c.fetchone()[0]} with indexes"


def _pg_settings() -> str:
    from django.db import connection

    names = ("shared_buffers", "work_mem", "max_wal_size")
    with connection.cursor() as c:
        values = []
        for name in names:
            c.execute(f"SHOW {name}")
            values.append(f"{name} {c.fetchone()[0]}")
    return ", ".join(values)


def _table(results: list[tuple[str, dict, dict, str, bool]]) -> None:
    head = f"{'measurement':<34} | {'rows':>10} | {'seconds':>8} | {'baseline s':>10} | {'ratio/target':<26} | pass?"
    print(head)
    print("-" * len(head))
    for label, got, base, ratio, ok in results:
        print(
            f"{label:<34} | {got['rows']:>10,} | {got['seconds']:>8.1f} | {base['seconds']:>10.1f} | "
            f"{ratio:<26} | {'yes' if ok else 'NO'}"
        )


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--members", type=int, default=7_500_000)
    p.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    p.add_argument("--statement-lines", type=int, default=1_000_000)
    p.add_argument("--programmes", type=int, default=10)
    p.add_argument("--wait", type=int, default=0, help="seconds to wait for the services to exist")
    p.add_argument("--only-build", action="store_true", help="build the data, print its figures, stop")
    p.add_argument(
        "--profile",
        dest="profile_stages",
        default="",
        help="comma-separated stages to run under cProfile (bills,statement,daily); printed at the end",
    )
    p.add_argument(
        "--stages",
        default=",".join(STAGES),
        help="comma-separated measurements to run (default all), e.g. statement-baseline,statement",
    )
    p.add_argument(
        "--bare-lines",
        action="store_true",
        help="statement ceiling without the enrolment each line names (skips its foreign-key checks)",
    )
    p.add_argument("--stage", help=argparse.SUPPRESS)
    p.add_argument("--data-dir", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    return p.parse_args()


def main() -> None:
    args = parse_args()
    args.profile = args.stage is not None and args.stage in args.profile_stages.split(",")
    if args.stage:
        _setup(args.data_dir)
        print("RESULT " + json.dumps(_profiled(args) if args.profile else STAGES[args.stage](args)))
        return
    if args.db == "postgres" and not os.environ.get("DATABASE_URL"):
        # Sized as a production server on this machine's memory would be; the ceilings run under the same.
        os.environ.setdefault("PG_OPTIONS", PG_PRODUCTION)
        script = str(ROOT / "scripts" / "with-postgres")
        os.execvp("bash", ["bash", script, sys.executable, __file__, *sys.argv[1:]])  # noqa: S606
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    work = Path(tempfile.mkdtemp(prefix="lindung-billing-bench-"))
    args.data_dir, args.file = str(work / "data"), str(work / "statement.parquet")
    try:
        _setup(args.data_dir)
        from django.core.management import call_command
        from django.db import connection

        from lindung.billing.models import Payment
        from lindung.enrolment.models import Enrolment
        from lindung.regions.services import regions_load

        started = time.perf_counter()
        timer = Timer()
        print(
            f"billing bench: {args.members:,} members on {connection.vendor}, {os.cpu_count()} cores",
            flush=True,
        )
        timer("migrate", call_command, "migrate", verbosity=0)
        timer("regions", regions_load)
        data = build(args, timer)
        lines = timer("statement file", write_statement, args, Path(args.file), data["programmes"][0])
        counts = {
            "enrolments": Enrolment.objects.count(),
            "active": Enrolment.objects.filter(status="active").count(),
            "payments": Payment.objects.count(),
        }
        print(
            f"  data built in {timer.total:.0f} s: {counts['enrolments']:,} enrolments ({counts['active']:,} "
            f"active), {counts['payments']:,} payments, {lines:,} statement lines; {_sizes()}",
            flush=True,
        )
        if args.only_build:
            return
        connection.close()
        _wait_for_services(args)
        wanted = args.stages.split(",")
        skipped = {"rows": 0, "seconds": float("nan"), "peak_mb": 0.0, "note": "not run"}
        runs = {s: _settled(_child, args, s) if s in wanted else dict(skipped) for s in STAGES}
        b, bb = runs["bills"], runs["bills-baseline"]
        s, sb = runs["statement"], runs["statement-baseline"]
        d, db_, dr = runs["daily"], runs["daily-baseline"], runs["daily-rows"]
        speed = sb["seconds"] / s["seconds"] if s["seconds"] else float("nan")
        peak = max(r["peak_mb"] for r in (b, s, d))
        db = (
            f"PostgreSQL {connection.pg_version // 10000} ({_pg_settings()})"
            if connection.vendor == "postgresql"
            else f"SQLite {__import__('sqlite3').sqlite_version}"
        )
        print()
        print(
            f"Billing benchmark: {args.members:,} members, {db}, {os.cpu_count()} cores; data built in {timer.total:.0f} s"
        )
        _table(
            [
                ("issue May bills (bill_issue)", b, bb, f"{b['seconds'] / bb['seconds']:.1f}x base; < {TARGET_BILLS_S:.0f} s",
                 b["seconds"] < TARGET_BILLS_S),
                ("statement (statement_import)", s, sb, f"{speed:.0%} of base; >= 50 %", speed >= TARGET_STATEMENT_RATIO),
                ("daily lapse job (billing_daily)", d, dr, f"{dr['seconds'] / d['seconds']:.0%} of base; < {TARGET_DAILY_S:.0f} s",
                 d["seconds"] < TARGET_DAILY_S),
                ("  its lower bound: one bare UPDATE", db_, db_, "status only, no history", True),
            ]
        )  # fmt: skip
        print(
            f"peak memory (ru_maxrss): bills {b['peak_mb']:,.0f} MB, statement {s['peak_mb']:,.0f} MB, daily "
            f"{d['peak_mb']:,.0f} MB; target < {TARGET_PEAK_MB:,.0f} MB: {'yes' if peak < TARGET_PEAK_MB else 'NO'}"
        )
        if connection.vendor == "postgresql":
            print(f"payments partitioned by month on PostgreSQL: no (one table; {_sizes()})")
        for stage, run in runs.items():
            if run.get("profile"):
                print(f"\nprofile of {stage}: {run['profile']}")
        print(f"total {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
