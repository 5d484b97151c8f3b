"""Pages of the PDF report made in the background: ask, watch the progress bar, download."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lindung.accounts.decorators import capability_required
from lindung.core.models import Job
from lindung.core.months import month_parse

from ..selectors import latest_period, monev_region_for
from .jobs import report_downloaded, report_file, report_job_for
from .requests import report_request

# The job's stored messages (Indonesian, as every record), shown in the page's language.
STAGES = {
    "Menunggu giliran": gettext_noop("Menunggu giliran"),
    "Mengumpulkan angka": gettext_noop("Mengumpulkan angka"),
    "Menyusun PDF": gettext_noop("Menyusun PDF"),
    "Selesai": gettext_noop("Selesai"),
}


def _period(request: HttpRequest):
    try:
        return (
            month_parse(request.POST.get("periode", "")) if request.POST.get("periode") else latest_period()
        )
    except ValueError:
        raise Http404("Periode tidak dikenal") from None


@capability_required("monev.view")
@require_POST
def report_job_request(request: HttpRequest) -> HttpResponse:
    """Queue the report (or find the one made already) and show its page."""
    if request.scope.is_sponsor:
        # A sponsor's monev is its own people (sponsorship app), not the whole regency (issue 15).
        return redirect("sponsorship:my_monev")
    code = monev_region_for(request.user, request.POST.get("wilayah"))
    job = report_request(actor=request.user, code=code, period=_period(request), language=get_language())
    return redirect("monev:report_job", pk=job.pk)


def _context(job: Job) -> dict:
    failed = job.status == Job.Status.FAILED
    ready = report_file(job) is not None
    stage = _(STAGES[job.message]) if job.message in STAGES else ""
    return {"job": job, "ready": ready, "failed": failed, "stage": stage, "params": job.params}


@capability_required("monev.view")
@require_GET
def report_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = report_job_for(request.user, pk)
    return render(request, "monev/report_job.html", _context(job))


@capability_required("monev.view")
@require_GET
def report_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx-polled progress; once the report is made (or failed) the page reloads to show it."""
    job = report_job_for(request.user, pk)
    context = _context(job)
    if context["ready"] or context["failed"]:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "monev/_report_progress.html", context)


@capability_required("monev.view")
@require_GET
def report_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = report_job_for(request.user, pk)
    path = report_file(job)
    if path is None:
        raise Http404("Laporan belum siap")
    report_downloaded(actor=request.user, job=job)
    code = job.params.get("code") or "nasional"
    name = f"monev-{code.replace('.', '')}-{job.params.get('period')}.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")
