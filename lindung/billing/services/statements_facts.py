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
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Min, QuerySet, Sum

from lindung.enrolment.models import Enrolment
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.models import Worker
from lindung.programmes.models import Programme

from ..models import Bill, BillLine, Payment

PROBE = "lindung_statement_probe"
FOUND = "lindung_statement_found"
FETCH_ROWS = 100_000
# The programme's members as read once per statement: ORM lookup → frame column and type.
MEMBER_FIELDS = (
    ("id", ("enrolment_id", pl.Int64)),
    ("worker_id", ("worker_id", pl.Int64)),
    ("kpj", ("enrolment_kpj", pl.String)),
    ("worker__kpj", ("worker_kpj", pl.String)),
    ("worker__nik", ("nik", pl.String)),
    ("status", ("status", pl.String)),
    ("end_date", ("end_date", pl.Date)),
    ("end_reason", ("end_reason", pl.String)),
    ("village_id", ("village_id", pl.String)),
    ("worker__full_name", ("name", pl.String)),
    ("worker__category", ("category", pl.String)),
    ("worker__fixed_income", ("fixed_income", pl.Int64)),
)
MEMBER_SCHEMA = dict(column for _, column in MEMBER_FIELDS)
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
    enrolment in ``programme`` the importer may see.

    Nearly every line of a statement names a member of the programme it is for, so the programme's own members
    are read once (with their payments and bill lines for the statement's months) and joined in Polars; only
    the lines that name nobody among them (a KPJ the programme does not know, a NIK of someone else) go through
    the probe tables, which search every enrolment the importer may see.
    """
    months = lines.get_column("month").unique().to_list()
    own = _fetch_frame(_members(actor, programme), MEMBER_SCHEMA)
    found = _resolve_in_programme(lines, own)
    rest = lines.join(found.select("row_number"), on="row_number", how="anti")
    facts = _member_facts(found, own, programme, months)
    if rest.height:
        with connection.cursor() as cursor:
            try:
                _probe_fill(cursor, rest.select("row_number", "kpj", "nik", "month"))
                _found_fill(cursor, actor, programme)
                facts = pl.concat([facts, _fetch(cursor, *_facts_sql())])
            finally:
                cursor.execute(f"DROP TABLE IF EXISTS {FOUND}")
                cursor.execute(f"DROP TABLE IF EXISTS {PROBE}")
    return facts.with_columns(pl.col("_paid").fill_null(False))


def _members(actor, programme) -> QuerySet:
    """The programme's enrolments the importer may see, with what the checks need of each person."""
    qs = (
        enrolments_visible_to(actor)
        .filter(programme=programme)
        .order_by()
        .values_list(*(field for field, _ in MEMBER_FIELDS))
    )
    return qs


def _resolve_in_programme(lines: pl.DataFrame, own: pl.DataFrame) -> pl.DataFrame:
    """The lines whose person is a member of the programme: by KPJ (the enrolment's or the worker's) when the
    line has one, else by NIK. A KPJ the programme does not know is left for the wider search (it may be
    someone else's), as is a NIK it does not know."""
    kpjs = (
        pl.concat(
            [
                own.select(key="enrolment_kpj", worker_id="worker_id"),
                own.select(key="worker_kpj", worker_id="worker_id"),
            ]
        )
        .filter(pl.col("key") != "")
        .group_by("key")
        .agg(pl.col("worker_id").min())
    )
    niks = own.select(key="nik", worker_id="worker_id").filter(pl.col("key") != "")
    by_kpj = lines.filter(pl.col("kpj") != "").join(kpjs, left_on="kpj", right_on="key", how="inner")
    by_nik = lines.filter(pl.col("kpj") == "").join(niks, left_on="nik", right_on="key", how="inner")
    return pl.concat([by_kpj, by_nik]).select("row_number", "month", "worker_id")


def _member_facts(found: pl.DataFrame, own: pl.DataFrame, programme, months: list) -> pl.DataFrame:
    """``FACTS_SCHEMA`` for the lines resolved to a member: the member's enrolment, whether the month is paid
    already, by this enrolment or another programme, and what the month's bill says is due."""
    paid = _fetch_frame(_paid(programme, months), {"enrolment_id": pl.Int64, "month": pl.Date})
    elsewhere = _fetch_frame(
        _elsewhere(programme, months),
        {"worker_id": pl.Int64, "month": pl.Date, "paid_code": pl.String},
    )
    due = _fetch_frame(
        _due(programme, months), {"enrolment_id": pl.Int64, "month": pl.Date, "bill_due": pl.Int64}
    )
    rows = (
        found.join(own.drop("enrolment_kpj", "worker_kpj", "nik"), on="worker_id", how="left")
        .join(paid.with_columns(_paid=pl.lit(True)), on=["enrolment_id", "month"], how="left")
        .join(elsewhere, on=["worker_id", "month"], how="left")
        .join(due, on=["enrolment_id", "month"], how="left")
    )
    return rows.with_columns(programme_id=pl.lit(programme.pk, dtype=pl.Int64)).select(
        [pl.col(c).cast(t) for c, t in FACTS_SCHEMA.items()]
    )


def _paid(programme, months: list) -> QuerySet:
    qs = Payment.objects.filter(enrolment__programme=programme, month__in=months).values_list(
        "enrolment_id", "month"
    )
    return qs.order_by()


def _elsewhere(programme, months: list) -> QuerySet:
    """Months the programme's members had paid by another programme (its code), for ``paid_code``."""
    members = Enrolment.objects.filter(programme=programme).values("worker_id")
    qs = (
        Payment.objects.filter(month__in=months, enrolment__worker_id__in=members)
        .exclude(enrolment__programme=programme)
        .values("enrolment__worker_id", "month")
        .annotate(code=Min("enrolment__programme__code"))
        .values_list("enrolment__worker_id", "month", "code")
    )
    return qs.order_by()


def _due(programme, months: list) -> QuerySet:
    qs = (
        BillLine.objects.filter(enrolment__programme=programme, month__in=months, bill__month__in=months)
        .values("enrolment_id", "month")
        .annotate(due=Sum("amount"))
        .values_list("enrolment_id", "month", "due")
    )
    return qs.order_by()


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
    """The rows of the probe's facts query as a frame of ``FACTS_SCHEMA``."""
    schema = FACTS_SCHEMA | {"_paid": pl.Int8}
    frame = _read(cursor, sql, params, schema)
    return frame.with_columns(pl.col("_paid").cast(pl.Boolean))


def _fetch_frame(qs: QuerySet, schema: dict) -> pl.DataFrame:
    """A queryset's rows (``values_list`` in ``schema``'s order) as a frame; nothing when it can match nothing."""
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:
        return pl.DataFrame(schema=schema)
    with connection.cursor() as cursor:
        return _read(cursor, sql, list(params), schema)


def _read(cursor, sql: str, params: list, schema: dict) -> pl.DataFrame:
    """The rows of ``sql`` as a frame of ``schema``: COPY … TO STDOUT on PostgreSQL, batches elsewhere."""
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as copy:
            for block in copy:
                buffer.write(block)
        buffer.seek(0)
        if not buffer.getbuffer().nbytes:
            return pl.DataFrame(schema=schema)
        return pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=schema)
    cursor.execute(sql, params)
    parts = []
    while rows := cursor.fetchmany(FETCH_ROWS):
        parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)
