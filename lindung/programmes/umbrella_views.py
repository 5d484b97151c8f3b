"""The umbrella scheme's page: every village of the kabupaten, its APBDes line, and who has not budgeted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required

from .forms import UmbrellaLinesForm
from .selectors import programme_manageable, programme_visible
from .umbrella import UmbrellaRefused, umbrella_lines_set
from .umbrella_selectors import umbrella_overview


@capability_required("programme.view")
def umbrella_page(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and not request.scope.can("programme.manage"):
        raise PermissionDenied
    programme = programme_visible(request.user, pk)
    if programme is None or not programme.umbrella:
        raise Http404
    may_manage = programme_manageable(request.scope, programme)
    form = UmbrellaLinesForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                count = umbrella_lines_set(
                    actor=request.user, programme=programme, lines=form.cleaned_data["lines"]
                )
            except AccessRefused as exc:
                raise PermissionDenied(str(exc)) from exc
            except UmbrellaRefused as exc:
                for message in exc.errors.values():
                    form.add_error("lines", message)
            else:
                messages.success(request, _("Anggaran %(count)s desa disimpan.") % {"count": count})
                return redirect("programmes:umbrella", pk=programme.pk)
    context = {
        "programme": programme,
        "overview": umbrella_overview(programme),
        "form": form,
        "may_manage": may_manage,
    }
    if request.headers.get("HX-Request") and request.GET.get("part") == "villages":
        return render(request, "programmes/_umbrella_villages.html", context)
    return render(request, "programmes/umbrella.html", context)
