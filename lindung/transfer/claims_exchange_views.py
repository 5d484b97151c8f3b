"""The insurer exchange for claims (``/unggah/klaim/``): the submission list to download, the decision file
to upload, and each import's lines with their outcomes.

Thin: the rules are in ``claims_exchange`` and ``claims_exchange_export`` (the API and ``lindung
claims_exchange`` call the same functions). ``claim.decide`` only; an import outside the reader's region is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .claims_exchange import claims_decisions_upload_file, decision_batch_for, decision_batches_visible_to
from .claims_exchange_export import claims_export_xlsx, claims_ready
from .models import ClaimDecisionLine
from .reading import ImportRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


def _page(request: HttpRequest, status: int = 200) -> HttpResponse:
    context = {
        "ready": claims_ready(request.user).count(),
        "batches": list(decision_batches_visible_to(request.user)[:50]),
    }
    return render(request, "transfer/claims_exchange.html", context, status=status)


@capability_required("claim.decide")
def claims_exchange(request: HttpRequest) -> HttpResponse:
    """GET: the export button, the upload form and the imports so far; POST: import a decision file."""
    if request.method != "POST":
        return _page(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Pilih berkas keputusan BPJS."))
        return _page(request, status=400)
    try:
        batch, created = claims_decisions_upload_file(
            actor=request.user, source=upload, original_name=upload.name or "keputusan"
        )
    except AccessRefused as exc:
        _refused(exc)
    except ImportRefused as exc:
        messages.error(request, str(exc))
        return _page(request, status=400)
    if not created:
        messages.info(request, _("Berkas ini sudah pernah diimpor; tidak ada yang diubah."))
    return redirect("transfer:claims_decisions", pk=batch.pk)


@capability_required("claim.decide")
def claims_export_download(request: HttpRequest) -> HttpResponse:
    try:
        body, _count = claims_export_xlsx(actor=request.user)
    except AccessRefused as exc:
        _refused(exc)
    response = HttpResponse(body, content_type=XLSX)
    name = f"pengajuan-klaim-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required("claim.decide")
def claims_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its counts and every line with its outcome (an audited read of the claims it names)."""
    batch = decision_batch_for(request.user, pk)
    if batch is None:
        raise Http404
    outcome = request.GET.get("outcome", "")
    lines = batch.lines.order_by("row_number")
    if outcome in ClaimDecisionLine.Outcome.values:
        lines = lines.filter(outcome=outcome)
    page = Paginator(lines, 100).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.CLAIM_LIST,
        object_type="claim_decision_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        summary=f"Keputusan klaim #{batch.pk}: {len(page.object_list)} baris ditampilkan",
        detail={"claims": [x.claim_id for x in page.object_list if x.claim_id]},
    )
    context = {
        "batch": batch,
        "page": page,
        "outcome": outcome,
        "outcomes": [
            (value, label, getattr(batch, value)) for value, label in ClaimDecisionLine.Outcome.choices
        ],
    }
    return render(request, "transfer/claims_decisions.html", context)
