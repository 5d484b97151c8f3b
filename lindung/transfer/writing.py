"""The database side of an import: the set-based writes, for SQLite and PostgreSQL.

Everything here runs inside the import's one transaction (``pipeline.run_workers``), so a crash anywhere
leaves the database as it was. (The look-ups before the writes are in ``lookups``, the bulk plumbing both
share in ``bulk``.)

- New workers go straight into the registry, in NIK order: ``executemany`` of plain tuples on SQLite, a
  chunk at a time, ``COPY`` on PostgreSQL. A load at least the size of the registry first drops the
  secondary indexes (and on PostgreSQL the foreign keys and unique constraints) and adds them back after:
  each is then built or checked once, set-based.
- Known workers are staged and updated with one ``UPDATE … FROM`` whose ``WHERE`` keeps unchanged rows
  untouched, so a re-upload of the same file writes nothing and its row count *is* the number updated.
- Enrolments, their history rows and the per-worker audit rows are ``INSERT … SELECT`` statements.

Column lists come from the models, so a field another app adds later gets its default, not an error.
SQL text is assembled from model metadata and constants only; every value is a bound parameter (hence the
``noqa: S608`` marks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Field

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.people.models import Worker

from .bulk import (
    copy_in,
    db_default,
    distinct_op,
    executemany,
    literal,
    pg_text,
    placeholder,
    postgres,
    sqlite_value,
)

KEYS = "transfer_keys"
STAGE = "transfer_stage"
BULK_LOAD_MIN = 50_000
SQLITE_CACHE_KIB = 131_072

# Worker columns an import writes, with the text-like ones that keep their old value when a cell is empty.
TEXT_KEEP = (
    "birth_place",
    "address",
    "rt",
    "rw",
    "phone",
    "email",
    "occupation_1",
    "occupation_2",
    "category",
    "kk_number",
    "kpj",
    "wage_status",
)


def tune() -> Any:
    """A bigger page cache for the duration of an import on SQLite (the default 2 MB thrashes on 6 indexes).

    Temporary storage stays on disk: in memory, the staging table of a re-uploaded million rows added a
    quarter GB to the peak, and the index builds measured no faster."""
    if postgres():
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    return before


def untune(before: Any) -> None:
    if before is not None and not postgres():
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def lock_registry(cursor) -> None:
    """On PostgreSQL, keep other writers off the registry from look-up to commit (SQLite's IMMEDIATE
    transaction already holds the only write lock), so "new" still means new when the rows are written."""
    if postgres():
        cursor.execute(f"LOCK TABLE {Worker._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def stage_keys(cursor, niks: pl.Series) -> None:
    """The NIKs written by this import, for the set-based enrolment insert."""
    cursor.execute(f"DROP TABLE IF EXISTS {KEYS}")
    frame = pl.DataFrame({"nik": niks})
    if postgres():
        cursor.execute(f"CREATE TEMP TABLE {KEYS} (nik varchar(16) PRIMARY KEY)")
        copy_in(cursor, KEYS, ["nik"], frame)
        cursor.execute(f"ANALYZE {KEYS}")
    else:
        cursor.execute(f"CREATE TEMP TABLE {KEYS} (nik TEXT PRIMARY KEY)")
        executemany(cursor, f"INSERT INTO {KEYS} VALUES (%s)", frame, ["nik"])  # noqa: S608


def _worker_fields() -> list[Field]:
    return [f for f in Worker._meta.concrete_fields if not f.primary_key]


def workers_insert(
    cursor, frame: pl.DataFrame, *, rows: pl.Series, now: dt.datetime, actor_id: int | None
) -> int:
    """Insert the ``rows`` (indices) of ``frame`` as new workers; ``frame`` has one column per model
    attribute the import sets (the others get their default)."""
    if not rows.len():
        return 0
    fields = _worker_fields()
    columns = [f.column for f in fields]
    constants: dict[str, Any] = {}
    for f in fields:
        if f.attname in frame.columns:
            continue
        if f.attname == "created_by_id":
            constants[f.attname] = actor_id
        else:
            constants[f.attname] = db_default(f, now)
    order = [f.attname for f in fields]
    table = Worker._meta.db_table
    # In NIK order the unique NIK index (and, as the NIK starts with the kecamatan, the village indexes)
    # grows at its end instead of splitting pages all over.
    rows = rows.gather(frame.get_column("nik").gather(rows).arg_sort())
    if postgres():
        data = frame.select(
            [pl.col(a) if a not in constants else pl.lit(pg_text(constants[a])).alias(a) for a in order]
        )
        rebuild = []
        if _bulk_load(cursor, table, rows.len()):
            # PostgreSQL's own advice for bulk loads: drop foreign keys, unique constraints and indexes, load,
            # then add them back; each is then checked or built once, set-based, instead of row by row.
            rebuild = _drop_constraints(cursor, table) + _drop_secondary_indexes(cursor, table)
        copy_in(cursor, table, columns, data, rows)
        if rebuild:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for sql in rebuild:
            cursor.execute(sql)
    else:
        _check_constraints_hold(frame[rows])
        # Only Lindung's own constants (defaults, the timestamp, the actor) become literals; file values are
        # always bound.
        literals = {k: sqlite_value(v) for k, v in constants.items()}
        values = ", ".join(literal(literals[a]) if a in literals else "%s" for a in order)
        rebuild = _drop_secondary_indexes(cursor, table) if _bulk_load(cursor, table, rows.len()) else []
        # The table's CHECKs (NIK and KPJ patterns) run a Python REGEXP per row, a fifth of the insert time;
        # _check_constraints_hold has just verified the same patterns for the whole frame at once.
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"  # noqa: S608
            executemany(cursor, sql, frame, [a for a in order if a not in literals], rows)
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")
        for sql in rebuild:
            cursor.execute(sql)
    return rows.len()


def _check_constraints_hold(frame: pl.DataFrame) -> None:
    """The Worker table's CHECK constraints, vectorised. A violation here is a bug upstream, never data."""
    frame = frame.select([c for c in ("nik", "kpj") if c in frame.columns])
    tests = [(~pl.col("nik").str.contains(r"^[0-9]{16}$")).any().alias("nik")]
    if "kpj" in frame.columns:
        tests.append((~pl.col("kpj").str.contains(r"^$|^[0-9]{11}$")).any().alias("kpj"))
    failed = [name for name, bad in frame.select(tests).row(0, named=True).items() if bad]
    if failed:
        raise ValueError(f"values the registry refuses reached the insert: {', '.join(failed)}")


