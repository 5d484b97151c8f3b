"""The list, the report form and the case file."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.accounts.selectors import scope_of
from lindung.people.selectors import nik_for_display

from ..models import Claim, ClaimKind, ClaimStatus, Relationship, SchoolLevel
from ..selectors import claim_view_audit, claim_visible, claims_filtered, claims_list_audit, reminders_due
from ..services import ClaimRefused, claim_report


def refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


def claim_or_404(request, pk: int) -> Claim:
    claim = claim_visible(request.user, pk)
    if claim is None:
        raise Http404
    return claim


def parse_day(text: str, field: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ClaimRefused({field: _('"%(text)s" bukan tanggal TTTT-BB-HH.') % {"text": text}}) from None


@capability_required("claim.view")
def claim_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "").strip()
    kind = request.GET.get("kind", "").strip()
    status = status if status in ClaimStatus.values else ""
    kind = kind if kind in ClaimKind.values else ""
    page = Paginator(claims_filtered(request.user, status=status, kind=kind), 50).get_page(
        request.GET.get("page")
    )
    claims = list(page.object_list)
    claims_list_audit(request.user, claims)
    context = {
        "page": page,
        "claims": claims,
        "status": status,
        "kind": kind,
        "statuses": ClaimStatus.choices,
        "kinds": ClaimKind.choices,
        "due": list(reminders_due(request.user)[:50]),
        "today": timezone.localdate(),
        "can_report": scope_of(request.user).can("claim.report"),
    }
    return render(request, "claims/claim_list.html", context)


def _report_form(request: HttpRequest, errors: dict[str, str] | None = None) -> HttpResponse:
    context = {
        "kinds": ClaimKind.choices,
        "data": request.POST,
        "errors": errors or {},
        "today": timezone.localdate(),
    }
    return render(request, "claims/claim_report.html", context, status=400 if errors else 200)


@capability_required("claim.report")
def claim_report_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _report_form(request)
    data = request.POST
    try:
        result = claim_report(
            actor=request.user,
            kind=data.get("kind", ""),
            event_date=parse_day(data.get("event_date", ""), "event_date"),
            place=data.get("place", ""),
            account=data.get("account", ""),
            nik=data.get("nik", ""),
            full_name=data.get("full_name", ""),
            village_code=data.get("village", ""),
            work_related=bool(data.get("work_related")),
            traffic=bool(data.get("traffic")),
            total_disability=bool(data.get("total_disability")),
        )
    except AccessRefused as exc:
        refused(exc)
    except ClaimRefused as exc:
        return _report_form(request, exc.errors)
    for message in result.messages:
        messages.info(request, message)
    if result.created:
        messages.success(request, _("Laporan dicatat sebagai klaim #%(id)s.") % {"id": result.claim.pk})
    if not scope_of(request.user).can("claim.view"):
        return redirect("claims:report")
    return redirect("claims:detail", pk=result.claim.pk)


@capability_required("claim.view")
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_or_404(request, pk)
    claim_view_audit(request.user, claim)
    scope = scope_of(request.user)
    in_region = scope.covers(claim.village_id)
    context = {
        "claim": claim,
        "nik": nik_for_display(request.user, claim.nik) if claim.nik else "",
        "documents": list(claim.documents.all()),
        "heirs": list(claim.heirs.all()),
        "events": list(claim.events.all()),
        "reminders": list(claim.reminders.all()),
        "relationships": Relationship.choices,
        "levels": SchoolLevel.choices,
        "can_manage": scope.can("claim.manage") and in_region,
        "can_decide": scope.can("claim.decide") and in_region,
        "statuses": ClaimStatus,
        "today": timezone.localdate(),
    }
    return render(request, "claims/claim_detail.html", context)
