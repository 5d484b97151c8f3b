"""The database half of a backup, per engine: a consistent copy with its row counts, and putting it back.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the live database page by page under
  a read lock, so the copy is one consistent state even while the web server writes; counts are read from
  the copy.
- PostgreSQL: a REPEATABLE READ transaction exports its snapshot, the row counts are read in it, and
  ``pg_dump --format=custom --snapshot`` dumps that same snapshot, so counts and dump agree to the row.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections

SQLITE, POSTGRESQL = "sqlite", "postgresql"
DUMP_NAME = {SQLITE: "database/lindung.sqlite3", POSTGRESQL: "database/lindung.pgdump"}


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_NAME:
        raise ValueError(f"Cadangan tidak mendukung basis data {vendor}")
    return SQLITE if vendor == "sqlite" else POSTGRESQL


def pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore``: from LINDUNG_PG_BIN, the PATH, or the newest /usr/lib/postgresql/*/bin."""
    if folder := os.environ.get("LINDUNG_PG_BIN"):
        return str(Path(folder) / name)
    if found := shutil.which(name):
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]), reverse=True
    )
    if not candidates:
        raise FileNotFoundError(f"{name} tidak ditemukan; pasang klien PostgreSQL atau isi LINDUNG_PG_BIN")
    return str(candidates[0])


def _pg_args(alias: str) -> tuple[list[str], dict[str, str]]:
    conf = connections[alias].settings_dict
    args = [f"--dbname={conf['NAME']}"]
    if conf.get("HOST"):
        args.append(f"--host={conf['HOST']}")
    if conf.get("PORT"):
        args.append(f"--port={conf['PORT']}")
    if conf.get("USER"):
        args.append(f"--username={conf['USER']}")
    env = {**os.environ, "PGPASSWORD": conf.get("PASSWORD") or ""}
    return args, env


def _pg_connect(alias: str) -> psycopg.Connection:
    conf = connections[alias].settings_dict
    params: dict[str, Any] = {"dbname": conf["NAME"], "user": conf.get("USER") or None}
    params |= {"password": conf.get("PASSWORD") or None, "host": conf.get("HOST") or None}
    params |= {"port": conf.get("PORT") or None}
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None})


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608 - a name read from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {t: db.execute(f"SELECT count(*) FROM {_quoted(t)}").fetchone()[0] for t in tables}  # noqa: S608


def database_dump(target: Path, *, alias: str = "default") -> dict[str, int]:
    """Write a consistent copy of the database to ``target``; returns the row count of every table in it."""
    if engine_of(alias) == SQLITE:
        connection = connections[alias]
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            return _sqlite_counts(copy)
    with closing(_pg_connect(alias)) as pg, pg.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]  # type: ignore[index]
        counts = _pg_counts(cursor)
        args, env = _pg_args(alias)
        subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
            + [f"--snapshot={snapshot}", f"--file={target}", *args],
            env=env,
            check=True,
            capture_output=True,
        )
        pg.rollback()
        return counts


def database_load(dump: Path, *, alias: str = "default") -> None:
    """Put a dump made by ``database_dump`` into the (checked empty) database of ``alias``."""
    connection = connections[alias]
    connection.close()
    if engine_of(alias) == SQLITE:
        with (
            closing(sqlite3.connect(dump)) as source,
            closing(sqlite3.connect(connection.settings_dict["NAME"])) as db,
        ):
            source.backup(db)
        return
    args, env = _pg_args(alias)
    # --clean drops the tables a `lindung migrate` may already have made, so both an empty and a freshly
    # migrated database take the dump; one transaction leaves nothing half restored.
    subprocess.run(
        [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists"]
        + ["--exit-on-error", "--single-transaction", *args, str(dump)],
        env=env,
        check=True,
        capture_output=True,
    )


def database_counts(*, alias: str = "default") -> dict[str, int]:
    """The row count of every table, read now (after a restore, to compare with the manifest)."""
    connection = connections[alias]
    if engine_of(alias) == SQLITE:
        connection.ensure_connection()
        return _sqlite_counts(connection.connection)
    with connection.cursor() as cursor:
        return _pg_counts(cursor)


def table_rows(table: str, *, alias: str = "default") -> int | None:
    """Rows in ``table``, or None when the database has no such table."""
    connection = connections[alias]
    if table not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]
