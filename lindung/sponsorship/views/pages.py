"""The sponsor list with the end warnings, registering and editing a sponsor, and a sponsor's own page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.accounts.models import Sponsor
from lindung.programmes.selectors import programmes_visible_to

from ..selectors import (
    commitments_visible_to,
    ending_warnings,
    money_totals,
    payments_visible_to,
    sponsor_people,
    sponsor_people_audit,
    sponsors_visible_to,
)
from ..services import SponsorshipRefused, sponsor_region, sponsor_register, sponsor_update
from .common import refused, sponsor_or_404

FIELDS = ("name", "kind", "nip", "position", "institution", "contact")


@capability_required("sponsorship.view")
@require_GET
def sponsor_list(request: HttpRequest) -> HttpResponse:
    if request.scope.is_sponsor:
        return redirect("sponsorship:mine")
    sponsors = list(sponsors_visible_to(request.user).order_by("name")[:500])
    context = {
        "sponsors": sponsors,
        "warnings": ending_warnings(request.user),
        "can_manage": request.scope.can("sponsorship.manage"),
    }
    return render(request, "sponsorship/sponsor_list.html", context)


@capability_required("sponsorship.view")
@require_GET
def sponsor_mine(request: HttpRequest) -> HttpResponse:
    """A sponsor account's own page; other roles go to the list."""
    if not request.scope.is_sponsor:
        return redirect("sponsorship:list")
    return redirect("sponsorship:detail", pk=request.scope.sponsor_id)


def _form(request: HttpRequest, *, sponsor: Sponsor | None, data, errors=None) -> HttpResponse:
    context = {
        "sponsor": sponsor,
        "data": data,
        "errors": errors or {},
        "kinds": Sponsor.Kind.choices,
        "region_default": request.scope.region_code,
    }
    return render(request, "sponsorship/sponsor_form.html", context, status=400 if errors else 200)


@capability_required("sponsorship.manage")
def sponsor_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form(request, sponsor=None, data={"region": request.scope.region_code})
    data = request.POST
    region = (data.get("region") or request.scope.region_code).strip()
    try:
        sponsor = sponsor_register(actor=request.user, region_code=region, data=data)
    except AccessRefused as exc:
        if exc.outside_scope:
            return _form(request, sponsor=None, data=data, errors={"region": exc.message})
        refused(exc)
    except SponsorshipRefused as exc:
        return _form(request, sponsor=None, data=data, errors=exc.errors)
    messages.success(request, _("Sponsor %(name)s terdaftar.") % {"name": sponsor.name})
    return redirect("sponsorship:detail", pk=sponsor.pk)


@capability_required("sponsorship.manage")
def sponsor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sponsor = sponsor_or_404(request, pk)
    if request.method != "POST":
        return _form(request, sponsor=sponsor, data={k: getattr(sponsor, k) for k in FIELDS})
    try:
        sponsor_update(actor=request.user, sponsor=sponsor, data=request.POST)
    except AccessRefused as exc:
        refused(exc)
    except SponsorshipRefused as exc:
        return _form(request, sponsor=sponsor, data=request.POST, errors=exc.errors)
    messages.success(request, _("Sponsor %(name)s diperbarui.") % {"name": sponsor.name})
    return redirect("sponsorship:detail", pk=sponsor.pk)


def sponsor_page(request: HttpRequest, sponsor: Sponsor, *, errors=None, data=None) -> HttpResponse:
    """The sponsor's page: its people, end warnings, commitments and payments; forms for the office."""
    people = sponsor_people(request.user, sponsor)
    sponsor_people_audit(request.user, sponsor, people)
    commitments = list(commitments_visible_to(request.user).filter(sponsor=sponsor))
    warnings = ending_warnings(request.user)
    warnings.groups = [g for g in warnings.groups if g.sponsor.pk == sponsor.pk]
    scope = request.scope
    region = sponsor_region(sponsor)
    can_manage = scope.can("sponsorship.manage") and scope.covers(region)
    context = {
        "sponsor": sponsor,
        "region": region,
        "people": people,
        "warnings": warnings,
        "commitments": commitments,
        "payments": list(payments_visible_to(request.user).filter(commitment__sponsor=sponsor)),
        "totals": money_totals(commitments),
        "can_manage": can_manage,
        "programmes": list(programmes_visible_to(request.user).order_by("code")[:200]) if can_manage else [],
        "errors": errors or {},
        "data": data or {},
        "today": timezone.localdate(),
    }
    return render(request, "sponsorship/sponsor_detail.html", context, status=400 if errors else 200)


@capability_required("sponsorship.view")
@require_GET
def sponsor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return sponsor_page(request, sponsor_or_404(request, pk))
