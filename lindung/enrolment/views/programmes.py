"""Programme pages that show the places taken: the list, the detail page with its village quotas.

They live here, not in programmes, because a place is taken by an enrolment (docs/architecture.md). The
budget planner's sums come from ``programmes.planner``; quota writes go through ``services.quotas``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.decorators import capability_required
from lindung.programmes.forms import PlanForm, QuotaForm
from lindung.programmes.models import Programme
from lindung.programmes.planner import programme_plan
from lindung.programmes.selectors import programme_manageable, programme_visible, programmes_visible_to
from lindung.regions.codes import is_village
from lindung.regions.models import Region

from ..selectors import programme_quota_usage, programmes_places_used
from ..services import QuotaRefused, village_quotas_set


def _programme_or_404(request, pk: int) -> Programme:
    programme = programme_visible(request.user, pk)
    if programme is None:
        raise Http404
    return programme


@capability_required("programme.view")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(programmes_visible_to(request.user).order_by("-fiscal_year", "name"))
    scope = request.scope
    used = programmes_places_used(programmes)
    for p in programmes:
        p.used = used[p.pk]
        p.may_manage = programme_manageable(scope, p)
    return render(
        request,
        "enrolment/programmes/programme_list.html",
        {"programmes": programmes, "can_manage": scope.can("programme.manage")},
    )


def _quota_rows(request, programme: Programme) -> tuple[list[dict], object]:
    """Villages in the user's region with an override or a place taken (a full list would be thousands)."""
    scope = request.scope
    usage = programme_quota_usage(programme)
    codes = sorted(c for c in set(usage.overrides) | set(usage.used_by_village) if scope.covers(c))
    if is_village(scope.region_code) and scope.region_code not in codes:
        codes.append(scope.region_code)  # a village operator always sees its own line
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        {
            "code": c,
            "name": names.get(c, ""),
            "quota": usage.quota_for(c),
            "override": c in usage.overrides,
            "used": usage.used_by_village.get(c, 0),
            "left": usage.remaining_for(c),
        }
        for c in codes
    ], usage


@capability_required("programme.view")
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    plan_form = PlanForm(request.GET or None)
    plan, plan_error = programme_plan(programme, **(plan_form.plan_arguments() if request.GET else {}))
    if request.headers.get("HX-Request"):
        return render(request, "programmes/_plan.html", {"plan": plan, "plan_error": plan_error})
    quota_rows, usage = _quota_rows(request, programme)
    may_manage = programme_manageable(request.scope, programme)
    return render(
        request,
        "enrolment/programmes/programme_detail.html",
        {
            "programme": programme,
            "usage": usage,
            "quota_rows": quota_rows,
            "plan": plan,
            "plan_error": plan_error,
            "plan_form": plan_form,
            "may_manage": may_manage,
            "may_verify": request.scope.can("enrolment.verify"),
            # A village account's own proposal letter (the letter names the village's people).
            "own_village": request.scope.region_code
            if request.scope.can("enrolment.propose") and is_village(request.scope.region_code)
            else "",
            "quota_form": QuotaForm() if may_manage else None,
        },
    )


@require_POST
@capability_required("programme.manage")
def programme_quotas(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    if not programme_manageable(request.scope, programme):
        raise PermissionDenied
    form = QuotaForm(request.POST)
    if form.is_valid():
        quotas = form.cleaned_data["lines"]
        outside = [c for c in quotas if not request.scope.covers(c)]
        if outside:
            messages.error(request, _("Di luar wilayah Anda: %(codes)s") % {"codes": ", ".join(outside)})
        else:
            try:
                changed = village_quotas_set(actor=request.user, programme=programme, quotas=quotas)
            except QuotaRefused as exc:
                for code, message in exc.errors.items():
                    messages.error(request, message if code in message else f"{code}: {message}")
            else:
                messages.success(request, _("Kuota %(n)s desa disimpan.") % {"n": changed})
    else:
        for error in form.errors.get("lines", []):
            messages.error(request, error)
    return redirect("programmes:detail", pk=programme.pk)
