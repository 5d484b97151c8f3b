"""A sponsor's own monev view and its certificate of contribution."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required

from ..documents import sponsor_certificate_pdf
from ..selectors import sponsor_monev, sponsor_people_audit
from .common import refused, sponsor_or_404


@capability_required("monev.view")
@require_GET
def sponsor_monev_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The monev of one sponsor's own people: who is covered, what was paid for them, its CSR money."""
    sponsor = sponsor_or_404(request, pk)
    figures = sponsor_monev(request.user, sponsor)
    sponsor_people_audit(request.user, sponsor, figures["people"], channel="monev")
    return render(request, "sponsorship/sponsor_monev.html", {"sponsor": sponsor, "figures": figures})


@capability_required("monev.view")
@require_GET
def my_monev(request: HttpRequest) -> HttpResponse:
    """Where /monev/ sends a sponsor account: the monev of its own people, not the whole regency."""
    if not request.scope.is_sponsor:
        return redirect("monev:dashboard")
    return redirect("sponsorship:monev", pk=request.scope.sponsor_id)


@capability_required("sponsorship.view")
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    sponsor = sponsor_or_404(request, pk)
    try:
        pdf = sponsor_certificate_pdf(request.user, sponsor)
    except AccessRefused as exc:
        refused(exc)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-sponsor-{sponsor.pk}.pdf"'
    return response