def _bulk_load(cursor, table: str, rows: int) -> bool:
    """Loading at least as many rows as the table holds (a first import, a new regency): then building the
    secondary indexes once, sorted, beats updating them row by row."""
    if rows < BULK_LOAD_MIN:
        return False
    cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
    return rows >= cursor.fetchone()[0]


def _drop_constraints(cursor, table: str) -> list[str]:
    """PostgreSQL: drop the table's foreign keys and unique constraints (not the primary key) and return the
    statements that add them back; adding validates every row at once, so nothing unchecked remains."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC",
        [table],
    )
    constraints = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, definition in constraints]


def _drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Drop the table's non-unique indexes and return the statements that recreate them exactly. Both run in
    the import's transaction, so a failure rolls the drop back as well. (On PostgreSQL the drop takes an
    exclusive lock until commit: readers of the registry wait for a first bulk load to finish.)"""
    if postgres():
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary",
            [table],
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
    indexes = [(name, sql) for name, sql in cursor.fetchall() if not sql.upper().startswith("CREATE UNIQUE")]
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


STAGE_TYPES = {
    "nik": "varchar(16)",
    "full_name": "text",
    "name_normalized": "text",
    "birth_date": "date",
    "gender": "text",
    "village_id": "text",
    "fixed_income": "bigint",
    "findings": "text",
    "needs_review": "boolean",
}


def workers_update(
    cursor, frame: pl.DataFrame, *, rows: pl.Series, present: set[str], now: dt.datetime
) -> int:
    """Update known workers from the ``rows`` of ``frame`` (given values only); returns how many changed.

    An empty cell keeps the registered value, so a file without phone numbers never erases them. Only the
    columns the file has are touched. The WHERE clause skips rows whose every value is already the same.
    """
    if not rows.len():
        return 0
    columns = list(frame.columns)
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    types = ", ".join(f"{c} {STAGE_TYPES.get(c, 'text')}" for c in columns)
    cursor.execute(f"CREATE TEMP TABLE {STAGE} ({types})")
    if postgres():
        copy_in(cursor, STAGE, columns, frame, rows)
        cursor.execute(f"ANALYZE {STAGE}")
    else:
        marks = ", ".join(["%s"] * len(columns))
        executemany(cursor, f"INSERT INTO {STAGE} VALUES ({marks})", frame, columns, rows)  # noqa: S608

    json_new = "CAST(s.findings AS jsonb)" if postgres() else "json(s.findings)"
    json_old = "w.findings" if postgres() else "json(w.findings)"
    sets: dict[str, str] = {
        "full_name": "s.full_name",
        "name_normalized": "s.name_normalized",
        "village_id": "s.village_id",
        "needs_review": "s.needs_review",
    }
    for c in TEXT_KEEP:
        if c in present:
            sets[c] = f"COALESCE(NULLIF(s.{c}, ''), w.{c})"
    if "birth_date" in present:
        sets["birth_date"] = "COALESCE(s.birth_date, w.birth_date)"
    if "gender" in present:
        sets["gender"] = "COALESCE(NULLIF(s.gender, ''), w.gender)"
    if "fixed_income" in present:
        sets["fixed_income"] = "COALESCE(s.fixed_income, w.fixed_income)"
    distinct = distinct_op()
    changed = [f"w.{c} {distinct} {expr}" for c, expr in sets.items()]
    changed.append(f"{json_old} {distinct} {json_new}")
    assignments = [f"{c} = {expr}" for c, expr in sets.items()] + [
        f"findings = {json_new}",
        "updated_at = %s",
    ]
    table = Worker._meta.db_table
    cursor.execute(
        f"UPDATE {table} AS w SET {', '.join(assignments)} FROM {STAGE} AS s "  # noqa: S608
        f"WHERE w.nik = s.nik AND ({' OR '.join(changed)})",
        [Worker._meta.get_field("updated_at").get_db_prep_save(now, connection)],
    )
    return cursor.rowcount


