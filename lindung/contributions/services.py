"""Writes on the rule tables. A rule changes by adding a row with a later ``valid_from``, never by editing one.

``rule_row_add`` adds one row to any table built on ``core.models.RuleRow`` (rates, discounts, payment rules,
the registry's age limits, the funding-source policy); ``income_brackets_load`` adds PP 44/2015 Lampiran II
brackets from a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.models import RuleRow
from lindung.core.services import audit_record

from .models import IncomeBracket

PP44_START = dt.date(2015, 7, 1)
LAMPIRAN_II = "PP 44/2015 Pasal 20 ayat (2), Lampiran II"


class RuleRowRefused(ValueError):
    """The rule row cannot be added; ``errors`` maps each field to its Indonesian message. Nothing was written."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def _rule_row_errors(row: RuleRow) -> dict[str, str]:
    """Every problem with a new rule row, by field: the table's own validation, its basis, its place in time."""
    errors: dict[str, str] = {}
    if row.pk is not None:
        errors[NON_FIELD_ERRORS] = (
            "Baris aturan tidak diubah; tambahkan baris baru dengan tanggal berlaku baru."
        )
        return errors
    if not (row.legal_basis or "").strip():
        errors["legal_basis"] = (
            "Dasar hukum wajib diisi. Bila belum ada peraturan, tuliskan itu apa adanya, mis. "
            "«Konvensi Lindung; belum ada ketentuan nasional»."
        )
    try:
        row.full_clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, " ".join(messages))
    if "valid_from" not in errors and isinstance(row.valid_from, dt.date):
        # Every date keeps the row it had: a new row takes over from its valid_from, after the latest one.
        same_rule = type(row).objects.filter(**{name: getattr(row, name) for name in row.rule_key})
        latest = same_rule.order_by("-valid_from").values_list("valid_from", flat=True).first()
        if latest is not None and row.valid_from <= latest:
            errors["valid_from"] = (
                f"Baris baru harus berlaku setelah baris terakhir aturan ini ({latest:%d-%m-%Y}); aturan yang "
                "sudah berlaku tidak diubah ke belakang."
            )
    return errors


def rule_row_add(*, actor, row: RuleRow) -> RuleRow:
    """Add one rule row to its table, with its ``rule.add`` audit event. Rows are never changed or deleted.

    1. Rules hold for the whole country: the actor needs ``rule.add`` with a national scope.
    2. The row is validated as its table declares it (fields, choices, constraints) and cites its basis.
    3. It must start after the latest row of the same rule (``rule_key``): from its ``valid_from`` on it is
       the row in force; before that date the older rows stay in force.
    Raises ``RuleRowRefused`` with every problem, in Indonesian.
    """
    table = row._meta.label_lower
    access_require(actor, "rule.add", region_code="", object_type=table, what="menambah baris aturan")
    with transaction.atomic():
        errors = _rule_row_errors(row)
        if errors:
            raise RuleRowRefused(errors)
        key: dict[str, Any] = {name: getattr(row, name) for name in row.rule_key}
        row.save(force_insert=True)
        audit_record(
            actor=actor,
            action=AuditAction.RULE_ADD,
            object_type=table,
            object_id=row.pk,
            summary=f"Baris aturan baru ({row._meta.verbose_name}): {row}",
            detail={
                "rule": {k: str(v) for k, v in key.items()},
                "valid_from": row.valid_from.isoformat(),
                "valid_to": row.valid_to.isoformat() if row.valid_to else None,
                "legal_basis": row.legal_basis,
            },
        )
    return row


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


def _rupiah_text(value: str) -> str:
    """``"1.300.000"`` → ``"1300000"``: spreadsheets write rupiah with dots as thousands separators."""
    return str(value).replace(".", "").strip()


def _bracket_rows(path: str | Path) -> tuple[list[IncomeBracket], list[str]]:
    """The brackets a CSV file holds, and the errors of the lines that could not be read."""
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
            income, amount = int(_rupiah_text(rec["income"])), int(_rupiah_text(rec["jkk_amount"]))
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
    return rows, errors


def _new_brackets(
    rows: list[IncomeBracket], errors: list[str], report: BracketsReport
) -> list[IncomeBracket]:
    """The rows not loaded yet. A loaded one with another amount is an error (appended to ``errors``)."""
    existing = {
        (b.income_from, b.valid_from): b.jkk_amount
        for b in IncomeBracket.objects.filter(income_from__in=[r.income_from for r in rows])
    }
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
    return fresh


@transaction.atomic
def income_brackets_load(*, actor, path: str | Path) -> BracketsReport:
    """Load BPU income brackets (PP 44/2015 Lampiran II) from a CSV; all-or-nothing.

    Columns: ``income`` and ``jkk_amount`` (whole rupiah), optional ``valid_from`` (YYYY-MM-DD, default
    2015-07-01) and ``legal_basis``. A bracket already loaded with the same income and start is left as it
    is; one with a different amount is refused (add a row with a later ``valid_from`` instead). An amount that
    is not 1 % of the income is loaded with a warning: the sources say 1 %, but the table is the authority.
    """
    rows, errors = _bracket_rows(path)
    report = BracketsReport()
    fresh = _new_brackets(rows, errors, report)
    if errors:
        raise BracketsRefused(errors)
    IncomeBracket.objects.bulk_create(fresh)
    report.added = len(fresh)
    if fresh:
        audit_record(
            actor=actor,
            action=AuditAction.RATES_LOAD_BRACKETS,
            object_type="income_bracket",
            summary=f"{len(fresh)} golongan penghasilan BPU dimuat dari {Path(path).name}",
            detail={"incomes": [r.income_from for r in fresh]},
        )
    return report
