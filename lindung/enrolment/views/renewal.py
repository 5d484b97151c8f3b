"""Renewal (``/program/<pk>/lanjutkan/``) and hand-over (``/program/<pk>/serah-terima/``) pages.

Thin: the previews and confirmations are ``services.renewal`` and ``services.handover``, which check the
actor (``programme.renew`` over the programme's coverage area) the same way for the API and the CLI.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lindung.accounts.decorators import capability_required
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programme_visible, programmes_visible_to

from ..handover_documents import notices_pdf, notices_xlsx
from ..renewal_selectors import renewal_targets
from ..services import (
    HandoverRefused,
    RenewalRefused,
    handover_confirm,
    handover_preview,
    renewal_confirm,
    renewal_preview,
)

CAPABILITY = "programme.renew"


def _programme_or_404(request, pk) -> Programme:
    programme = programme_visible(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def _target(request, source: Programme, raw) -> Programme | None:
    if not raw:
        return None
    try:
        return renewal_targets(source, programmes_visible_to(request.user)).get(pk=int(raw))
    except (ValueError, Programme.DoesNotExist) as exc:
        raise Http404 from exc


@require_http_methods(["GET", "POST"])
@capability_required(CAPABILITY)
def renewal(request: HttpRequest, pk: int) -> HttpResponse:
    source = _programme_or_404(request, pk)
    target = _target(request, source, request.POST.get("target") or request.GET.get("target"))
    preview, error = None, ""
    if target is not None:
        try:
            if request.method == "POST":
                report = renewal_confirm(actor=request.user, source=source, target=target)
                messages.success(
                    request,
                    _(
                        "%(n)s peserta dilanjutkan ke %(target)s; %(dropped)s tidak dilanjutkan; %(already)s sudah ada."
                    )
                    % {
                        "n": len(report.created),
                        "target": target.code,
                        "dropped": report.dropped,
                        "already": report.already,
                    },
                )
                return redirect(f"{request.path}?target={target.pk}")
            preview = renewal_preview(actor=request.user, source=source, target=target)
        except RenewalRefused as exc:
            error = str(exc)
    return render(
        request,
        "enrolment/renewal_preview.html",
        {
            "source": source,
            "target": target,
            "targets": renewal_targets(source, programmes_visible_to(request.user)).order_by("start_month"),
            "preview": preview,
            "error": error,
        },
    )


@capability_required(CAPABILITY)
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    notices = handover_preview(actor=request.user, programme=programme)
    return render(request, "enrolment/handover_preview.html", {"programme": programme, "notices": notices})


@require_POST
@capability_required(CAPABILITY)
def handover_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    try:
        report = handover_confirm(actor=request.user, programme=programme)
    except HandoverRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Serah terima %(code)s: %(n)s peserta diakhiri dan kini membayar mandiri.")
            % {"code": programme.code, "n": len(report.ended)},
        )
    return redirect("programmes:handover", pk=programme.pk)


@capability_required(CAPABILITY)
def handover_xlsx(request: HttpRequest, pk: int, village: str) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    notices = handover_preview(actor=request.user, programme=programme)
    line = notices.village(village)
    if line is None:
        raise Http404
    response = HttpResponse(
        notices_xlsx(notices, line),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"serah-terima-{programme.code}-{village}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@capability_required(CAPABILITY)
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    notices = handover_preview(actor=request.user, programme=programme)
    response = HttpResponse(notices_pdf(notices), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="serah-terima-{programme.code}.pdf"'
    return response
