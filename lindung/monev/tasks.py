"""Background work for monev, run by the task worker (``lindung jobs worker``)."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from lindung.core.models import Job
from lindung.core.months import month_parse
from lindung.core.services import job_progress, job_start

from .reports.jobs import report_dir, report_finish
from .reports.pdf import report_pdf
from .selectors import monev_figures
from .services.refresh import monev_refresh, stale_regions


@task()
def monev_refresh_task(period: str, regions: list[str] | None = None) -> str:
    """Rebuild a month's rollup (``YYYY-MM``): what changed since the last build, or everything."""
    month = month_parse(period)
    if regions is None:
        regions = stale_regions(month)
    return monev_refresh(period=month, regions=regions).summary


@task()
def monev_report_task(job_id: int) -> dict:
    """Draw a queued PDF report (``reports.requests.report_request``) with progress for the page that polls."""
    job = Job.objects.get(pk=job_id)
    job_start(job)
    params = job.params
    try:
        with translation.override(params.get("language") or "id"):
            job_progress(job, done=10, total=100, message="Mengumpulkan angka")
            figures = monev_figures(params["code"], month_parse(params["period"]))
            job_progress(job, done=40, total=100, message="Menyusun PDF")
            body = report_pdf(figures)
        name = f"{params['key']}.pdf"
        (report_dir() / name).write_bytes(body)
    except Exception as exc:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=f"Gagal: {type(exc).__name__}"[:255]
        )
        raise
    report_finish(job, file_name=name)
    return {"job": job.pk, "file": name}
