"""Imports: one service behind the CLI, the web upload (through a background task) and the API.

``import_upload`` stores the file, refuses what is not a safe spreadsheet, finds the header row and proposes
a column mapping. ``import_mapping_set`` records the uploader's corrections (and remembers them for next
time). ``import_run`` does the rest, in this order:

1. read every row as text (Polars, fastexcel), skip the rows that are not people and say why;
2. parse cells into values and run every registry check, vectorised (``transfer.checks``);
3. inside ONE transaction: look up the file's NIKs in the registry, check region scope, duplicates and the
   programme's rules (``transfer.programme_checks``), decide each row's state, then insert new workers,
   update changed ones, propose enrolments and write the audit trail, all set-based (``transfer.writing``).

A crash at any point of step 3 rolls everything back; the batch is then marked failed with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils import timezone

from lindung.accounts.selectors import scope_of
from lindung.core.models import Job
from lindung.core.services import audit_record

from .columns import REQUIRED, columns_for, header_key, map_headers, missing_required
from .models import ColumnMapping, ImportBatch
from .outcome import STATES, batch_outcome
from .pipeline import Progress, RunContext, _run
from .reading import ImportRefused, Preview, check_size, read_preview, read_table, sniff_format
from .storage import batch_path, preview_of, upload_dir

__all__ = [
    "STATES",
    "ImportRefused",
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

log = logging.getLogger(__name__)


# --- Upload and mapping -------------------------------------------------------------------------------


def _store(source: BinaryIO, target: Path) -> tuple[int, str]:
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


def _resolve_targets(actor, village_code: str, programme_code: str):
    from lindung.programmes.models import Programme
    from lindung.regions.models import Region
    from lindung.regions.selectors import region_get

    scope = scope_of(actor) if actor is not None else None
    village = None
    if village_code:
        village = region_get(village_code)
        if village is None or village.level != 4 or village.retired_at is not None:
            raise ImportRefused(f'Kode desa "{village_code}" tidak dikenal (contoh: 62.03.17.2002).')
        if scope is not None and not scope.covers(village.code):
            raise ImportRefused(f"Desa {village.code} {village.name} di luar wilayah akun Anda.")
    elif scope is not None and scope.region_code:
        own = Region.objects.filter(code=scope.region_code, level=4).first()
        village = own
    programme = None
    if programme_code:
        programme = Programme.objects.filter(code=programme_code).first()
        if programme is None:
            raise ImportRefused(f'Program "{programme_code}" tidak ditemukan.')
    region = village.code if village else (scope.region_code if scope is not None else "")
    return village, programme, region


def import_upload(
    *,
    actor,
    source: BinaryIO,
    original_name: str,
    kind: str = ImportBatch.Kind.WORKERS,
    village_code: str = "",
    programme_code: str = "",
    sheet: str | None = None,
    keep_table: bool = False,
) -> ImportBatch:
    """Store an upload, refuse what is unsafe or unreadable, and propose the column mapping.

    Returns the batch: ``uploaded`` (mapping to confirm) or ``refused`` with the reason in ``message``.
    Raises ``ImportRefused`` only for a village or programme the uploader may not use.
    """
    village, programme, region = _resolve_targets(actor, village_code, programme_code)
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
        batch.sheet_table, batch.sheet_numbers = preview.table, preview.numbers
    except ImportRefused as exc:
        batch.status = ImportBatch.Status.REFUSED
        batch.message = str(exc)[:500]
    batch.save()
    audit_record(
        actor=actor,
        action="import.upload",
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


def import_mapping_set(
    *, actor, batch: ImportBatch, mapping: dict[int, str], remember: bool = True
) -> ImportBatch:
    """Record the confirmed column → field mapping; refuses a mapping without NIK (and name) or with a field
    twice. The uploader's choices are remembered for their next file."""
    valid = columns_for(batch.kind)
    chosen = {int(i): f for i, f in mapping.items() if f}
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
    from .tasks import import_batch_task

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


# --- The run ------------------------------------------------------------------------------------------


def import_run(
    *, batch: ImportBatch, actor=None, today: dt.date | None = None, progress: Progress | None = None
) -> ImportBatch:
    """Import a mapped batch: every data row ends accepted, flagged, rejected or skipped, all or nothing.

    Returns the batch with its counts (``done``), or with ``refused``/``failed`` and the reason in
    ``message``; a refusal or failure has written nothing but the batch row itself.
    """
    started = time.perf_counter()
    batch.status = ImportBatch.Status.RUNNING
    batch.started_at = timezone.now()
    batch.save(update_fields=["status", "started_at", "updated_at"])
    ctx = RunContext(
        batch=batch,
        actor=actor,
        today=today or timezone.localdate(),
        mapping={int(i): f for i, f in batch.mapping.items()},
        progress=progress or (lambda fraction, text: None),
        started=started,
    )
    try:
        if missing := missing_required(ctx.mapping, kind=batch.kind):
            labels = ", ".join(columns_for(batch.kind)[f].label for f in missing)
            raise ImportRefused(f"Kolom wajib belum dipetakan: {labels}.")
        if batch.kind == ImportBatch.Kind.WORKERS:
            _run(ctx)
        else:
            from .insurer import reply_run

            reply_run(ctx)
    except ImportRefused as exc:
        _finish_failed(batch, ImportBatch.Status.REFUSED, str(exc))
    except Exception as exc:
        log.exception("import %s failed", batch.pk)
        _finish_failed(
            batch,
            ImportBatch.Status.FAILED,
            f"Impor gagal dan dibatalkan seluruhnya; data tidak berubah. ({type(exc).__name__}: {exc})",
        )
        raise
    finally:
        batch.seconds = round(time.perf_counter() - started, 3)
        ImportBatch.objects.filter(pk=batch.pk).update(seconds=batch.seconds)
    return batch


def _finish_failed(batch: ImportBatch, status: str, text: str) -> None:
    for name in (batch.rows_name,):
        if name:
            (upload_dir() / name).unlink(missing_ok=True)
    batch.status = status
    batch.message = text[:500]
    batch.finished_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status, message=batch.message, finished_at=batch.finished_at, rows_name=""
    )
    batch.rows_name = ""


# --- Results ------------------------------------------------------------------------------------------


def import_result_workbook(*, batch: ImportBatch, actor=None) -> Path:
    """The original rows plus status and reason columns, built once on first request."""
    from .results import result_workbook

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
