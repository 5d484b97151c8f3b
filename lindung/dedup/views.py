"""The review queue: probable duplicates side by side; the verifier merges or marks them distinct.

Thin: rules live in ``dedup.services``, reads in ``dedup.selectors``. A pair outside the reader's region
answers 404, a role without the capability 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.people.selectors import nik_for_display

from .selectors import pair_for, pairs_view_record, pairs_visible_to
from .services import MergeRefused, duplicate_distinct, duplicate_merge, duplicates_scan

PER_PAGE = 25


def _refused(exc: AccessRefused):
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


def _side(request, worker) -> dict:
    return {
        "worker": worker,
        "nik": nik_for_display(request.user, worker.nik),
        "enrolments": list(worker.enrolments.select_related("programme").all()),
    }


@capability_required("duplicate.view")
def pair_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(pairs_visible_to(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"pair": p, "a": _side(request, p.worker_a), "b": _side(request, p.worker_b)} for p in page]
    pairs_view_record(request.user, list(page), where="antrean")
    context = {"page": page, "rows": rows, "can_resolve": request.scope.can("duplicate.resolve")}
    return render(request, "dedup/pair_list.html", context)


@require_POST
@capability_required("duplicate.resolve")
def scan_view(request: HttpRequest) -> HttpResponse:
    try:
        result = duplicates_scan(actor=request.user)
    except AccessRefused as exc:
        _refused(exc)
    messages.success(
        request,
        _("%(people)s orang diperiksa: %(found)s kemungkinan data ganda, %(new)s baru.")
        % {"people": result.people, "found": result.found, "new": result.new},
    )
    return redirect("dedup:list")


def _decided(request: HttpRequest, pk: int, decide) -> HttpResponse:
    pair = pair_for(request.user, pk)
    error = ""
    try:
        message = decide(pair)
    except AccessRefused as exc:
        _refused(exc)
    except MergeRefused as exc:
        error = str(exc)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect("dedup:list")


@require_POST
@capability_required("duplicate.resolve")
def merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(pair):
        keep = {str(pair.worker_a_id): pair.worker_a, str(pair.worker_b_id): pair.worker_b}.get(
            request.POST.get("keep", "")
        )
        if keep is None:
            raise MergeRefused(
                _("Pilih data yang dipertahankan (kolom keep) untuk pasangan #%(id)s.") % {"id": pair.pk}
            )
        duplicate_merge(actor=request.user, pair=pair, keep=keep)
        return _("%(name)s digabung; riwayat keduanya kini pada satu orang.") % {"name": keep.full_name}

    return _decided(request, pk, decide)


@require_POST
@capability_required("duplicate.resolve")
def distinct_view(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(pair):
        duplicate_distinct(actor=request.user, pair=pair)
        return _("%(a)s dan %(b)s ditandai orang berbeda.") % {
            "a": pair.worker_a.full_name,
            "b": pair.worker_b.full_name,
        }

    return _decided(request, pk, decide)
