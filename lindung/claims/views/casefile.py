"""The case file's writes: heirs, checklist ticks (htmx), status moves, and the covering letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.billing.services import amount_parse

from ..letter import claim_letter_pdf
from ..services import ClaimRefused, claim_document_tick, claim_heir_add, claim_status_change
from .pages import claim_or_404, parse_day, refused


def _errors(request, exc: ClaimRefused) -> None:
    for message in exc.errors.values():
        messages.error(request, message)


@require_POST
@capability_required("claim.manage")
def claim_heir_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_or_404(request, pk)
    data = request.POST
    try:
        heir = claim_heir_add(
            actor=request.user,
            claim=claim,
            full_name=data.get("full_name", ""),
            relationship=data.get("relationship", ""),
            nik=data.get("nik", ""),
            birth_date=parse_day(data.get("birth_date", ""), "birth_date"),
            school_level=data.get("school_level", ""),
            phone=data.get("phone", ""),
        )
    except AccessRefused as exc:
        refused(exc)
    except ClaimRefused as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Ahli waris %(name)s dicatat.") % {"name": heir.full_name})
    return redirect("claims:detail", pk=claim.pk)


@require_POST
@capability_required("claim.manage")
def claim_document_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    claim = claim_or_404(request, pk)
    error = ""
    try:
        claim_document_tick(
            actor=request.user, claim=claim, code=code, ticked=request.POST.get("ticked", "1") != "0"
        )
    except AccessRefused as exc:
        refused(exc)
    except ClaimRefused as exc:
        error = str(exc)
    if request.headers.get("HX-Request"):
        context = {
            "claim": claim,
            "documents": list(claim.documents.all()),
            "can_manage": True,
            "error": error,
        }
        return render(request, "claims/_documents.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("claims:detail", pk=claim.pk)


@require_POST
@capability_required("claim.view")
def claim_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_or_404(request, pk)
    data = request.POST
    try:
        amount_text = data.get("amount", "").strip()
        amount = amount_parse(amount_text, field=_("Jumlah dibayar")) if amount_text else None
        _claim, note = claim_status_change(
            actor=request.user,
            claim=claim,
            to_status=data.get("status", ""),
            amount=amount,
            paid_on=parse_day(data.get("paid_on", ""), "paid_on"),
            reason=data.get("reason", ""),
        )
    except AccessRefused as exc:
        refused(exc)
    except ClaimRefused as exc:
        _errors(request, exc)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status klaim: %(status)s.") % {"status": claim.get_status_display()})
        if note:
            messages.warning(request, note)
    return redirect("claims:detail", pk=claim.pk)


@capability_required("claim.view")
def claim_letter(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_or_404(request, pk)
    try:
        pdf = claim_letter_pdf(request.user, claim)
    except AccessRefused as exc:
        refused(exc)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-klaim-{claim.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
