"""Moving frames in and out of the database in bulk, the same way on SQLite and PostgreSQL: ``COPY`` on
PostgreSQL, ``executemany`` of Polars-built tuples a chunk at a time on SQLite, and the small differences in
how each spells a typed constant or a comparison that treats NULL as a value.

SQL text is assembled from model metadata and constants only; every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import NOT_PROVIDED, Field

COPY_CHUNK = 200_000
EXECUTEMANY_CHUNK = 100_000


def postgres() -> bool:
    return connection.vendor == "postgresql"


def distinct_op() -> str:
    return "IS DISTINCT FROM" if postgres() else "IS NOT"


def placeholder(field: Field) -> str:
    """A bound constant in a SELECT list. PostgreSQL needs its type spelled out there; SQLite must not be
    given one (CAST to "date" would turn the text into a number)."""
    return f"CAST(%s AS {field.db_type(connection)})" if postgres() else "%s"


def db_default(field: Field, now: dt.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.get_db_prep_save(now, connection)
    if field.default is not NOT_PROVIDED or not field.null:
        return field.get_db_prep_save(field.get_default(), connection)
    return None


def sqlite_value(value: Any) -> Any:
    if hasattr(value, "dumps") and hasattr(value, "obj"):  # a JSON adapter
        return json.dumps(value.obj)
    return value


def chunks(frame: pl.DataFrame, rows: pl.Series | None, size: int):
    """``frame`` (or its ``rows``, by index) a chunk at a time: the rows are gathered per chunk, so the
    selection is never copied whole."""
    total = frame.height if rows is None else rows.len()
    for start in range(0, total, size):
        yield frame.slice(start, size) if rows is None else frame[rows.slice(start, size)]


def copy_in(
    cursor, table: str, columns: list[str], frame: pl.DataFrame, rows: pl.Series | None = None
) -> None:
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    with cursor.cursor.copy(sql) as copy:
        for part in chunks(frame, rows, COPY_CHUNK):
            copy.write(part.write_csv(include_header=False, quote_style="non_numeric"))


def bindable(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns as the values the driver binds: dates as ISO text, booleans as 0/1."""
    casts = []
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            casts.append(pl.col(name).dt.to_string("%Y-%m-%d"))
        elif dtype == pl.Boolean:
            casts.append(pl.col(name).cast(pl.Int8))
    return frame.with_columns(casts) if casts else frame


def executemany(
    cursor, sql: str, frame: pl.DataFrame, order: list[str], rows: pl.Series | None = None
) -> None:
    """Row tuples built by Polars, a chunk at a time so that a million rows never exist as Python objects at
    once. (Polars' own tuples bind about a tenth faster than zipping per-column lists.)"""
    for part in chunks(frame.select(order), rows, EXECUTEMANY_CHUNK):
        cursor.executemany(sql, bindable(part).iter_rows())


def literal(value: Any) -> str:
    """A constant of ours (timestamps, defaults, the actor's id) as SQL text; '%' doubled for the driver."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if "\x00" in text:
        raise ValueError("NUL in a literal")
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def pg_text(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "obj"):  # psycopg's Jsonb adapter
        return json.dumps(value.obj)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)
