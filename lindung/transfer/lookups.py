"""What the registry already holds for a file's people: look-ups inside the import's transaction.

Look-ups probe the registry's indexes (``IN`` lists on SQLite, one array parameter on PostgreSQL), or read the
registry once when the file is about as big as it (``COPY … TO STDOUT`` on PostgreSQL, JSON lines built by
SQLite on SQLite), with no Python object per registered row.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl

from lindung.enrolment.models import Enrolment
from lindung.people.models import Worker

from .bulk import EXECUTEMANY_CHUNK, postgres

IN_CHUNK = 10_000


def _in_chunks(
    cursor, sql: str, values: list[Any], schema: dict[str, Any], *, params: tuple = ()
) -> pl.DataFrame:
    """``sql`` has one ``IN ({marks})``; run it over ``values`` in chunks (an index probe per value). On
    PostgreSQL one array parameter replaces the list of marks."""
    parts = []
    size = IN_CHUNK * (10 if postgres() else 1)
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        if postgres():
            cursor.execute(sql.replace("IN ({marks})", "= ANY(%s)"), [chunk, *params])
        else:
            cursor.execute(sql.format(marks=", ".join(["%s"] * len(chunk))), [*chunk, *params])
        rows = cursor.fetchall()
        if rows:
            parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)


def _whole(cursor, columns: list[str], schema: dict[str, Any]) -> pl.DataFrame:
    """``columns`` (named as ``schema``) of every registered worker, with no Python object per row: COPY on
    PostgreSQL; on SQLite one JSON line per row, built by SQLite and parsed by Polars, a range of ids at a
    time (fetching tuples cost a third more time and twice the memory)."""
    table = Worker._meta.db_table
    if postgres():
        buffer = io.BytesIO()
        with cursor.cursor.copy(
            f"COPY (SELECT {', '.join(columns)} FROM {table}) TO STDOUT WITH (FORMAT csv)"  # noqa: S608
        ) as copy:
            for block in copy:
                buffer.write(block)
        if not buffer.tell():
            return pl.DataFrame(schema=schema)
        buffer.seek(0)
        return pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema_overrides=schema)
    pairs = ", ".join(f"'{name}', {column}" for name, column in zip(schema, columns, strict=True))
    text_schema = {name: pl.String if dtype == pl.Date else dtype for name, dtype in schema.items()}
    cursor.execute(f"SELECT min(id), max(id) FROM {table}")  # noqa: S608
    low, high = cursor.fetchone()
    parts = []
    for start in range(low or 0, (high or -1) + 1, EXECUTEMANY_CHUNK):
        cursor.execute(
            f"SELECT group_concat(json_object({pairs}), char(10)) FROM {table} WHERE id >= %s AND id < %s",  # noqa: S608
            [start, start + EXECUTEMANY_CHUNK],
        )
        lines = cursor.fetchone()[0]
        if lines:
            parts.append(pl.read_ndjson(io.BytesIO(lines.encode()), schema=text_schema))
    if not parts:
        return pl.DataFrame(schema=schema)
    dates = [pl.col(name).str.to_date("%Y-%m-%d") for name, dtype in schema.items() if dtype == pl.Date]
    return pl.concat(parts).with_columns(dates)


def registry_size(cursor) -> int:
    cursor.execute(f"SELECT count(*) FROM {Worker._meta.db_table}")  # noqa: S608
    return cursor.fetchone()[0]


def _lookup(
    cursor, column: str, select: list[str], values: list[Any], schema: dict[str, Any], size: int
) -> pl.DataFrame:
    """Registry rows whose ``column`` is one of ``values``. When the file is about as big as the registry
    (a first load, a re-upload of everything), reading the registry once beats probing it value by value."""
    w = Worker._meta.db_table
    if not values or not size:
        return pl.DataFrame(schema=schema)
    if size <= 2 * len(values):
        whole = _whole(cursor, select, schema)
        key = next(iter(schema))
        return whole.join(pl.DataFrame({key: values}, schema={key: schema[key]}), on=key, how="semi")
    sql = f"SELECT {', '.join(select)} FROM {w} WHERE {column} IN ({{marks}})"  # noqa: S608
    return _in_chunks(cursor, sql, values, schema)


REGISTRY_SCHEMA = {
    "nik": pl.String,
    "worker_id": pl.Int64,
    "old_village": pl.String,
    "old_kpj": pl.String,
    "name": pl.String,
    "birth": pl.Date,
}


def registry_rows(cursor) -> pl.DataFrame:
    """The whole registry's keys in one read, for a file about as big as the registry."""
    columns = ["nik", "id", "village_id", "kpj", "name_normalized", "birth_date"]
    return _whole(cursor, columns, REGISTRY_SCHEMA)


def existing_workers(cursor, niks: list[str], *, size: int) -> pl.DataFrame:
    """The registered workers among ``niks``: id, village and KPJ."""
    schema = {"nik": pl.String, "worker_id": pl.Int64, "old_village": pl.String, "old_kpj": pl.String}
    return _lookup(cursor, "nik", ["nik", "id", "village_id", "kpj"], niks, schema, size)


def registered_names(cursor, names: list[str], *, size: int) -> pl.DataFrame:
    """Registered people carrying one of these normalised names (to find the same person under another NIK)."""
    schema = {"name": pl.String, "birth": pl.Date, "other_nik": pl.String, "other_village": pl.String}
    return _lookup(
        cursor, "name_normalized", ["name_normalized", "birth_date", "nik", "village_id"], names, schema, size
    )


def registered_born(cursor, dates: list, *, size: int) -> pl.DataFrame:
    """Registered people born on one of ``dates`` (the import's probable-duplicate flag)."""
    schema = {"birth": pl.Date, "name": pl.String, "other_nik": pl.String, "other_village": pl.String}
    return _lookup(
        cursor, "birth_date", ["birth_date", "name_normalized", "nik", "village_id"], dates, schema, size
    )


def full_names(cursor, niks: list[str], *, size: int) -> pl.DataFrame:
    """The full names of the registered ``niks`` (to name the other person in a warning)."""
    schema = {"other_nik": pl.String, "other_name": pl.String}
    return _lookup(cursor, "nik", ["nik", "full_name"], niks, schema, size)


def programme_links(
    cursor, programme, worker_ids: list[int], overlapping: list[int], funded: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """For registered workers of the file: their status in ``programme`` (if any), and their funded
    enrolments in the ``overlapping`` programmes (double funding)."""
    e = Enrolment._meta.db_table
    mine = _in_chunks(
        cursor,
        f"SELECT worker_id, status FROM {e} WHERE worker_id IN ({{marks}}) AND programme_id = %s",  # noqa: S608
        worker_ids,
        {"worker_id": pl.Int64, "status": pl.String},
        params=(programme.pk,),
    )
    others = pl.DataFrame(schema={"worker_id": pl.Int64, "status": pl.String, "programme_id": pl.Int64})
    if overlapping:
        progs = ", ".join(str(int(p)) for p in overlapping)
        statuses = ", ".join(["%s"] * len(funded))
        others = _in_chunks(
            cursor,
            f"SELECT worker_id, status, programme_id FROM {e} WHERE worker_id IN ({{marks}}) "  # noqa: S608
            f"AND programme_id IN ({progs}) AND status IN ({statuses})",
            worker_ids,
            {"worker_id": pl.Int64, "status": pl.String, "programme_id": pl.Int64},
            params=tuple(funded),
        )
    return mine, others
