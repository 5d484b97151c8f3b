"""The office's acts on a sponsor's page: assign workers, end a sponsorship, record commitments and payments."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programmes_visible_to

from ..selectors import commitments_visible_to, sponsorship_visible
from ..services import (
    SponsorshipRefused,
    csr_commitment_record,
    csr_payment_record,
    sponsorship_assign,
    sponsorship_end,
)
from .common import refused, sponsor_or_404
from .pages import sponsor_page


def _programme(request: HttpRequest) -> Programme | None:
    code = (request.POST.get("programme") or "").strip()
    if not code:
        return None
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if programme is None:
        raise SponsorshipRefused({"programme": _('Program "%(code)s" tidak ditemukan.') % {"code": code}})
    return programme


@capability_required("sponsorship.manage")
@require_POST
def sponsor_assign(request: HttpRequest, pk: int) -> HttpResponse:
    sponsor = sponsor_or_404(request, pk)
    data = request.POST
    try:
        result = sponsorship_assign(
            actor=request.user,
            sponsor=sponsor,
            niks=data.get("niks", ""),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            programme=_programme(request),
        )
    except AccessRefused as exc:
        refused(exc)
    except SponsorshipRefused as exc:
        return sponsor_page(request, sponsor, errors=exc.errors, data=data)
    messages.success(request, _("%(count)s pekerja ditetapkan untuk sponsor ini.") % {"count": result.count})
    return redirect("sponsorship:detail", pk=sponsor.pk)


@capability_required("sponsorship.manage")
@require_POST
def sponsorship_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    sponsorship = sponsorship_visible(request.user, pk)
    if sponsorship is None:
        raise Http404
    try:
        sponsorship_end(
            actor=request.user,
            sponsorship=sponsorship,
            on=request.POST.get("on") or None,
            reason=request.POST.get("reason", ""),
        )
    except AccessRefused as exc:
        refused(exc)
    except SponsorshipRefused as exc:
        return sponsor_page(request, sponsorship.sponsor, errors=exc.errors, data=request.POST)
    messages.success(request, _("Sponsor untuk %(name)s diakhiri.") % {"name": sponsorship.worker.full_name})
    return redirect("sponsorship:detail", pk=sponsorship.sponsor_id)


@capability_required("sponsorship.manage")
@require_POST
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    sponsor = sponsor_or_404(request, pk)
    data = request.POST
    try:
        csr_commitment_record(
            actor=request.user,
            sponsor=sponsor,
            amount=data.get("amount", ""),
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            programme=_programme(request),
            region_code=(data.get("region") or "").strip(),
            reference=data.get("reference", ""),
        )
    except AccessRefused as exc:
        refused(exc)
    except SponsorshipRefused as exc:
        return sponsor_page(request, sponsor, errors=exc.errors, data=data)
    messages.success(request, _("Komitmen CSR dicatat."))
    return redirect("sponsorship:detail", pk=sponsor.pk)


@capability_required("sponsorship.manage")
@require_POST
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = commitments_visible_to(request.user).filter(pk=pk).first()
    if commitment is None:
        raise Http404
    data = request.POST
    try:
        csr_payment_record(
            actor=request.user,
            commitment=commitment,
            amount=data.get("amount", ""),
            paid_on=data.get("paid_on"),
            reference=data.get("reference", ""),
        )
    except AccessRefused as exc:
        refused(exc)
    except SponsorshipRefused as exc:
        errors = {f"payment.{commitment.pk}.{k}": v for k, v in exc.errors.items()}
        return sponsor_page(request, commitment.sponsor, errors=errors, data=data)
    messages.success(request, _("Pembayaran CSR dicatat."))
    return redirect("sponsorship:detail", pk=commitment.sponsor_id)
