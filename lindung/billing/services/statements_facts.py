"""What the database knows of a statement's lines, read set-based: a handful of queries, whatever the size.

The lines' keys (row, KPJ, NIK, month) go into a temporary table (COPY on PostgreSQL, executemany of plain
tuples on SQLite); two joins against it give, per line, the person (the KPJ on the enrolment or the worker,
else the NIK, among the enrolments the importer may see), the person's enrolment in the programme and the
facts ``payment_checks.payments_evaluate`` needs: the enrolment and worker, whether the month is paid
already, by this enrolment or by another programme, and what the month's bill says is due. The result
comes back as one Polars frame (COPY TO STDOUT on PostgreSQL, batches of rows on SQLite).
"""

from __future__ import annotations

import io

import polars as pl
from django.db import connection

from lindung.enrolment.models import Enrolment
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.models import Worker
from lindung.programmes.models import Programme

from ..models import Bill, BillLine, Payment

PROBE = "lindung_statement_probe"
FOUND = "lindung_statement_found"
FETCH_ROWS = 100_000
FACTS_SCHEMA = {
    "row_number": pl.Int64,
    "worker_id": pl.Int64,
    "enrolment_id": pl.Int64,
    "programme_id": pl.Int64,
    "status": pl.String,
    "end_date": pl.Date,
    "end_reason": pl.String,
    "village_id": pl.String,
    "name": pl.String,
    "category": pl.String,
    "fixed_income": pl.Int64,
    "_paid": pl.Boolean,
    "paid_code": pl.String,
    "bill_due": pl.Int64,
}


def statement_facts(actor, lines: pl.DataFrame, programme) -> pl.DataFrame:
    """``lines`` (``row_number``, ``kpj``, ``nik``, ``month``) → one row per line with ``FACTS_SCHEMA``:
    ``worker_id`` null when nobody visible has the KPJ or NIK, ``enrolment_id`` null when that person has no
    enrolment in ``programme`` the importer may see."""
    with connection.cursor() as cursor:
        try:
            _probe_fill(cursor, lines.select("row_number", "kpj", "nik", "month"))
            _found_fill(cursor, actor, programme)
            frame = _fetch(cursor, *_facts_sql())
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {FOUND}")
            cursor.execute(f"DROP TABLE IF EXISTS {PROBE}")
    return frame.with_columns(pl.col("_paid").fill_null(False))


