"""Writes on umbrella APBDes schemes: one budget line per village, all or nothing.

A regent's decision (Perbup) makes every village pay for its people from its own APBDes. Each line holds the
amount, the APBDes approval (Perdes number and date), the ADD or PAD sub-source and the village's quota; the
Bengkayang pattern (the kabupaten's APBD transferred into each APBDes) is a line of kind ``apbd_transfer``.
Dana Desa is refused with the reason of its ``FundingSourcePolicy`` row (SE Dirjen PDP Kemendes
4/PRI.00/I/2024). The line's quota is written as the village's ``VillageQuota`` in the same transaction, so
places and plans read one number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions import codes
from lindung.regions.models import Region

from .models import ApbdesSubSource, BudgetLineKind, Programme, VillageBudgetLine, VillageQuota
from .services import funding_source_refusal, is_dana_desa

# Bounds far beyond any village's budget or population, near enough to catch a typo of many zeros.
MAX_LINE_AMOUNT = 10**12
MAX_LINE_QUOTA = 100_000


class UmbrellaRefused(ValueError):
    """Budget lines with errors; ``errors`` maps ``village (field)`` to the Indonesian message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass(frozen=True)
class LineInput:
    """One village's line as typed or sent: text as given, parsed by ``_line_errors``."""

    village: str
    amount: Any
    perdes_number: str
    perdes_date: Any
    sub_source: str = ""
    quota: Any = None
    kind: str = BudgetLineKind.APBDES

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> LineInput:
        return cls(
            village=str(data.get("village") or "").strip(),
            amount=data.get("amount"),
            perdes_number=str(data.get("perdes_number") or "").strip(),
            perdes_date=data.get("perdes_date"),
            sub_source=str(data.get("sub_source") or "").strip().lower(),
            quota=data.get("quota"),
            kind=str(data.get("kind") or BudgetLineKind.APBDES).strip(),
        )


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value or "").strip().replace(".", "")
    return int(text) if text.isdigit() else None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def _sub_source_error(line: LineInput, on: dt.date) -> str:
    if is_dana_desa(line.sub_source):
        return funding_source_refusal(line.sub_source, on=on)
    if line.kind == BudgetLineKind.APBD_TRANSFER:
        if line.sub_source:
            return "Anggaran transfer APBD kabupaten tidak diisi asal dana APBDes (ADD/PAD)."
        return ""
    if line.sub_source not in ApbdesSubSource.values:
        return (
            f'Asal dana APBDes "{line.sub_source}" tidak dikenal; pilih ADD, pendapatan asli desa (pades) atau '
            "lainnya (lain). Dana Desa tidak boleh."
        )
    return ""


def _line_errors(line: LineInput, programme: Programme, village: Region | None) -> dict[str, str]:
    """Every problem of one line, keyed ``<village> (<field>)``."""
    key = line.village or "?"
    errors: dict[str, str] = {}
    if village is None or village.level != codes.VILLAGE:
        errors[f"{key} (village)"] = f'Kode desa "{line.village}" tidak ditemukan.'
    elif not codes.within(village.code, programme.coverage_region_id):
        errors[f"{key} (village)"] = (
            f"Desa {village.code} {village.name} berada di luar wilayah cakupan {programme.coverage_region_id}."
        )
    if line.kind not in BudgetLineKind.values:
        errors[f"{key} (kind)"] = (
            f'Jenis anggaran "{line.kind}" tidak dikenal; pilih apbdes atau transfer (APBD ke APBDes).'
        )
    amount = _as_int(line.amount)
    if amount is None or not 0 <= amount <= MAX_LINE_AMOUNT:
        errors[f"{key} (amount)"] = f'Jumlah anggaran "{line.amount}" harus rupiah bulat, 0 sampai 1 triliun.'
    quota = _as_int(line.quota)
    if quota is None or not 0 <= quota <= MAX_LINE_QUOTA:
        errors[f"{key} (quota)"] = (
            f'Kuota desa "{line.quota}" harus bilangan bulat 0 sampai {MAX_LINE_QUOTA}.'
        )
    if not line.perdes_number:
        errors[f"{key} (perdes_number)"] = "Nomor Perdes APBDes wajib diisi."
    perdes_date = _as_date(line.perdes_date)
    if perdes_date is None:
        errors[f"{key} (perdes_date)"] = (
            f'Tanggal Perdes APBDes "{line.perdes_date or ""}" tidak sah (TTTT-BB-HH).'
        )
    if message := _sub_source_error(line, programme.start_month):
        errors[f"{key} (sub_source)"] = message
    return errors


