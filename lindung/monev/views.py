"""Monev pages: the signed-in dashboard (scoped), the public transparency page and the report downloads.

Thin views: each reads ``monev.selectors.monev_figures`` (the API and the reports read the same function).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from lindung.accounts.decorators import capability_required
from lindung.accounts.selectors import NOBODY
from lindung.core.audit import AuditAction
from lindung.core.months import month_label, month_of
from lindung.core.services import audit_record
from lindung.regions.codes import within

from . import reports
from .selectors import (
    CACHE_SECONDS,
    PUBLIC_CACHE_SECONDS,
    available_periods,
    figures_cache_key,
    latest_period,
    monev_figures,
    monev_region_for,
    parse_period,
    region_exists,
)
from .selectors.claims import ClaimTable, monev_claims
from .services import monev_refresh
from .services.catch_up import monev_catch_up


def _period(request: HttpRequest):
    try:
        return parse_period(request.GET.get("periode") or request.POST.get("periode"))
    except ValueError as exc:
        messages.error(request, str(exc))
        return latest_period()


def _fragments(code: str, period, *, public: bool, link_name: str, viewer_region: str = "") -> dict[str, str]:
    """The page's figures rendered once per (region, month, build, language, viewer's region), shared by every
    viewer of that region.

    Only the controls (period form, refresh button with its CSRF token) are rendered per request. The path's
    parents outside the viewer's region are plain text, not links to a page that would refuse them.
    """
    key = (
        f"{figures_cache_key(code, period, public=public)}:html:{link_name}:{get_language()}:{viewer_region}"
    )
    fragments = cache.get(key)
    if fragments is None:
        figures = monev_figures(code, period, public=public)
        linkable = {c for c, _name in figures.path if public or within(c, viewer_region)}
        context = {
            "figures": figures,
            "public": public,
            "link_name": link_name,
            "pdf": False,
            "linkable": linkable,
        }
        fragments = {
            "head": render_to_string("monev/_head.html", context),
            "sections": render_to_string("monev/_sections.html", context),
            "title": figures.region_name,
            "period_label": figures.period_label,
        }
        cache.set(key, fragments, PUBLIC_CACHE_SECONDS if public else CACHE_SECONDS)
    return {k: mark_safe(v) for k, v in fragments.items()}  # noqa: S308 - rendered by our own templates


def _claims(code: str, period, *, public: bool) -> ClaimTable:
    """Claims by programme and year: read live for the dashboard, cached a few minutes for the public page."""
    if not public:
        return monev_claims(code, up_to=period)
    key = f"monev:claims:public:{code or 'nasional'}:{period:%Y}"
    table = cache.get(key)
    if table is None:
        table = monev_claims(code, up_to=period, public=True)
        cache.set(key, table, PUBLIC_CACHE_SECONDS)
    return table


def _render(request: HttpRequest, template: str, code: str, period, *, public: bool):
    link_name = "monev:public" if public else "monev:dashboard"
    viewer_region = "" if public else request.scope.region_code
    fragments = _fragments(code, period, public=public, link_name=link_name, viewer_region=viewer_region)
    context = {
        "claims": _claims(code, period, public=public),
        "fragments": fragments,
        "region_code": code,
        "period": period,
        "period_label": fragments["period_label"],
        "public": public,
        "link_name": link_name,
        "periods": available_periods(),
        "can_manage": (not public) and request.scope.can("monev.manage"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "monev/_figures.html", context)
    return render(request, template, context)


@capability_required("monev.view")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if request.scope.is_sponsor:
        # A sponsor's monev is its own people (sponsorship app), not the whole regency (issue 15).
        return redirect("sponsorship:my_monev")
    period = _period(request)
    code = monev_region_for(request.user, request.GET.get("wilayah"))
    if period == month_of(timezone.localdate()):
        # The current month follows the audit trail: villages changed since the last build are rebuilt
        # now when few, or by the background worker when many (docs/adr/0004).
        monev_catch_up(period=period)
    return _render(request, "monev/dashboard.html", code, period, public=False)


def _public_region(request: HttpRequest) -> str:
    code = (request.GET.get("wilayah") or request.GET.get("region") or "").strip()
    if not region_exists(code):
        raise Http404("Wilayah tidak ditemukan")
    return code


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """No sign-in: aggregated figures, small breakdown cells suppressed, cached a few minutes."""
    request.scope = NOBODY
    code = _public_region(request)
    response = _render(request, "monev/public.html", code, _period(request), public=True)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _report(request: HttpRequest, kind: str) -> HttpResponse:
    if request.scope.is_sponsor:
        # A sponsor's monev is its own people (sponsorship app), not the whole regency (issue 15).
        return redirect("sponsorship:my_monev")
    period = _period(request)
    code = monev_region_for(request.user, request.GET.get("wilayah"))
    figures = monev_figures(code, period)
    if kind == "pdf":
        body, content_type = reports.report_pdf(figures), "application/pdf"
    else:
        body = reports.report_xlsx(figures)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit_record(
        actor=request.user,
        action=AuditAction(f"monev.report_{kind}"),
        object_type="monev",
        object_id=f"{code or 'nasional'}@{period:%Y-%m}",
        region_code=code,
        # The trail is read in Indonesian whatever language the viewer chose.
        summary=f"Laporan monev {figures.region_name} {month_label(figures.period)} ({kind})",
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{reports.report_filename(figures, kind)}"'
    return response


@capability_required("monev.view")
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _report(request, "pdf")


@capability_required("monev.view")
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _report(request, "xlsx")


@capability_required("monev.manage")
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    code = monev_region_for(request.user, request.POST.get("wilayah"))
    report = monev_refresh(actor=request.user, period=period)
    messages.success(request, report.summary)
    return redirect(f"{reverse('monev:dashboard')}?wilayah={code}&periode={period:%Y-%m}")
