"""Imports: one service behind the CLI, the web upload (through a background task) and the API.

``import_upload`` checks who is asking, stores the file, refuses what is not a safe spreadsheet, finds the
header row and proposes a column mapping. ``import_mapping_set`` records the uploader's corrections (and
remembers them for next time). ``import_run`` (``transfer.run``) does the rest, in this order:

1. read every row as text (Polars, fastexcel), skip the rows that are not people and say why;
2. parse cells into values and run every registry check, vectorised (``transfer.checks``);
3. inside ONE transaction: look up the file's NIKs in the registry, check region scope, duplicates and the
   programme's rules (``transfer.programme_checks``), decide each row's state, then insert new workers,
   update changed ones, propose enrolments and write the audit trail, all set-based (``transfer.writing``).

A crash at any point of step 3 rolls everything back; the batch is then marked failed with the reason.
Every entry point takes the ``actor`` and refuses, with an ``access.denied`` event, a role without the
capability or a region outside its scope (``transfer.access``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, cast

from django.conf import settings
from django.utils.translation import gettext

from lindung.core.audit import AuditAction
from lindung.core.models import Job
from lindung.core.services import audit_record
from lindung.programmes.selectors import programme_get
from lindung.regions.codes import VILLAGE
from lindung.regions.selectors import region_get

from .access import KIND_CAPABILITY, RUN_ACTION, Target, TransferDenied, authorize, authorize_batch, deny
from .columns import REQUIRED, columns_for, header_key, map_headers, missing_required
from .context import Progress
from .models import ColumnMapping, ImportBatch
from .outcome import STATES, batch_outcome
from .reading import ImportRefused, Preview, check_size, read_preview, read_table, sniff_format
from .results import result_workbook
from .run import import_run
from .selectors import programme_for, village_get
from .storage import batch_path, preview_of, upload_dir
from .tasks import import_batch_task

if TYPE_CHECKING:
    import polars as pl

logger = logging.getLogger(__name__)
UNREADABLE = (
    "Berkas tidak dapat dibaca (%(kind)s). Simpan ulang sebagai .xlsx atau CSV UTF-8, lalu unggah lagi."
)

__all__ = [
    "STATES",
    "ImportRefused",
    "TransferDenied",
    "batch_outcome",
    "batch_path",
    "batch_preview",
    "import_enqueue",
    "import_file",
    "import_mapping_set",
    "import_result_workbook",
    "import_run",
    "import_upload",
    "missing_required",
    "upload_dir",
]


# --- Upload and mapping -------------------------------------------------------------------------------


class _ParsedSheet(Protocol):
    """What an upload leaves on its ``ImportBatch`` object (never saved) for a run in the same process (the
    CLI): the sheet ``read_preview`` already parsed. ``storage.preview_of`` takes it (``getattr``) and clears
    it. Plain attributes, not model fields, so the model's type does not know them."""

    sheet_table: pl.DataFrame | None
    sheet_numbers: pl.DataFrame | None