def _new_line(programme: Programme, line: LineInput) -> VillageBudgetLine:
    perdes_date = _as_date(line.perdes_date)
    assert perdes_date is not None, "a line written before its date was checked"
    return VillageBudgetLine(
        programme=programme,
        village_id=line.village,
        kind=line.kind,
        amount=_as_int(line.amount) or 0,
        perdes_number=line.perdes_number,
        perdes_date=perdes_date,
        sub_source=line.sub_source,
        quota=_as_int(line.quota) or 0,
    )


def umbrella_lines_set(*, actor, programme: Programme, lines: Iterable[Mapping[str, Any]]) -> int:
    """Write villages' budget lines (replacing theirs), and their quotas; refuse all when one is wrong.

    1. The actor manages programmes in the owner's region; the programme is an umbrella scheme.
    2. Every line is checked (village in coverage, amount, Perdes number and date, sub-source: Dana Desa is
       refused with its policy's reason, quota); a village named twice is an error.
    3. The villages' old lines and quotas are deleted and the new ones bulk-inserted; one audit event.
    The guard runs outside the transaction, so that a refusal's audit event is kept.
    """
    access_require(
        actor,
        "programme.manage",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="anggaran desa skema payung",
    )
    if not programme.umbrella:
        raise UmbrellaRefused({"programme": f"Program {programme.code} bukan skema payung APBDes."})
    return _lines_write(actor, programme, [LineInput.of(data) for data in lines])


@transaction.atomic
def _lines_write(actor, programme: Programme, inputs: list[LineInput]) -> int:
    villages = Region.objects.in_bulk([line.village for line in inputs if line.village])
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for line in inputs:
        if line.village in seen:
            errors[f"{line.village} (village)"] = f"Desa {line.village} disebut lebih dari sekali."
        seen.add(line.village)
        errors |= _line_errors(line, programme, villages.get(line.village))
    if not inputs:
        errors["lines"] = "Tidak ada baris anggaran desa."
    if errors:
        raise UmbrellaRefused(errors)
    VillageBudgetLine.objects.filter(programme=programme, village_id__in=seen).delete()
    VillageQuota.objects.filter(programme=programme, village_id__in=seen).delete()
    VillageBudgetLine.objects.bulk_create([_new_line(programme, line) for line in inputs], batch_size=1000)
    VillageQuota.objects.bulk_create(
        [
            VillageQuota(programme=programme, village_id=i.village, quota=_as_int(i.quota) or 0)
            for i in inputs
        ],
        batch_size=1000,
    )
    audit_record(
        actor=actor,
        action=AuditAction.VILLAGE_BUDGET_SET,
        object_type="programme",
        object_id=programme.pk,
        region_code=programme.owner_region_id,
        summary=f"Anggaran APBDes {len(inputs)} desa pada skema payung {programme.code}",
        detail={"villages": sorted(seen)[:500], "count": len(inputs)},
    )
    return len(inputs)


def umbrella_line_remove(*, actor, programme: Programme, village_code: str) -> bool:
    """Remove one village's line and its quota (the village has not budgeted after all)."""
    access_require(
        actor,
        "programme.manage",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="anggaran desa skema payung",
    )
    return _line_delete(actor, programme, village_code)


@transaction.atomic
def _line_delete(actor, programme: Programme, village_code: str) -> bool:
    deleted, _ = VillageBudgetLine.objects.filter(programme=programme, village_id=village_code).delete()
    if not deleted:
        return False
    VillageQuota.objects.filter(programme=programme, village_id=village_code).delete()
    audit_record(
        actor=actor,
        action=AuditAction.VILLAGE_BUDGET_SET,
        object_type="programme",
        object_id=programme.pk,
        region_code=village_code,
        summary=f"Anggaran APBDes desa {village_code} dihapus dari skema payung {programme.code}",
    )
    return True
