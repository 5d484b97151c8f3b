"""Meeting pages: the list, recording a meeting, its report (follow-up, attendance, figures, recommendations,
proposals), adopting and following up recommendations, and the minutes as PDF. Thin: each calls one service
or selector."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required

from . import minutes
from .forms import AGENCIES, meeting_from, recommendation_from
from .models import Institution, Status, TargetKind
from .selectors import (
    frozen_rows,
    meeting_recommendations,
    meeting_visible,
    meetings_visible_to,
    previous_outcomes,
    recommendation_visible,
    recommendations_visible_to,
    with_progress,
)
from .services import MeetingRefused, meeting_record, recommendation_adopt, recommendation_update

LIST_LIMIT = 200


def _refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


@capability_required("monev.view")
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = list(meetings_visible_to(request.user)[:LIST_LIMIT])
    return render(
        request,
        "meetings/list.html",
        {"meetings": meetings, "can_record": request.scope.can("meeting.record")},
    )


def _new_form(request: HttpRequest, errors: dict[str, str] | None = None) -> HttpResponse:
    context = {
        "agencies": AGENCIES,
        "data": request.POST if request.method == "POST" else {"region": request.scope.region_code},
        "errors": errors or {},
        "today": timezone.localdate(),
    }
    return render(request, "meetings/new.html", context, status=400 if errors else 200)


@capability_required("meeting.record")
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _new_form(request)
    try:
        meeting = meeting_record(actor=request.user, **meeting_from(request.POST))
    except AccessRefused as exc:
        _refused(exc)
    except MeetingRefused as exc:
        return _new_form(request, exc.errors)
    messages.success(request, _("Rapat dicatat. Tetapkan rekomendasinya di bawah."))
    return redirect("meetings:detail", meeting.pk)


def _detail(request: HttpRequest, meeting, *, errors=None, status: int = 200) -> HttpResponse:
    context = {
        "meeting": meeting,
        "figures": meeting.figures,
        "outcomes": previous_outcomes(meeting),
        "recommendations": meeting_recommendations(meeting),
        "proposals": meeting.figures.get("proposals", []),
        "frozen": frozen_rows(meeting),
        "attendance": list(meeting.attendance.select_related("region")),
        "can_record": request.scope.can("meeting.record") and request.scope.covers(meeting.region_id),
        "agencies": Institution.choices,
        "target_kinds": TargetKind.choices,
        "statuses": Status.choices,
        "errors": errors or {},
        "data": request.POST if errors else {},
    }
    return render(request, "meetings/detail.html", context, status=status)


@capability_required("monev.view")
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, meeting_visible(request.user, pk))


@capability_required("meeting.record")
@require_POST
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_visible(request.user, pk)
    key = request.POST.get("proposal", "")
    proposal = next((p for p in meeting.figures.get("proposals", []) if p["key"] == key), None)
    if key and proposal is None:
        raise Http404("Usulan tidak ditemukan")
    try:
        data = recommendation_from(request.POST, proposal)
        rec = recommendation_adopt(actor=request.user, meeting=meeting, data=data)
    except AccessRefused as exc:
        _refused(exc)
    except MeetingRefused as exc:
        errors = {f"{key or 'manual'}:{field}": message for field, message in exc.errors.items()}
        errors["form"] = key or "manual"
        return _detail(request, meeting, errors=errors, status=400)
    messages.success(request, _("Rekomendasi ditetapkan: %(title)s") % {"title": rec.title})
    return redirect(f"{reverse('meetings:detail', args=[meeting.pk])}#rekomendasi")


@capability_required("monev.view")
@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("tampil", "open")
    qs = recommendations_visible_to(request.user, open_only=show != "all")
    followed = with_progress(qs[:LIST_LIMIT])
    if show == "overdue":
        followed = [f for f in followed if f.overdue]
    return render(
        request,
        "meetings/recommendations.html",
        {
            "followed": followed,
            "show": show,
            "statuses": Status.choices,
            "can_record": request.scope.can("meeting.record"),
        },
    )


@capability_required("meeting.record")
@require_POST
def recommendation_status(request: HttpRequest, pk: int) -> HttpResponse:
    rec = recommendation_visible(request.user, pk)
    try:
        recommendation_update(
            actor=request.user,
            recommendation=rec,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
        )
    except AccessRefused as exc:
        _refused(exc)
    except MeetingRefused as exc:
        messages.error(request, f"{rec.title}: {exc}")
    else:
        messages.success(request, _("Status rekomendasi diubah: %(title)s") % {"title": rec.title})
    return redirect(request.POST.get("next") or reverse("meetings:detail", args=[rec.meeting_id]))


@capability_required("monev.view")
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_visible(request.user, pk)
    body = minutes.minutes_pdf(meeting, actor=request.user)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{minutes.minutes_filename(meeting)}"'
    return response
