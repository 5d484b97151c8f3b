"""Programme pages: create and edit, with the budget planner beside the form.

The list and the detail page show the places taken, an enrolment fact: they are in ``enrolment.views``.

The rules (Dana Desa refused, legal basis required for public money, quotas within coverage ...) are in
``programmes.services``; the sums in ``programmes.planner``. These views only translate forms and errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.decorators import capability_required

from . import services
from .forms import ProgrammeForm
from .legal import legal_bases_text
from .models import Programme
from .planner import PlanParams, PlanRefused, budget_plan, plan_month_parse, programme_plan
from .selectors import programme_manageable, programme_visible
from .services import ProgrammeRefused


def _programme_or_404(request, pk: int) -> Programme:
    programme = programme_visible(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def _apply_refusal(form, exc: ProgrammeRefused) -> None:
    for name, message in exc.errors.items():
        form.add_error(name if name in form.fields else None, message)


def _owner_in_scope(request, form) -> bool:
    owner = (form.cleaned_data.get("owner_region") or "").strip()
    if owner and not request.scope.covers(owner):
        form.add_error("owner_region", _("Wilayah pemilik berada di luar wilayah Anda."))
        return False
    return True


@capability_required("programme.manage")
def programme_create(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    initial = {"owner_region": scope.region_code, "coverage_region": scope.region_code}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _owner_in_scope(request, form):
        try:
            programme = services.programme_create(actor=request.user, data=form.service_data())
        except ProgrammeRefused as exc:
            _apply_refusal(form, exc)
        else:
            messages.success(request, _("Program %(name)s dibuat.") % {"name": programme.name})
            return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@capability_required("programme.manage")
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    if not programme_manageable(request.scope, programme):
        raise PermissionDenied
    initial = {
        "code": programme.code,
        "name": programme.name,
        "owner_region": programme.owner_region_id,
        "coverage_region": programme.coverage_region_id,
        "fiscal_year": programme.fiscal_year,
        "start_month": programme.start_month.strftime("%Y-%m"),
        "months": programme.months,
        "segment": programme.segment,
        "declared_income": programme.declared_income,
        "include_jht": programme.include_jht,
        "include_jp": programme.include_jp,
        "funding_source": programme.funding_source,
        "apbdes_sub_source": programme.apbdes_sub_source,
        "sponsor": programme.sponsor_id,
        "legal_bases": legal_bases_text(programme),
        "quota_per_village": programme.quota_per_village,
        "total_quota": programme.total_quota,
        "budget_ceiling": programme.budget_ceiling,
        "eligible_categories": programme.eligible_categories,
        "age_min": programme.age_min,
        "age_max": programme.age_max,
        "is_active": programme.is_active,
        "umbrella": programme.umbrella,
    }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _owner_in_scope(request, form):
        try:
            changed = services.programme_update(
                actor=request.user, programme=programme, data=form.service_data()
            )
        except ProgrammeRefused as exc:
            _apply_refusal(form, exc)
        else:
            if changed:
                messages.success(request, _("Program %(name)s diperbarui.") % {"name": programme.name})
            else:
                messages.info(request, _("Tidak ada perubahan."))
            return redirect("programmes:detail", pk=programme.pk)
    plan, plan_error = programme_plan(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme, "plan": plan, "plan_error": plan_error},
    )


@require_POST
@capability_required("programme.manage")
def plan_preview(request: HttpRequest) -> HttpResponse:
    """htmx partial beside the programme form: the budget the values typed so far would need."""
    form = ProgrammeForm(request.POST)
    form.is_valid()
    d = dict(form.cleaned_data)
    context: dict = {"plan": None, "plan_error": ""}
    coverage = (request.POST.get("coverage_region") or "").strip()
    start = (request.POST.get("start_month") or "").strip()
    if coverage and not request.scope.covers(coverage):
        context["plan_error"] = _("Wilayah cakupan berada di luar wilayah Anda.")
        return render(request, "programmes/_plan.html", context)
    if not coverage or not start or (d.get("quota_per_village") is None and d.get("total_quota") is None):
        context["plan_error"] = _(
            "Isi wilayah cakupan, bulan mulai dan kuota per desa atau kuota total untuk melihat kebutuhan "
            "anggaran."
        )
        return render(request, "programmes/_plan.html", context)
    try:
        params = PlanParams(
            region_code=coverage,
            per_village=d.get("quota_per_village"),
            months=d.get("months") or int(request.POST.get("months") or 12),
            start=plan_month_parse(start),
            income=d.get("declared_income") or 1_000_000,
            funding_source=request.POST.get("funding_source") or "",
            segment=d.get("segment") or "BPU",
            include_jht=bool(d.get("include_jht")),
            include_jp=bool(d.get("include_jp")),
            budget_ceiling=d.get("budget_ceiling"),
            total_quota=d.get("total_quota"),
        )
        context["plan"] = budget_plan(params)
    except (PlanRefused, ValueError) as exc:
        context["plan_error"] = str(exc)
    return render(request, "programmes/_plan.html", context)
