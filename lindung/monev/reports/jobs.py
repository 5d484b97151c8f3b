"""The PDF report as background work: where made reports are kept and found, and who may see them.

A kabupaten report takes seconds to draw, too long for a request on a phone. ``report_request`` queues a
``Job`` (``monev_report_task`` runs it) and records ``report.request``; a report already made for the same
region, month, rollup build and language is the cache: the request returns that finished job at once and
nothing is drawn again. A new rollup build changes the key, so a report never outlives its figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.models import Job
from lindung.core.services import audit_record

from ..selectors import figures_cache_key

JOB_KIND = "monev_report_pdf"


def report_dir() -> Path:
    path = Path(settings.DATA_DIR) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def report_key(code: str, period: dt.date, language: str) -> str:
    """What a made report depends on: region, month, the month's rollup build, and the language."""
    raw = f"{figures_cache_key(code, period)}:{language}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def report_file(job: Job) -> Path | None:
    """The finished PDF of ``job``, or None while it is not (or no longer) there."""
    name = (job.result or {}).get("file")
    if job.status != Job.Status.DONE or not name:
        return None
    path = report_dir() / name
    return path if path.exists() else None


def report_cached(key: str) -> Job | None:
    for job in Job.objects.filter(kind=JOB_KIND, params__key=key, status=Job.Status.DONE).order_by("-pk")[:3]:
        if report_file(job) is not None:
            return job
    return None


def report_running(key: str) -> Job | None:
    return (
        Job.objects.filter(kind=JOB_KIND, params__key=key, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
        .order_by("-pk")
        .first()
    )


def report_job_for(actor, pk: int) -> Job:
    """Report job ``pk`` when its region is within the actor's; Http404 otherwise (as if it were not there)."""
    job = Job.objects.filter(pk=pk, kind=JOB_KIND).first()
    scope = scope_for_actor(actor)
    # A sponsor's monev is its own people (sponsorship app), not a region's report (issue 15).
    if job is None or not scope.can("monev.view") or scope.is_sponsor:
        raise Http404("Laporan tidak ditemukan")
    if not scope.covers(job.params.get("code", "")):
        raise Http404("Laporan tidak ditemukan")
    return job


def report_downloaded(*, actor, job: Job) -> None:
    """The download of a made report is on the record, as the direct download always was."""
    audit_record(
        actor=actor,
        action=AuditAction.MONEV_REPORT_PDF,
        object_type="monev",
        object_id=f"{job.params.get('code') or 'nasional'}@{job.params.get('period')}",
        region_code=job.params.get("code", ""),
        summary=f"Laporan monev PDF dari pekerjaan #{job.pk}",
    )


def report_finish(job: Job, *, file_name: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        progress_done=100,
        progress_total=100,
        message="Selesai",
        result={"file": file_name},
        updated_at=timezone.now(),
    )
