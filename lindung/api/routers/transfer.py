"""Imports over JSON: upload a file, confirm or correct the column mapping, follow the job, read the result.

The same services as the CLI and the web pages; the import itself runs as a background task. The services
check who is asking and audit a refusal; here a refusal only becomes a 403.
"""

from __future__ import annotations

import json

from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lindung.core.audit import AuditAction
from lindung.transfer import reads, selectors, services
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import ImportRefused, TransferDenied

from ..schemas import (
    CODE,
    JSON_OBJECT_TEXT,
    REGION_CODE,
    Code,
    ColumnMapping,
    Limit,
    Offset,
    RecordId,
    answers,
)

router = Router(tags=["transfer"])


class JobOut(Schema):
    status: str
    percent: int
    message: str


class ImportOut(Schema):
    id: int
    kind: str
    status: str
    file_name: str
    sheet_name: str
    header_row: int | None
    headers: list[str]
    mapping: dict[str, str]
    village: str | None
    programme: str | None
    message: str
    counts: dict[str, int]
    seconds: float | None
    job: JobOut | None
    rows_url: str
    result_url: str | None


class RowOut(Schema):
    row: int
    state: str
    reason: str


class RowsOut(Schema):
    total: int
    rows: list[RowOut]


class MappingIn(Schema):
    mapping: ColumnMapping
    remember: bool = True


class Error(Schema):
    detail: str


def _out(batch: ImportBatch) -> ImportOut:
    job = batch.job
    programme = batch.programme
    return ImportOut(
        id=batch.pk,
        kind=batch.kind,
        status=batch.status,
        file_name=batch.original_name,
        sheet_name=batch.sheet_name,
        header_row=batch.header_row,
        headers=batch.headers,
        mapping=batch.mapping,
        village=batch.village_id,
        programme=programme.code if programme is not None else None,
        message=batch.message,
        counts=batch.counts,
        seconds=batch.seconds,
        job=JobOut(status=job.status, percent=job.percent, message=job.message) if job else None,
        rows_url=reverse("api:transfer_import_rows", args=[batch.pk]),
        result_url=reverse("transfer:result", args=[batch.pk])
        if batch.status == ImportBatch.Status.DONE
        else None,
    )


def _batch(request, pk: int) -> ImportBatch:
    """A batch in the caller's region (404 otherwise) of a kind the caller's role handles (403 otherwise)."""
    try:  # a refusal (region or role) is audited by the service
        return reads.batch_open(request.user, pk, attempt=AuditAction.IMPORT_VIEW)
    except TransferDenied as exc:
        if exc.outside_scope:
            raise HttpError(404, "Unggahan tidak ditemukan.") from None
        raise HttpError(403, str(exc)) from None


@router.post(
    "/imports", response=answers(ImportOut, 400, 403, ok_status=201), url_name="transfer_import_create"
)
def import_create(
    request,
    file: File[UploadedFile],
    village: str = Form("", **REGION_CODE),
    programme: str = Form("", **CODE),
    kind: str = Form(ImportBatch.Kind.WORKERS, **CODE),
    mapping: str = Form("", **JSON_OBJECT_TEXT),
    start: Form[bool] = True,
):
    """Upload a file. With ``start`` (default) the import is queued at once when the detected (or given)
    ``mapping`` — JSON ``{"column index": "field"}`` — names the required columns; otherwise the batch waits
    for ``POST /imports/{id}/mapping``. A file that cannot be imported comes back with status ``refused``."""
    # Django's multipart parser only makes an uploaded file of a part with a (non-empty) file name.
    assert file.name is not None, "an uploaded file without a name"
    try:
        batch = services.import_upload(
            actor=request.user,
            source=file,
            original_name=file.name,
            kind=kind,
            village_code=village,
            programme_code=programme,
        )
        if batch.status == ImportBatch.Status.UPLOADED and mapping:
            services.import_mapping_set(
                actor=request.user, batch=batch, mapping=json.loads(mapping), remember=False
            )
        if (
            start
            and batch.status == ImportBatch.Status.UPLOADED
            and not services.missing_required({int(i): f for i, f in batch.mapping.items()}, kind=batch.kind)
        ):
            services.import_enqueue(actor=request.user, batch=batch)
            batch.refresh_from_db()
    except TransferDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ImportRefused as exc:
        return Status(400, {"detail": str(exc)})
    except json.JSONDecodeError:
        return Status(400, {"detail": 'mapping harus JSON: {"0": "nik", "1": "full_name"}'})
    return Status(201, _out(batch))


@router.get("/imports", response=answers(list[ImportOut]), url_name="transfer_import_list")
def import_list(request, kind: Code = ""):
    """The 50 latest uploads in the caller's region, of the kinds the caller's role handles."""
    return [_out(b) for b in selectors.batches_handled_by(request.user, kind=kind or None)[:50]]


@router.get("/imports/{pk}", response=answers(ImportOut, 403, 404), url_name="transfer_import_detail")
def import_detail(request, pk: RecordId):
    """Status, progress of the background job, and the counts once finished."""
    return _out(_batch(request, pk))


@router.post(
    "/imports/{pk}/mapping", response=answers(ImportOut, 400, 403, 404), url_name="transfer_import_mapping"
)
def import_mapping(request, pk: RecordId, payload: MappingIn):
    """Confirm or correct the mapping (column index → field) and queue the import."""
    batch = selectors.batches_visible_to(request.user).filter(pk=pk).first()
    if batch is None:
        raise HttpError(404, "Unggahan tidak ditemukan.")
    try:
        services.import_mapping_set(
            actor=request.user, batch=batch, mapping=payload.mapping, remember=payload.remember
        )
        services.import_enqueue(actor=request.user, batch=batch)
    except TransferDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ImportRefused as exc:
        return Status(400, {"detail": str(exc)})
    batch.refresh_from_db()
    return Status(200, _out(batch))


@router.get("/imports/{pk}/rows", response=answers(RowsOut, 400, 403, 404), url_name="transfer_import_rows")
def import_rows(request, pk: RecordId, state: Code = "", offset: Offset = 0, limit: Limit = 100):
    """Every data row's state (accepted, flagged, rejected, skipped) and reason, in file order."""
    batch = _batch(request, pk)
    if state and state not in services.STATES:
        raise HttpError(400, f"state harus salah satu dari {', '.join(services.STATES)}")
    total, rows = reads.import_rows_read(
        actor=request.user,
        batch=batch,
        state=state or None,
        offset=max(offset, 0),
        limit=min(max(limit, 1), 1000),
        channel="api",
    )
    return {"total": total, "rows": rows}
