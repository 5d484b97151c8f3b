"""Imports a killed process left "running": failed with the reason, their leftover files removed, audited.

An import writes in one transaction, so a kill -9 (of the CLI or of the background worker) has written
nothing but the batch row's "running"; what is left to do is to say so. ``lindung jobs recover`` and the
background worker (``lindung jobs worker``: at start and then periodically) call ``import_recover``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from lindung.core.audit import AuditAction
from lindung.core.jobs import is_stale
from lindung.core.models import Job
from lindung.core.services import audit_record

from .models import ImportBatch
from .storage import upload_dir

STALE_REASON = (
    "Impor terhenti karena prosesnya berhenti mendadak (mis. server atau pekerja latar dimatikan) dan "
    "dibatalkan seluruhnya; data tidak berubah. Silakan unggah dan jalankan ulang."
)


def leftover_files(batch: ImportBatch) -> list[Path]:
    """What a run writes beside the upload (``NNNNNNN-rows.parquet``, ``NNNNNNN-hasil.xlsx``, ...): written
    before the commit, they outlive a killed run. The upload itself is kept, as for any failed import."""
    return sorted(upload_dir().glob(f"{batch.pk:07d}-*"))


def import_recover(*, now: dt.datetime | None = None) -> list[ImportBatch]:
    """Fail every running import whose process is gone (or silent too long), with its job, and remove the
    files its run left; one ``job.recover`` audit event each. Returns the batches failed."""
    now = now or timezone.now()
    failed = []
    for batch in ImportBatch.objects.filter(status=ImportBatch.Status.RUNNING).order_by("pk"):
        if is_stale(owner=batch.owner, heartbeat=batch.updated_at, now=now) and _fail(batch, now):
            failed.append(batch)
    return failed


def _fail(batch: ImportBatch, now: dt.datetime) -> bool:
    with transaction.atomic():
        # A row another live transaction holds (PostgreSQL) belongs to a run that is still going: skip it.
        row = (
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(pk=batch.pk, status=ImportBatch.Status.RUNNING, owner=batch.owner)
            .first()
        )
        if row is None:
            return False
        # Removed before the commit: a crash in between leaves the batch running, for the next recovery.
        removed = []
        for path in leftover_files(batch):
            path.unlink(missing_ok=True)
            removed.append(path.name)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED,
            message=STALE_REASON,
            finished_at=now,
            rows_name="",
            result_name="",
            updated_at=now,
        )
        if batch.job_id:
            Job.objects.filter(pk=batch.job_id).exclude(status=Job.Status.DONE).update(
                status=Job.Status.FAILED, message=STALE_REASON[:255], updated_at=now
            )
        audit_record(
            actor=None,
            action=AuditAction.JOB_RECOVER,
            object_type="import_batch",
            object_id=batch.pk,
            region_code=batch.region_code,
            summary=f"Impor #{batch.pk} {batch.original_name} ditandai gagal: prosesnya berhenti",
            detail={
                "owner": batch.owner,
                "heartbeat": batch.updated_at.isoformat(),
                "started_at": batch.started_at.isoformat() if batch.started_at else None,
                "removed": removed,
            },
        )
    batch.status, batch.message, batch.rows_name, batch.result_name = (
        ImportBatch.Status.FAILED,
        STALE_REASON,
        "",
        "",
    )
    return True
