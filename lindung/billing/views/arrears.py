"""Arrears by name (per programme and village: unpaid months, amount, lapse date) and coverage on a date.

Thin: the reads are ``billing.selectors.arrears_list`` and ``billing.selectors.coverage``. A village operator
sees their own village (the selector's region scope); each page of names is one ARREARS_VIEW event.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.decorators import capability_required
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.services import workers_shown
from lindung.programmes.selectors import programmes_visible_to

from ..selectors import CoverageNotFound, arrears_list, coverage_on

PAGE_SIZE = 100


def _day(text: str, errors: list[str]) -> dt.date:
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            errors.append(_('Tanggal "%(text)s" tidak sah; tulis TTTT-BB-HH.') % {"text": text})
    return timezone.localdate()


@capability_required("bill.view")
def arrears_page(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    programme = request.GET.get("programme", "").strip()
    village = request.GET.get("village", "").strip()
    as_of = _day(request.GET.get("tanggal", "").strip(), errors)
    result = arrears_list(
        actor=request.user, as_of=as_of, programme=programme or None, village=village or None, audit=False
    )
    page = Paginator(result.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    workers_shown(
        actor=request.user,
        worker_ids=[r.worker_id for r in page.object_list],
        action=AuditAction.ARREARS_VIEW,
    )
    villages = (
        enrolments_visible_to(request.user)
        .order_by("village_id")
        .values_list("village_id", "village__name")
        .distinct()
    )
    context = {
        "page": page,
        "result": result,
        "total": rupiah(result.amount),
        "as_of": as_of,
        "programme": programme,
        "village": village,
        "programmes": programmes_visible_to(request.user).order_by("code"),
        "villages": list(villages),
        "errors": errors,
    }
    return render(request, "billing/arrears.html", context)


@capability_required("worker.view")
def coverage_page(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    # Posted, never in the URL: a NIK must not land in server logs or browser history (ADR 0007).
    person = re.sub(r"\D", "", request.POST.get("nik", ""))
    day = _day(request.POST.get("tanggal", "").strip(), errors)
    answers = None
    if person and not errors:
        if len(person) not in (11, 16):
            errors.append(_("Isi NIK 16 digit atau nomor KPJ 11 digit."))
        else:
            nik, kpj = (person, None) if len(person) == 16 else (None, person)
            try:
                answers = coverage_on(actor=request.user, day=day, nik=nik, kpj=kpj)
            except CoverageNotFound as exc:
                errors.append(str(exc))
    context = {"person": person, "day": day, "answers": answers, "errors": errors}
    return render(request, "billing/arrears_coverage.html", context)
