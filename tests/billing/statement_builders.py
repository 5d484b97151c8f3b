"""Statements for tests: lines as an office types them, turned into the frame ``statement_import`` takes."""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

import polars as pl

from lindung.billing.services import STATEMENT_COLUMNS, statement_import

_files = itertools.count(1)


def line(enrolment=None, *, month="2026-06", amount="16.800", paid_on="12-06-2026", **overrides: Any) -> dict:
    """One line naming ``enrolment``'s KPJ and NIK (or the ``kpj``/``nik`` given)."""
    data = {
        "kpj": enrolment.kpj if enrolment is not None else "",
        "nik": enrolment.worker.nik if enrolment is not None else "",
        "name": enrolment.worker.full_name if enrolment is not None else "",
        "month": month,
        "amount_text": amount,
        "paid_on_text": paid_on,
        "reference": "SP2D-001",
    }
    data.update(overrides)
    return data


def statement_frame(lines: list[dict], row_numbers: list[int] | None = None) -> pl.DataFrame:
    """Row numbers from 2 (row 1 is the header), or the ones given, in the order given; every column text."""
    numbers = row_numbers or range(2, len(lines) + 2)
    rows = [{"row_number": i, **ln} for i, ln in zip(numbers, lines, strict=True)]
    schema = {c: (pl.Int64 if c == "row_number" else pl.String) for c in STATEMENT_COLUMNS}
    return pl.DataFrame(rows, schema=schema)


def import_lines(
    programme, lines: list[dict], *, actor=None, kind="insurer", name=None, today=None, row_numbers=None
):
    frame = statement_frame(lines, row_numbers)
    digest = hashlib.sha256(frame.write_csv().encode() + (name or str(next(_files))).encode()).hexdigest()
    return statement_import(
        actor=actor,
        programme=programme,
        kind=kind,
        frame=frame,
        original_name=name or "rincian.xlsx",
        sha256=digest,
        today=today,
    )