def _probe_fill(cursor, keys: pl.DataFrame) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {PROBE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {PROBE} (row_number bigint PRIMARY KEY, kpj varchar(20) NOT NULL, "
        "nik varchar(20) NOT NULL, month date NOT NULL)"
    )
    keys = keys.with_columns(pl.col("month").dt.strftime("%Y-%m-%d"))
    if connection.vendor == "postgresql":
        sql = f"COPY {PROBE} (row_number, kpj, nik, month) FROM STDIN WITH (FORMAT csv)"
        with cursor.cursor.copy(sql) as copy:
            for start in range(0, keys.height, FETCH_ROWS):
                copy.write(keys.slice(start, FETCH_ROWS).write_csv(include_header=False))
        cursor.execute(f"ANALYZE {PROBE}")
        return
    raw = connection.connection
    raw.executemany(f"INSERT INTO {PROBE} VALUES (?, ?, ?, ?)", keys.iter_rows())  # noqa: S608
    raw.execute(f"CREATE INDEX {PROBE}_kpj ON {PROBE} (kpj)")
    raw.execute(f"CREATE INDEX {PROBE}_nik ON {PROBE} (nik)")


def _visible(actor) -> tuple[str, list]:
    """The enrolments the importer may see (id, worker_id, kpj, programme_id), as SQL for a subquery."""
    qs = enrolments_visible_to(actor).order_by().values("id", "worker_id", "kpj", "programme_id")
    sql, params = qs.query.sql_with_params()
    return f"({sql})", list(params)


def _found_fill(cursor, actor, programme) -> None:
    """Per line: the worker (KPJ first, then NIK) and the worker's visible enrolment in ``programme``."""
    v, vp = _visible(actor)
    w = Worker._meta.db_table
    cursor.execute(f"DROP TABLE IF EXISTS {FOUND}")
    # Our own table names and Django's own SQL for the scope: nothing typed by a user.
    sql = (
        f"CREATE TEMPORARY TABLE {FOUND} AS "  # noqa: S608
        "SELECT q.row_number, q.month, q.worker_id, e.id AS enrolment_id "
        "FROM (SELECT p.row_number, p.month, COALESCE(k.worker_id, n.worker_id) AS worker_id "
        f"FROM {PROBE} p LEFT JOIN (SELECT x.k AS k, MIN(x.worker_id) AS worker_id FROM ("
        f"SELECT v.kpj AS k, v.worker_id AS worker_id FROM {v} v "
        f"WHERE v.kpj <> '' AND v.kpj IN (SELECT kpj FROM {PROBE}) "
        f"UNION ALL SELECT w.kpj AS k, v.worker_id AS worker_id FROM {v} v JOIN {w} w ON w.id = v.worker_id "
        f"WHERE w.kpj <> '' AND w.kpj IN (SELECT kpj FROM {PROBE})) x GROUP BY x.k) k ON k.k = p.kpj "
        f"LEFT JOIN (SELECT w.nik AS k, MIN(v.worker_id) AS worker_id FROM {v} v JOIN {w} w "
        f"ON w.id = v.worker_id WHERE w.nik <> '' AND w.nik IN (SELECT nik FROM {PROBE}) GROUP BY w.nik) n "
        f"ON n.k = p.nik) q LEFT JOIN {v} e ON e.worker_id = q.worker_id AND e.programme_id = %s"
    )
    cursor.execute(sql, [*vp, *vp, *vp, *vp, programme.pk])
    cursor.execute(f"CREATE INDEX {FOUND}_row ON {FOUND} (row_number)")
    cursor.execute(f"ANALYZE {FOUND}")


def _facts_sql() -> tuple[str, list]:
    e, w, pay = Enrolment._meta.db_table, Worker._meta.db_table, Payment._meta.db_table
    prog, bl, bill = Programme._meta.db_table, BillLine._meta.db_table, Bill._meta.db_table
    sql = (
        "SELECT f.row_number, f.worker_id, f.enrolment_id, e.programme_id, e.status, e.end_date, "  # noqa: S608
        "e.end_reason, e.village_id, w.full_name, w.category, w.fixed_income, "
        "CASE WHEN pa.id IS NULL THEN 0 ELSE 1 END AS paid, o.paid_code, d.bill_due "
        f"FROM {FOUND} f LEFT JOIN {e} e ON e.id = f.enrolment_id LEFT JOIN {w} w ON w.id = e.worker_id "
        f"LEFT JOIN {pay} pa ON pa.enrolment_id = f.enrolment_id AND pa.month = f.month "
        "LEFT JOIN (SELECT f2.row_number AS row_number, MIN(pr.code) AS paid_code "
        f"FROM {FOUND} f2 JOIN {e} e2 ON e2.worker_id = f2.worker_id "
        f"JOIN {pay} p2 ON p2.enrolment_id = e2.id AND p2.month = f2.month JOIN {prog} pr ON pr.id = e2.programme_id "
        "WHERE f2.enrolment_id IS NULL OR e2.id <> f2.enrolment_id GROUP BY f2.row_number) o "
        "ON o.row_number = f.row_number "
        "LEFT JOIN (SELECT f3.row_number AS row_number, SUM(b3.amount) AS bill_due "
        f"FROM {FOUND} f3 JOIN {bl} b3 ON b3.enrolment_id = f3.enrolment_id AND b3.month = f3.month "
        f"JOIN {bill} bb ON bb.id = b3.bill_id WHERE bb.month IN (SELECT month FROM {PROBE}) "
        "GROUP BY f3.row_number) d ON d.row_number = f.row_number"
    )
    return sql, []


def _fetch(cursor, sql: str, params: list) -> pl.DataFrame:
    """The rows of ``sql`` as a frame of ``FACTS_SCHEMA``: COPY … TO STDOUT on PostgreSQL, batches elsewhere."""
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as copy:
            for block in copy:
                buffer.write(block)
        buffer.seek(0)
        schema = FACTS_SCHEMA | {"_paid": pl.Int8}
        frame = pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=schema)
        return frame.with_columns(pl.col("_paid").cast(pl.Boolean))
    cursor.execute(sql, params)
    parts = []
    while rows := cursor.fetchmany(FETCH_ROWS):
        parts.append(pl.DataFrame(rows, schema=FACTS_SCHEMA | {"_paid": pl.Int8}, orient="row"))
    schema = FACTS_SCHEMA | {"_paid": pl.Int8}
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    return frame.with_columns(pl.col("_paid").cast(pl.Boolean))
