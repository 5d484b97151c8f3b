"""Importing a statement: the insurer's rincian iuran or the regency's payment list, nothing lost.

Steps: the same programme, kind and file (sha256) again returns the statement already imported; else every
line is read (``statements_parse``) and classified (``statements_classify``, against facts read set-based
by ``statements_facts``). A ``matched`` line is stored once, as its payment (with the statement and its row);
every other line is stored as a ``StatementLine`` with its outcome and waits for a person's decision
(``statements_resolve``). Both are written in bulk: COPY on PostgreSQL, executemany of plain tuples on
SQLite. ``StatementRow`` reads both back as the statement's lines.
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from ..models import Outcome, Payment, Statement, StatementLine
from .statements_classify import classify
from .statements_parse import parse_cells

STATEMENT_COLUMNS = ("row_number", "kpj", "nik", "name", "month", "amount_text", "paid_on_text", "reference")
LINE_COLUMNS = (
    "statement_id",
    "row_number",
    "kpj",
    "nik",
    "name",
    "month",
    "amount",
    "paid_on",
    "reference",
    "enrolment_id",
    "due",
    "outcome",
    "message",
    "resolution",
    "resolution_note",
    "resolved_at",
)
_TEXT_LIMITS = {"kpj": 20, "nik": 20, "name": 150, "reference": 60}
COPY_ROWS = 100_000


class StatementRefused(ValueError):
    """The statement cannot be imported at all; nothing was written. Indonesian message."""


def statement_import(
    *,
    actor,
    programme,
    kind: str,
    frame: pl.DataFrame,
    original_name: str,
    sha256: str,
    today: dt.date | None = None,
) -> tuple[Statement, bool]:
    """Import a statement's lines (``STATEMENT_COLUMNS``, text as typed); (statement, False) when this file
    was imported for this programme before."""
    access_require(
        actor,
        "payment.record",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="mengimpor rincian pembayaran",
    )
    if kind not in Statement.Kind.values:
        raise StatementRefused(f'Jenis rincian "{kind}" tidak dikenal; pilih insurer atau regency.')
    missing = [c for c in STATEMENT_COLUMNS if c not in frame.columns]
    if missing:
        raise StatementRefused(f"Kolom {', '.join(missing)} tidak ada pada rincian.")
    existing = Statement.objects.filter(programme=programme, kind=kind, sha256=sha256).first()
    if existing is not None:
        return existing, False
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            return _import(actor, programme, kind, frame, original_name, sha256, today), True
    except IntegrityError:
        # Two uploads of the same file at once: the other one won; return its statement.
        return Statement.objects.get(programme=programme, kind=kind, sha256=sha256), False


def _normalise(frame: pl.DataFrame) -> pl.DataFrame:
    texts = {
        c: pl.col(c).cast(pl.String).fill_null("").str.strip_chars().str.slice(0, _TEXT_LIMITS.get(c, 255))
        for c in ("kpj", "nik", "name", "reference")
    }
    return frame.select(STATEMENT_COLUMNS).with_columns(pl.col("row_number").cast(pl.Int64), **texts)


def _import(actor, programme, kind, frame, original_name, sha256, today) -> Statement:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    statement = Statement.objects.create(
        programme=programme, kind=kind, original_name=original_name[:255], sha256=sha256, uploaded_by=user
    )
    if frame.get_column("row_number").n_unique() != frame.height:
        raise StatementRefused("Nomor baris pada rincian tidak unik; berkas tidak dapat diimpor.")
    lines = classify(actor, parse_cells(_normalise(frame), today=today), programme, today)
    applied = _store(statement, lines, user)
    counts = dict(lines.group_by("outcome").len().iter_rows())
    statement.counts = {o: counts.get(o, 0) for o in Outcome.values} | {"lines": lines.height}
    statement.save(update_fields=["counts"])
    audit_record(
        actor=actor,
        action=AuditAction.STATEMENT_IMPORT,
        object_type="statement",
        object_id=statement.pk,
        region_code=programme.owner_region_id,
        summary=f"{statement.get_kind_display()} {original_name}: {lines.height} baris, {applied} diterapkan",
        detail={"counts": statement.counts, "programme": programme.code, "sha256": sha256},
    )
    return statement


def _store(statement: Statement, lines: pl.DataFrame, user) -> int:
    """A matched line becomes its payment, naming the statement and its row; every other line is kept as a
    ``StatementLine``. Returns how many lines were applied."""
    now = timezone.now()
    matched = pl.col("outcome") == Outcome.MATCHED.value
    _rows_insert(
        StatementLine._meta.db_table,
        lines.filter(~matched)
        .with_columns(
            statement_id=pl.lit(statement.pk, dtype=pl.Int64),
            resolution_note=pl.lit(""),
            resolved_at=pl.lit(None, dtype=pl.Datetime("us", "UTC")),
        )
        .select(LINE_COLUMNS),
    )
    payments = lines.filter(matched).select(
        "enrolment_id",
        "month",
        "amount",
        "paid_on",
        "reference",
        source=pl.lit(Payment.Source.STATEMENT.value),
        recorded_at=pl.lit(now),
        recorded_by_id=pl.lit(user.pk if user else None, dtype=pl.Int64),
        statement_id=pl.lit(statement.pk, dtype=pl.Int64),
        statement_row="row_number",
    )
    # In the order of the payments' unique index (and of the enrolments their foreign key checks): a file
    # comes sorted by KPJ or name, and a million payments in enrolment order went in faster than shuffled
    # (billing bench data, shuffled statement: 4.3-5.7 s against 6.0-7.3 s).
    _rows_insert(Payment._meta.db_table, payments.sort("enrolment_id", "month"))
    return payments.height


def _rows_insert(table: str, rows: pl.DataFrame) -> None:
    """Store ``rows`` (columns named as the table's): COPY on PostgreSQL, executemany of plain tuples
    elsewhere (never a model per row)."""
    if rows.is_empty():
        return
    if connection.vendor == "postgresql":
        _copy(table, rows)
        return
    # SQLite keeps dates as ISO text and datetimes as naive UTC text, as Django writes them.
    texts = rows.with_columns(
        [pl.col(c).dt.strftime("%Y-%m-%d") for c, t in rows.schema.items() if t == pl.Date]
        + [
            pl.col(c).dt.convert_time_zone("UTC").dt.strftime("%Y-%m-%d %H:%M:%S%.6f")
            for c, t in rows.schema.items()
            if isinstance(t, pl.Datetime)
        ]
    )
    marks = ", ".join("?" * len(texts.columns))
    sql = f"INSERT INTO {table} ({', '.join(texts.columns)}) VALUES ({marks})"  # noqa: S608 (our own names)
    for start in range(0, texts.height, COPY_ROWS):
        connection.connection.executemany(sql, texts.slice(start, COPY_ROWS).iter_rows())


def _copy(table: str, frame: pl.DataFrame) -> None:
    columns = ", ".join(frame.columns)
    sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"  # noqa: S608 (our own names)
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for start in range(0, frame.height, COPY_ROWS):
            buffer = io.BytesIO()
            frame.slice(start, COPY_ROWS).write_csv(
                buffer, include_header=False, null_value="\\N", datetime_format="%Y-%m-%dT%H:%M:%S%.f%z"
            )
            copy.write(buffer.getvalue())