def _store(source: IO[bytes], target: Path) -> tuple[int, str]:
    """Copy in chunks, refusing as soon as the size limit is passed; returns size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := source.read(1024 * 1024):
            size += len(chunk)
            if size > settings.MAX_UPLOAD_BYTES:
                out.close()
                target.unlink(missing_ok=True)
                check_size(size)
            digest.update(chunk)
            out.write(chunk)
    check_size(size)
    return size, digest.hexdigest()


def _remembered(actor, kind: str) -> dict[str, str]:
    if not getattr(actor, "is_authenticated", False):
        return {}
    row = ColumnMapping.objects.filter(user=actor, kind=kind).first()
    return dict(row.headers) if row else {}


def _resolve_targets(actor, scope, village_code: str, programme_code: str):
    """The upload's village, programme and region; a village or programme outside the actor's region is
    refused as an access attempt, one that does not exist as a plain mistake."""
    village = None
    if village_code:
        village = region_get(village_code)
        if village is None or village.level != VILLAGE or village.retired_at is not None:
            raise ImportRefused(f'Kode desa "{village_code}" tidak dikenal (contoh: 62.03.17.2002).')
        if not scope.covers(village.code):
            deny(
                actor,
                attempt=AuditAction.IMPORT_UPLOAD,
                target=Target("region", village.code, village.code),
                why="desa di luar wilayah akun",
                message=gettext("Desa %(code)s %(name)s di luar wilayah akun Anda.")
                % {"code": village.code, "name": village.name},
                outside_scope=True,
            )
    elif scope.region_code:
        village = village_get(scope.region_code)
    programme = None
    if programme_code:
        programme = _programme(actor, programme_code, attempt=AuditAction.IMPORT_UPLOAD)
    region = village.code if village else (scope.region_code)
    return village, programme, region


def _programme(actor, code: str, *, attempt: AuditAction):
    """The programme ``code`` if the actor may see it; one that exists elsewhere is an access attempt."""
    programme = programme_for(actor, code)
    if programme is not None:
        return programme
    elsewhere = programme_get(code)
    if elsewhere is None:
        raise ImportRefused(f'Program "{code}" tidak ditemukan.')
    deny(
        actor,
        attempt=attempt,
        target=Target("programme", elsewhere.pk, elsewhere.coverage_region_id),
        why="program di luar wilayah akun",
        message=gettext("Program %(code)s di luar wilayah akun Anda.") % {"code": code},
        outside_scope=True,
    )


def import_upload(
    *,
    actor,
    source: IO[bytes],
    original_name: str,
    kind: str = ImportBatch.Kind.WORKERS,
    village_code: str = "",
    programme_code: str = "",
    sheet: str | None = None,
    keep_table: bool = False,
) -> ImportBatch:
    """Store an upload, refuse what is unsafe or unreadable, and propose the column mapping.

    Returns the batch: ``uploaded`` (mapping to confirm) or ``refused`` with the reason in ``message``.
    Raises ``TransferDenied`` (audited) for a role that may not upload this kind of file or a village or
    programme outside its region, ``ImportRefused`` for a village or programme that does not exist.
    """
    if kind not in KIND_CAPABILITY:
        raise ImportRefused(f"Jenis unggahan tidak dikenal: {kind}")
    scope = authorize(
        actor,
        KIND_CAPABILITY[ImportBatch.Kind(kind)],
        attempt=AuditAction.IMPORT_UPLOAD,
        target=Target("import_batch"),
    )
    village, programme, region = _resolve_targets(actor, scope, village_code, programme_code)
    user = actor if getattr(actor, "is_authenticated", False) else None
    batch = ImportBatch.objects.create(
        kind=kind,
        original_name=Path(original_name).name[:255],
        village=village,
        programme=programme,
        region_code=region,
        uploaded_by=user,
    )
    batch.stored_name = f"{batch.pk:07d}.upload"
    try:
        batch.size, batch.sha256 = _store(source, batch_path(batch))
        batch.file_format = sniff_format(batch_path(batch))
        preview = read_preview(
            batch_path(batch),
            batch.file_format,
            kind=kind,
            remembered=_remembered(actor, kind),
            sheet=sheet,
            keep=keep_table,
        )
        _apply_preview(batch, preview, _remembered(actor, kind))
        # Kept on the object only (never saved): an immediate run reuses the parsed sheet.
        parsed = cast(_ParsedSheet, batch)  # the same object, with the attributes ``preview_of`` reads
        parsed.sheet_table, parsed.sheet_numbers = preview.table, preview.numbers
    except ImportRefused as exc:
        batch.status = ImportBatch.Status.REFUSED
        batch.message = str(exc)[:500]
    except Exception as exc:
        # A file no reader copes with is refused like any other, never left "uploaded" with a mapping page
        # that cannot open it.
        logger.exception("upload %s could not be read", batch.pk)
        batch.status = ImportBatch.Status.REFUSED
        batch.message = UNREADABLE % {"kind": type(exc).__name__}
    batch.save()
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT_UPLOAD,
        object_type="import_batch",
        object_id=batch.pk,
        region_code=region,
        summary=f"Unggah {batch.original_name} ({batch.get_kind_display()})",
        detail={"sha256": batch.sha256, "size": batch.size, "status": batch.status},
    )
    return batch


def _apply_preview(batch: ImportBatch, preview: Preview, remembered: dict[str, str]) -> None:
    if preview.header_index is None:
        need = ", ".join(columns_for(batch.kind)[f].label for f in REQUIRED[batch.kind])
        raise ImportRefused(
            f"Baris judul kolom tidak ditemukan di 40 baris pertama. Pastikan ada kolom {need}, atau "
            "unduh templat Lindung."
        )
    batch.sheet_name = preview.sheet_name
    batch.header_row = preview.header_row_number
    batch.separator = preview.separator
    batch.encoding = preview.encoding
    batch.headers = preview.headers
    mapping = map_headers(preview.headers, kind=batch.kind, remembered=remembered)
    batch.mapping = {str(i): f for i, f in mapping.items()}


def batch_preview(batch: ImportBatch, n: int = 5) -> Preview:
    """The top of the stored file again, for the mapping page."""
    return read_preview(batch_path(batch), batch.file_format, kind=batch.kind, sheet=batch.sheet_name or None)


def _column_choices(mapping, *, headers: int) -> dict[int, str]:
    """Column index → field, refusing keys that are not the index of a column of the file."""
    chosen: dict[int, str] = {}
    for key, field in mapping.items():
        text = str(key).strip()
        beyond = bool(headers) and text.isdigit() and int(text) >= headers
        if not (text.isascii() and text.isdigit()) or beyond or not isinstance(field, str):
            raise ImportRefused(f'Kolom "{text[:20]}" tidak ada di berkas ini; pilih nomor kolom yang ada.')
        if field:
            chosen[int(text)] = field
    return chosen


def import_mapping_set(
    *, actor, batch: ImportBatch, mapping: Mapping[int, str] | Mapping[str, str], remember: bool = True
) -> ImportBatch:
    """Record the confirmed column → field mapping; refuses a mapping without NIK (and name) or with a field
    twice, and a batch no longer waiting for one. The uploader's choices are remembered for their next file.

    Column indices may come as ints or as their digits (the keys of a JSON object, from the API)."""
    authorize_batch(actor, batch, attempt=AuditAction.IMPORT_UPLOAD)
    if batch.status != ImportBatch.Status.UPLOADED:
        raise ImportRefused(f"Unggahan ini sudah {batch.get_status_display()}.")
    valid = columns_for(batch.kind)
    chosen = _column_choices(mapping, headers=len(batch.headers or []))
    unknown = sorted({f for f in chosen.values() if f not in valid})
    if unknown:
        raise ImportRefused(f"Isian tidak dikenal: {', '.join(unknown)}.")
    seen: dict[str, int] = {}
    for index, f in sorted(chosen.items()):
        if f in seen:
            raise ImportRefused(
                f'Isian "{valid[f].label}" dipilih untuk dua kolom ({_header(batch, seen[f])} dan {_header(batch, index)}).'
            )
        seen[f] = index
    if missing := missing_required(chosen, kind=batch.kind):
        raise ImportRefused("Kolom wajib belum dipilih: " + ", ".join(valid[f].label for f in missing) + ".")
    batch.mapping = {str(i): f for i, f in chosen.items()}
    batch.save(update_fields=["mapping", "updated_at"])
    if remember and getattr(actor, "is_authenticated", False):
        remembered = _remembered(actor, batch.kind)
        for index, header in enumerate(batch.headers):
            key = header_key(header)
            if key:
                remembered[key] = chosen.get(index, "")
        ColumnMapping.objects.update_or_create(user=actor, kind=batch.kind, defaults={"headers": remembered})
    return batch


def _header(batch: ImportBatch, index: int) -> str:
    return f'"{batch.headers[index]}"' if index < len(batch.headers) else f"kolom {index + 1}"


def import_enqueue(*, actor, batch: ImportBatch) -> Job:
    """Queue the import as a background task; the page polls ``batch.job`` for progress."""
    authorize_batch(actor, batch, attempt=RUN_ACTION[ImportBatch.Kind(batch.kind)])
    user = actor if getattr(actor, "is_authenticated", False) else None
    job = Job.objects.create(
        kind="import", created_by=user, params={"batch": batch.pk}, message="Menunggu giliran"
    )
    batch.job = job
    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["job", "status", "updated_at"])
    import_batch_task.enqueue(batch.pk)
    job.refresh_from_db()
    return job


# --- Results ------------------------------------------------------------------------------------------


def import_result_workbook(*, batch: ImportBatch, actor=None) -> Path:
    """The original rows plus status and reason columns, built once on first request."""
    if batch.result_name and (upload_dir() / batch.result_name).exists():
        return upload_dir() / batch.result_name
    target = upload_dir() / f"{batch.pk:07d}-hasil.xlsx"
    numbers: list[int] = []
    table = read_table(batch_path(batch), preview_of(batch), number_columns=numbers)
    result_workbook(target, table=table, outcome=batch_outcome(batch), batch=batch)
    ImportBatch.objects.filter(pk=batch.pk).update(result_name=target.name)
    batch.result_name = target.name
    return target


def import_file(
    *,
    actor,
    path: Path,
    village_code: str = "",
    programme_code: str = "",
    sheet: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ImportBatch:
    """Upload and run in one go with the proposed mapping (the CLI; tests)."""
    with path.open("rb") as fh:
        batch = import_upload(
            actor=actor,
            source=fh,
            original_name=path.name,
            village_code=village_code,
            programme_code=programme_code,
            sheet=sheet,
            keep_table=True,
        )
    if batch.status == ImportBatch.Status.REFUSED:
        return batch
    return import_run(batch=batch, actor=actor, progress=progress, today=today)
