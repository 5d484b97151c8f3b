"""The UCJ page: the insurer-based UCJ of a region and month, the insurer's reported months, and the
vulnerable-worker counts; with the import of the insurer's file and the entry of a count. Thin views over
``monev.selectors.ucj_page``, ``transfer.insurer_figures`` and ``monev.services.ucj``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lindung.accounts.decorators import capability_required
from lindung.core.months import month_parse
from lindung.regions.services import RegionStatisticRefused
from lindung.transfer.insurer_figures import insurer_figures_import_upload
from lindung.transfer.reading import ImportRefused

from .forms_ucj import InsurerFiguresForm, VulnerableCountForm
from .selectors import monev_region_for, parse_period
from .selectors.ucj_page import ucj_page
from .services.ucj import vulnerable_count_enter


def _page(request: HttpRequest, code: str, *, import_form=None, count_form=None, result=None) -> HttpResponse:
    try:
        period = parse_period(request.GET.get("periode"))
    except ValueError as exc:
        messages.error(request, str(exc))
        period = parse_period(None)
    context = {
        "page": ucj_page(code, period),
        "import_form": import_form or InsurerFiguresForm(),
        "count_form": count_form or VulnerableCountForm(initial={"region": code, "year": period.year}),
        "result": result,
        "may_import": request.scope.can("insurer_figures.import"),
        "may_count": request.scope.can("monev.manage"),
    }
    return render(request, "monev/ucj.html", context)


@capability_required("monev.view")
@require_GET
def ucj(request: HttpRequest) -> HttpResponse:
    if request.scope.is_sponsor:
        # A sponsor's monev is its own people (sponsorship app), as on the dashboard.
        return redirect("sponsorship:my_monev")
    return _page(request, monev_region_for(request.user, request.GET.get("wilayah")))


@capability_required("insurer_figures.import")
@require_POST
def ucj_import(request: HttpRequest) -> HttpResponse:
    code = monev_region_for(request.user, request.GET.get("wilayah"))
    form = InsurerFiguresForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, code, import_form=form)
    try:
        period = month_parse(form.cleaned_data["period"]) if form.cleaned_data["period"] else None
        result = insurer_figures_import_upload(
            actor=request.user,
            upload=form.cleaned_data["file"],
            edition=form.cleaned_data["edition"],
            period=period,
        )
    except (ImportRefused, ValueError) as exc:
        form.add_error(None, str(exc))
        return _page(request, code, import_form=form)
    messages.success(request, result.summary)
    return _page(request, code, result=result)


@capability_required("monev.manage")
@require_POST
def vulnerable_count(request: HttpRequest) -> HttpResponse:
    form = VulnerableCountForm(request.POST)
    code = monev_region_for(request.user, request.GET.get("wilayah"))
    if not form.is_valid():
        return _page(request, code, count_form=form)
    data = form.cleaned_data
    try:
        vulnerable_count_enter(
            actor=request.user,
            region_code=data["region"].strip(),
            year=data["year"],
            count=data["count"],
            source_note=data["source_note"],
            goal_percent=data["goal_percent"] or None,
        )
    except RegionStatisticRefused as exc:
        form.add_error(None, str(exc))
        return _page(request, code, count_form=form)
    messages.success(request, _("Jumlah pekerja rentan disimpan."))
    return redirect(f"{reverse('monev:ucj')}?wilayah={data['region'].strip()}")
