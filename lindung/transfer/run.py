"""``import_run``: one mapped batch to done, refused or failed, whatever its kind, all or nothing.

The worker-list run is ``pipeline.run_workers``, the insurer's reply ``insurer.reply_run``; this module
checks who runs it, times it, and turns a refusal or a crash into the batch's status and reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.utils import timezone

from lindung.core.jobs import process_owner

from .access import RUN_ACTION, TransferDenied, authorize_batch
from .columns import columns_for, missing_required
from .context import Progress, RunContext
from .insurer import reply_run
from .models import ImportBatch
from .pipeline import run_workers
from .reading import ImportRefused
from .storage import upload_dir

log = logging.getLogger(__name__)


def import_run(
    *, batch: ImportBatch, actor=None, today: dt.date | None = None, progress: Progress | None = None
) -> ImportBatch:
    """Import a mapped batch: every data row ends accepted, flagged, rejected or skipped, all or nothing.

    Returns the batch with its counts (``done``), or with ``refused``/``failed`` and the reason in
    ``message``; a refusal or failure has written nothing but the batch row itself (and, when the actor may
    not run it, the access-denied event).
    """
    started = time.perf_counter()
    try:
        # Checked again at run time: the run may start long after the upload, from the task queue.
        authorize_batch(actor, batch, attempt=RUN_ACTION[batch.kind])
    except TransferDenied as exc:
        _finish_failed(batch, ImportBatch.Status.REFUSED, str(exc))
        return batch
    batch.status = ImportBatch.Status.RUNNING
    batch.started_at = timezone.now()
    # Who runs it: a kill -9 leaves the batch "running", and ``transfer.recovery`` tells it by this owner.
    batch.owner = process_owner()
    batch.save(update_fields=["status", "started_at", "owner", "updated_at"])
    ctx = RunContext(
        batch=batch,
        actor=actor,
        today=today or timezone.localdate(),
        mapping={int(i): f for i, f in batch.mapping.items()},
        progress=_with_heartbeat(batch, progress),
        started=started,
    )
    try:
        if missing := missing_required(ctx.mapping, kind=batch.kind):
            labels = ", ".join(columns_for(batch.kind)[f].label for f in missing)
            raise ImportRefused(f"Kolom wajib belum dipetakan: {labels}.")
        if batch.kind == ImportBatch.Kind.WORKERS:
            run_workers(ctx)
        else:
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


def _with_heartbeat(batch: ImportBatch, progress: Progress | None) -> Progress:
    """The caller's progress callback, also touching the batch's ``updated_at``: the heartbeat that tells a
    quiet import from an abandoned one."""

    def beat(fraction: float, text: str) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now())
        if progress is not None:
            progress(fraction, text)

    return beat


def _finish_failed(batch: ImportBatch, status: str, text: str) -> None:
    if batch.rows_name:
        (upload_dir() / batch.rows_name).unlink(missing_ok=True)
    batch.status = status
    batch.message = text[:500]
    batch.finished_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status, message=batch.message, finished_at=batch.finished_at, rows_name=""
    )
    batch.rows_name = ""
