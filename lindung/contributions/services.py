"""Writes on the rule tables. Rates change by adding rows with a new ``valid_from``, never by editing old ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from lindung.core.services import audit_record

from .models import IncomeBracket

PP44_START = dt.date(2015, 7, 1)
LAMPIRAN_II = "PP 44/2015 Pasal 20 ayat (2), Lampiran II"


class BracketsRefused(ValueError):
    """The bracket file has errors; ``errors`` lists them by line, in Indonesian. Nothing was loaded."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass
class BracketsReport:
    added: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def income_brackets_load(*, actor, path: str | Path) -> BracketsReport:
    """Load BPU income brackets (PP 44/2015 Lampiran II) from a CSV; all-or-nothing.

    Columns: ``income`` and ``jkk_amount`` (whole rupiah), optional ``valid_from`` (YYYY-MM-DD, default
    2015-07-01) and ``legal_basis``. A bracket already loaded with the same income and start is left as it
    is; one with a different amount is refused (add a row with a later ``valid_from`` instead). An amount that
    is not 1 % of the income is loaded with a warning: the sources say 1 %, but the table is the authority.
    """
    import polars as pl

    try:
        frame = pl.read_csv(path, infer_schema_length=0)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise BracketsRefused([f"Berkas {path} tidak dapat dibaca: {exc}"]) from exc
    missing = [c for c in ("income", "jkk_amount") if c not in frame.columns]
    if missing:
        raise BracketsRefused([f"Kolom wajib tidak ada: {', '.join(missing)}."])
    errors: list[str] = []
    rows: list[IncomeBracket] = []
    for line, rec in enumerate(frame.iter_rows(named=True), start=2):
        try:
            income = int(str(rec["income"]).replace(".", "").strip())
            amount = int(str(rec["jkk_amount"]).replace(".", "").strip())
        except ValueError:
            errors.append(f"Baris {line}: income dan jkk_amount harus rupiah bulat, mis. 1300000 dan 13000.")
            continue
        try:
            start = dt.date.fromisoformat(rec.get("valid_from") or PP44_START.isoformat())
        except ValueError:
            errors.append(f'Baris {line}: valid_from "{rec.get("valid_from")}" harus TTTT-BB-HH.')
            continue
        if income <= 0 or amount <= 0:
            errors.append(f"Baris {line}: income dan jkk_amount harus lebih dari 0.")
            continue
        rows.append(
            IncomeBracket(
                income_from=income,
                income_to=income,
                jkk_amount=amount,
                valid_from=start,
                legal_basis=(rec.get("legal_basis") or LAMPIRAN_II)[:255],
            )
        )
    existing = {
        (b.income_from, b.valid_from): b.jkk_amount
        for b in IncomeBracket.objects.filter(income_from__in=[r.income_from for r in rows])
    }
    report = BracketsReport()
    fresh = []
    for row in rows:
        key = (row.income_from, row.valid_from)
        if key in existing:
            if existing[key] != row.jkk_amount:
                errors.append(
                    f"Golongan Rp {row.income_from:,} mulai {row.valid_from} sudah ada dengan JKK "
                    f"Rp {existing[key]:,}; tambahkan baris dengan valid_from baru.".replace(",", ".")
                )
            else:
                report.unchanged += 1
            continue
        existing[key] = row.jkk_amount
        if row.jkk_amount * 100 != row.income_from:
            report.warnings.append(
                f"Golongan Rp {row.income_from:,}: JKK Rp {row.jkk_amount:,} bukan 1% penghasilan.".replace(
                    ",", "."
                )
            )
        fresh.append(row)
    if errors:
        raise BracketsRefused(errors)
    IncomeBracket.objects.bulk_create(fresh)
    report.added = len(fresh)
    if fresh:
        audit_record(
            actor=actor,
            action="rates.load_brackets",
            object_type="income_bracket",
            summary=f"{len(fresh)} golongan penghasilan BPU dimuat dari {Path(path).name}",
            detail={"incomes": [r.income_from for r in fresh]},
        )
    return report
