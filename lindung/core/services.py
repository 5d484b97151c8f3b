"""Writes that every app shares: the audit trail, background-job progress and the recovery of abandoned jobs."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from .audit import AuditAction
from .jobs import is_stale, process_owner
from .models import AuditEvent, Job

# What a run of Lindung itself is called in the audit trail: ``lindung.cli`` names the command and the
# operating-system user who ran it ("sistem (lindung import, budi)"); a server process stays "sistem".
SYSTEM_LABEL_VARIABLE = "LINDUNG_ACTOR_LABEL"


def actor_label(actor: Any) -> str:
    """The name an event records for its actor: the username, "anonim", or which run of Lindung itself."""
    if actor is None:
        return os.environ.get(SYSTEM_LABEL_VARIABLE) or "sistem"
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "anonim"


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    object_type: str = "",
    object_id: str | int = "",
    region_code: str = "",
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event; ``action`` is a member of ``AuditAction`` (free text raises ValueError)."""
    action = AuditAction(action)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code or "",
        summary=summary[:255],
        detail=detail or {},
    )


def audit_record_many(
    *, actor, action: AuditAction, object_type: str, rows: Sequence[tuple[str | int, str]], summary: str = ""
) -> int:
    """Append one event per (object_id, region_code) in a single bulk insert, for bulk acts."""
    action = AuditAction(action)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = actor_label(actor)
    events = [
        AuditEvent(
            actor=user,
            actor_label=label,
            action=action,
            object_type=object_type,
            object_id=str(oid),
            region_code=region or "",
            summary=summary[:255],
        )
        for oid, region in rows
    ]
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


def job_start(job: Job) -> None:
    """Mark the job running in this process: its owner and first heartbeat, so a kill can be told."""
    fields: dict[str, Any] = {
        "status": Job.Status.RUNNING,
        "owner": process_owner(),
        "updated_at": timezone.now(),
    }
    Job.objects.filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)


def job_progress(job: Job, *, done: int, total: int | None = None, message: str = "") -> None:
    """Store progress with an UPDATE of a few columns, so polling pages see it without a full save; the
    ``updated_at`` it sets is the job's heartbeat."""
    fields: dict[str, Any] = {
        "progress_done": done,
        "status": Job.Status.RUNNING,
        "updated_at": timezone.now(),
    }
    if total is not None:
        fields["progress_total"] = total
    if message:
        fields["message"] = message[:255]
    Job.objects.filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)


JOB_STALE_REASON = (
    "Pekerjaan terhenti karena prosesnya berhenti mendadak (mis. server atau pekerja latar dimatikan). "
    "Silakan jalankan ulang."
)


def jobs_recover(*, now: dt.datetime | None = None, reason: str = JOB_STALE_REASON) -> list[Job]:
    """Fail every running job whose process is gone or silent too long (``core.jobs``), one audit event each.

    The update is conditional on the job still being running under the same owner, so a job that finished
    or moved on meanwhile is left alone.
    """
    now = now or timezone.now()
    failed = []
    for job in Job.objects.filter(status=Job.Status.RUNNING).order_by("pk"):
        if not is_stale(owner=job.owner, heartbeat=job.updated_at, now=now):
            continue
        with transaction.atomic():
            changed = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, owner=job.owner).update(
                status=Job.Status.FAILED, message=reason[:255], updated_at=now
            )
            if not changed:
                continue
            audit_record(
                actor=None,
                action=AuditAction.JOB_RECOVER,
                object_type="job",
                object_id=job.pk,
                summary=f"Pekerjaan {job.kind} #{job.pk} ditandai gagal: prosesnya berhenti",
                detail={"kind": job.kind, "owner": job.owner, "heartbeat": job.updated_at.isoformat()},
            )
        job.status, job.message = Job.Status.FAILED, reason[:255]
        failed.append(job)
    return failed
