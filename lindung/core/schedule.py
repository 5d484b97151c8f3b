"""Daily jobs run by the background worker itself: no cron file to install.

``settings.LINDUNG_DAILY_JOBS`` lists ``(name, dotted task path, "HH:MM")``. ``schedule_due`` is called by
the worker (``portal.jobs.run_worker``) when it starts and every few minutes after: for each job whose local
time has passed today and that has no ``ScheduledRun(name, day)`` row yet, it inserts the row and enqueues
the task. The unique (name, day) pair decides which of several workers runs it: the others' inserts fail.
The task reports back with ``scheduled_run_finish`` (summary or failure), which writes the audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .audit import AuditAction
from .models import ScheduledRun
from .services import audit_record


@dataclass(frozen=True)
class DailyJob:
    name: str
    task_path: str
    at: dt.time


def daily_jobs() -> list[DailyJob]:
    """The jobs of ``settings.LINDUNG_DAILY_JOBS``; a malformed time raises at once (ImproperlyConfigured)."""
    jobs = []
    for name, task_path, at in getattr(settings, "LINDUNG_DAILY_JOBS", []):
        hour, minute = (int(part) for part in str(at).split(":"))
        jobs.append(DailyJob(name=name, task_path=task_path, at=dt.time(hour, minute)))
    return jobs


def schedule_due(now: dt.datetime | None = None) -> list[ScheduledRun]:
    """Insert and enqueue today's run of every job whose time has passed; the runs this call started."""
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    started = []
    for job in daily_jobs():
        if local.time() < job.at or ScheduledRun.objects.filter(name=job.name, day=day).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=job.name, day=day)
        except IntegrityError:
            continue  # another worker took it between the check and the insert
        task = import_string(job.task_path)
        try:
            task.enqueue(run_id=run.pk, day=day.isoformat())
        except Exception as exc:
            scheduled_run_finish(run.pk, summary=f"Gagal masuk antrean: {exc}", failed=True)
            raise
        started.append(run)
    return started


def scheduled_run_finish(run_id: int, *, summary: str, failed: bool = False) -> None:
    """Mark a run finished with its summary (or failed with the error), and audit it (SCHEDULE_RUN)."""
    ScheduledRun.objects.filter(pk=run_id).update(finished_at=timezone.now(), summary=summary, failed=failed)
    run = ScheduledRun.objects.get(pk=run_id)
    audit_record(
        actor=None,
        action=AuditAction.SCHEDULE_RUN,
        object_type="scheduled_run",
        object_id=run.pk,
        summary=f"{run.name} {run.day:%d-%m-%Y}: {'GAGAL: ' if failed else ''}{summary}",
        detail={"name": run.name, "day": run.day.isoformat(), "failed": failed},
    )
