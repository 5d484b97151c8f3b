"""Asking for the PDF report: queue it as a job, or hand back the one already made (the cache).

A kabupaten report takes seconds to draw, too long for a request on a phone. ``report_request`` queues a
``Job`` that ``monev_report_task`` runs, and records ``report.request``; a report already made for the same
region, month, rollup build and language is returned at once and nothing is drawn again. A new rollup build
changes the key, so a report never outlives its figures.
"""

from __future__ import annotations

import datetime as dt

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.models import Job
from lindung.core.months import month_label
from lindung.core.services import audit_record

from ..tasks import monev_report_task
from .jobs import JOB_KIND, report_cached, report_key, report_running


def report_request(*, actor, code: str, period: dt.date, language: str) -> Job:
    """Queue the PDF report of ``code`` for ``period`` (or return the one already made or being made)."""
    access_require(
        actor,
        "monev.view",
        region_code=code,
        object_type="monev",
        object_id=f"{code or 'nasional'}@{period:%Y-%m}",
        what="laporan monev PDF",
    )
    key = report_key(code, period, language)
    job = report_cached(key) or report_running(key)
    created = job is None
    if job is None:
        user = actor if getattr(actor, "is_authenticated", False) else None
        job = Job.objects.create(
            kind=JOB_KIND,
            created_by=user,
            params={"code": code, "period": f"{period:%Y-%m}", "language": language, "key": key},
            message="Menunggu giliran",
        )
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_REQUEST,
        object_type="job",
        object_id=job.pk,
        region_code=code,
        summary=f"Laporan monev PDF {code or 'nasional'} {month_label(period)}"
        + ("" if created else " (sudah ada)"),
        detail={"cached": job.status == Job.Status.DONE, "created": created},
    )
    if created:
        monev_report_task.enqueue(job.pk)
        job.refresh_from_db()
    return job