class Bound:
    """A constant for ``_insert_select``, bound as a typed parameter."""

    def __init__(self, value: Any):
        self.value = value


def _insert_select(model, given: dict[str, str | Bound], now: dt.datetime) -> tuple[str, str, list[Any]]:
    """``INSERT INTO table (columns)`` and its ``SELECT`` list: raw SQL expressions and ``Bound`` constants
    as given, and every other column bound to its model default."""
    columns, exprs, params = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(f.column)
        value = given.get(f.attname)
        if isinstance(value, str):
            exprs.append(value)
            continue
        exprs.append(placeholder(f))
        if isinstance(value, Bound):
            params.append(f.get_db_prep_save(value.value, connection) if value.value is not None else None)
        else:
            params.append(db_default(f, now))
    return f"INSERT INTO {model._meta.db_table} ({', '.join(columns)})", ", ".join(exprs), params


def enrolments_insert(
    cursor, *, programme, now: dt.datetime, actor_id: int | None, actor_label: str, reason: str
) -> int:
    """Propose every staged worker that has no enrolment in ``programme`` yet, with its history row."""
    w, e = Worker._meta.db_table, Enrolment._meta.db_table
    insert, select, params = _insert_select(
        Enrolment,
        {
            "created_at": Bound(now),
            "updated_at": Bound(now),
            "status_changed_at": Bound(now),
            "worker_id": "w.id",
            "programme_id": Bound(programme.pk),
            "village_id": "w.village_id",
            "status": Bound(Status.PROPOSED),
            "reason": Bound(reason[:255]),
            "proposed_by_id": Bound(actor_id),
        },
        now,
    )
    cursor.execute(
        f"{insert} SELECT {select} FROM {KEYS} k CROSS JOIN {w} w WHERE w.nik = k.nik AND NOT EXISTS "  # noqa: S608
        f"(SELECT 1 FROM {e} x WHERE x.worker_id = w.id AND x.programme_id = %s)",
        [*params, programme.pk],
    )
    created = cursor.rowcount
    if not created:
        return 0
    insert, select, params = _insert_select(
        EnrolmentEvent,
        {
            "enrolment_id": "e.id",
            "from_status": "''",
            "to_status": "e.status",
            "at": "e.created_at",
            "actor_id": "e.proposed_by_id",
            "actor_label": Bound(actor_label),
            "reason": "e.reason",
        },
        now,
    )
    stamp = Enrolment._meta.get_field("created_at").get_db_prep_save(now, connection)
    cursor.execute(
        f"{insert} SELECT {select} FROM {e} e WHERE e.programme_id = %s AND e.created_at = %s AND e.status = %s",  # noqa: S608
        [*params, programme.pk, stamp, Status.PROPOSED],
    )
    return created


def audit_updated_workers(
    cursor, *, now: dt.datetime, actor_id: int | None, actor_label: str, summary: str
) -> int:
    """One ``worker.update`` audit row per worker this import changed, written by one INSERT … SELECT."""
    w = Worker._meta.db_table
    insert, select, params = _insert_select(
        AuditEvent,
        {
            "at": Bound(now),
            "actor_id": Bound(actor_id),
            "actor_label": Bound(actor_label),
            "action": Bound(AuditAction.WORKER_UPDATE),
            "object_type": Bound("worker"),
            "object_id": "CAST(w.id AS text)" if postgres() else "CAST(w.id AS TEXT)",
            "region_code": "w.village_id",
            "summary": Bound(summary[:255]),
        },
        now,
    )
    stamp = Worker._meta.get_field("updated_at").get_db_prep_save(now, connection)
    # Inside the import's transaction (and its lock) only this import sets updated_at to this instant.
    cursor.execute(
        f"{insert} SELECT {select} FROM {w} w WHERE w.updated_at = %s AND w.created_at <> %s",  # noqa: S608
        [*params, stamp, stamp],
    )
    return cursor.rowcount


def drop_temp(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    cursor.execute(f"DROP TABLE IF EXISTS {KEYS}")
