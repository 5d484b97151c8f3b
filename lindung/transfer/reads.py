"""Reads of personal data in uploads, for the pages, the API and the CLI: each one checked and on the record.

Every function takes the ``actor``, refuses (with an ``access.denied`` event, ``transfer.access``) a batch
outside its region or of a kind its role does not handle, and writes one read event naming the batch. The
caller then only shows or sends what it got.
"""

from __future__ import annotations

from pathlib import Path

from django.http import Http404

from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .access import KIND_CAPABILITY, Target, authorize, authorize_batch
from .models import ImportBatch
from .reading import Preview
from .selectors import rows_page
from .services import batch_preview, import_result_workbook


def batch_open(actor, pk: int, *, attempt: AuditAction) -> ImportBatch:
    """The upload ``pk`` for ``attempt`` by ``actor``. One outside the actor's region, or of a kind its role
    does not handle, is refused and audited (``TransferDenied``; ``outside_scope`` for the region, which
    callers answer as if it did not exist). ``Http404`` when there is no such upload at all."""
    scope = scope_for_actor(actor)
    if not any(scope.can(capability) for capability in KIND_CAPABILITY.values()):
        # A role that handles no uploads is refused before the look-up: the same 403 whether or not the
        # upload exists, so the answer tells nothing about other regions' uploads.
        authorize(actor, "import.upload", attempt=attempt, target=Target("import_batch", pk))
    batch = ImportBatch.objects.select_related("job", "programme", "village").filter(pk=pk).first()
    if batch is None:
        raise Http404("Unggahan tidak ditemukan")
    authorize_batch(actor, batch, attempt=attempt)
    return batch


def _record(actor, action: AuditAction, batch: ImportBatch, summary: str, channel: str, **detail) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        summary=summary + (f" ({channel})" if channel else ""),
        detail={"batch": batch.pk, **({"channel": channel} if channel else {}), **detail},
    )


def import_rows_read(
    *,
    actor,
    batch: ImportBatch,
    state: str | None = None,
    offset: int = 0,
    limit: int = 100,
    channel: str = "",
) -> tuple[int, list[dict]]:
    """A page of a finished batch's rows with their state and reason; one ``import.rows_view`` event."""
    authorize_batch(actor, batch, attempt=AuditAction.IMPORT_ROWS_VIEW)
    total, rows = rows_page(batch, state=state, offset=offset, limit=limit)
    _record(
        actor,
        AuditAction.IMPORT_ROWS_VIEW,
        batch,
        f"Lihat baris impor {batch.original_name}",
        channel,
        state=state or "",
        offset=offset,
        rows=len(rows),
    )
    return total, rows


def import_preview_read(*, actor, batch: ImportBatch, channel: str = "") -> Preview:
    """The top rows of a stored upload (the mapping page's samples); one ``import.preview_view`` event."""
    authorize_batch(actor, batch, attempt=AuditAction.IMPORT_PREVIEW_VIEW)
    preview = batch_preview(batch)
    _record(
        actor, AuditAction.IMPORT_PREVIEW_VIEW, batch, f"Lihat contoh baris {batch.original_name}", channel
    )
    return preview


def import_result_read(*, actor, batch: ImportBatch, channel: str = "") -> Path:
    """The result workbook of a finished batch (built on first use); one ``import.result_download`` event."""
    authorize_batch(actor, batch, attempt=AuditAction.IMPORT_RESULT_DOWNLOAD)
    path = import_result_workbook(batch=batch, actor=actor)
    _record(
        actor, AuditAction.IMPORT_RESULT_DOWNLOAD, batch, f"Unduh hasil impor {batch.original_name}", channel
    )
    return path
