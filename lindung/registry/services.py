"""Every write of the registry app: importing an edition, refreshing its matches, adding a decile rule.

``registry_edition_import`` takes the extract already read into a frame (``transfer.registry_import`` reads
XLSX and CSV files); its steps:
1. the actor must hold ``registry.import`` over the edition's region (a refusal is audited);
2. the same edition (kind, date, region) again changes nothing: the edition already imported is returned;
3. each row is judged (``rows.judge``): imported, imported with a flag, or refused, by row and column;
4. entries and problems are bulk-inserted, the workers of the region matched (``matching``), and, when it is
   the region's latest edition, the vulnerable-worker counts written (``counts``); one audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.codes import subtree_q
from lindung.regions.models import Region

from .counts import is_latest, vulnerable_counts_write
from .matching import edition_match
from .models import DecileRule, RegistryEdition, RegistryEntry, RegistryKind, RegistryRowProblem
from .rows import EXTRACT_COLUMNS, judge


class RegistryRefused(ValueError):
    """The extract or the rule cannot be taken as given; nothing was written. The message is for the user."""


@dataclass(frozen=True)
class EditionImport:
    edition: RegistryEdition
    created: bool
    same_file: bool = True


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _check_edition(kind: str, edition_date: dt.date, region_code: str, max_decile: int) -> Region:
    if kind not in RegistryKind.values:
        raise RegistryRefused(
            _("Jenis registri %(kind)s tidak dikenal; pilih DTSEN, DTKS atau P3KE.") % {"kind": kind}
        )
    if edition_date > timezone.localdate():
        raise RegistryRefused(_("Tanggal edisi %(date)s belum tiba.") % {"date": f"{edition_date:%d-%m-%Y}"})
    if not 1 <= max_decile <= 10:
        raise RegistryRefused(_("Batas desil pekerja rentan harus 1 sampai 10."))
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise RegistryRefused(_("Wilayah %(code)s tidak dikenal.") % {"code": region_code})
    return region


def _write_rows(edition: RegistryEdition, entries: pl.DataFrame, problems: pl.DataFrame) -> None:
    RegistryEntry.objects.bulk_create(
        (RegistryEntry(edition=edition, **row) for row in entries.iter_rows(named=True)), batch_size=2000
    )
    RegistryRowProblem.objects.bulk_create(
        (RegistryRowProblem(edition=edition, **row) for row in problems.iter_rows(named=True)),
        batch_size=2000,
    )


def _known_villages(region_code: str, frame: pl.DataFrame) -> set[str]:
    named = [c for c in frame.get_column("village_code").unique().to_list() if c]
    found = Region.objects.filter(subtree_q("code", region_code), code__in=named, level=4)
    return set(found.values_list("code", flat=True))


def registry_edition_import(
    *,
    actor,
    kind: str,
    edition_date: dt.date,
    region_code: str,
    frame: pl.DataFrame,
    sha256: str,
    original_name: str = "",
    missing_columns: list[str] | None = None,
    vulnerable_max_decile: int = 4,
) -> EditionImport:
    """Import one extract edition, row by row accounted for; the same edition twice changes nothing."""
    access_require(
        actor,
        "registry.import",
        region_code=region_code,
        object_type="registry_edition",
        what="mengimpor ekstrak registri sosial",
    )
    region = _check_edition(kind, edition_date, region_code, vulnerable_max_decile)
    existing = RegistryEdition.objects.filter(kind=kind, edition_date=edition_date, region=region).first()
    if existing is not None:
        return EditionImport(existing, created=False, same_file=existing.file_sha256 == sha256)
    frame = frame.select(EXTRACT_COLUMNS)
    entries, problems = judge(
        frame, region_code=region.code, known_villages=_known_villages(region.code, frame)
    )
    rejected = problems.filter(pl.col("outcome") == "rejected").get_column("row_number").n_unique()
    try:
        with transaction.atomic():
            edition = RegistryEdition.objects.create(
                kind=kind,
                edition_date=edition_date,
                region=region,
                file_sha256=sha256,
                original_name=original_name[:255],
                vulnerable_max_decile=vulnerable_max_decile,
                rows_total=frame.height,
                rows_imported=entries.height,
                rows_flagged=int(entries.get_column("flagged").sum()),
                rows_rejected=rejected,
                missing_columns=list(missing_columns or []),
                imported_by=_user(actor),
            )
            _write_rows(edition, entries, problems)
            matched = edition_match(edition)
            counted = vulnerable_counts_write(edition, actor_user=_user(actor)) if is_latest(edition) else 0
            audit_record(
                actor=actor,
                action=AuditAction.REGISTRY_IMPORT,
                object_type="registry_edition",
                object_id=edition.pk,
                region_code=region.code,
                summary=f"{edition}: {entries.height} diimpor, {rejected} ditolak, {matched} pekerja cocok",
                detail={
                    "sha256": sha256,
                    "rows": frame.height,
                    "imported": entries.height,
                    "flagged": edition.rows_flagged,
                    "rejected": rejected,
                    "matched": matched,
                    "regions_counted": counted,
                },
            )
    except IntegrityError:
        # Another import of the same edition won the race: it is the one kept.
        existing = RegistryEdition.objects.filter(kind=kind, edition_date=edition_date, region=region).first()
        if existing is None:
            raise
        return EditionImport(existing, created=False, same_file=existing.file_sha256 == sha256)
    return EditionImport(edition, created=True)


def registry_edition_rematch(*, actor, edition: RegistryEdition) -> int:
    """Match the edition again against today's workers (people registered after the import); how many match."""
    access_require(
        actor,
        "registry.import",
        region_code=edition.region_id,
        object_type="registry_edition",
        object_id=edition.pk,
        what="mencocokkan ulang registri sosial",
    )
    with transaction.atomic():
        matched = edition_match(edition)
        audit_record(
            actor=actor,
            action=AuditAction.REGISTRY_IMPORT,
            object_type="registry_edition",
            object_id=edition.pk,
            region_code=edition.region_id,
            summary=f"{edition}: dicocokkan ulang, {matched} pekerja cocok",
            detail={"rematch": True, "matched": matched},
        )
    return matched


def decile_rule_add(
    *, actor, programme, max_decile: int, valid_from: dt.date, legal_basis: str, note: str = ""
) -> DecileRule:
    """A programme's "decile ≤ N" rule from ``valid_from``; a later row replaces an earlier one from its date."""
    access_require(
        actor,
        "programme.manage",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="menetapkan batas desil program",
    )
    if not 1 <= int(max_decile) <= 10:
        raise RegistryRefused(_("Desil paling tinggi harus 1 sampai 10."))
    if not legal_basis.strip():
        raise RegistryRefused(_("Dasar hukum batas desil wajib diisi."))
    if DecileRule.objects.filter(programme=programme, valid_from=valid_from).exists():
        raise RegistryRefused(
            _("Program %(code)s sudah memiliki batas desil yang berlaku mulai %(date)s.")
            % {"code": programme.code, "date": f"{valid_from:%d-%m-%Y}"}
        )
    with transaction.atomic():
        rule = DecileRule.objects.create(
            programme=programme,
            max_decile=int(max_decile),
            valid_from=valid_from,
            legal_basis=legal_basis.strip()[:255],
            note=note.strip()[:255],
            added_by=_user(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.DECILE_RULE_ADD,
            object_type="programme",
            object_id=programme.pk,
            region_code=programme.owner_region_id,
            summary=f"{programme.code}: desil ≤ {rule.max_decile} mulai {valid_from:%d-%m-%Y}",
            detail={"rule": rule.pk, "legal_basis": rule.legal_basis},
        )
    return rule
