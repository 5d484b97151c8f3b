"""The home page (what each role should do now), the audit trail, and the about page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from lindung.accounts.decorators import capability_required
from lindung.accounts.models import Role
from lindung.accounts.selectors import scope_of
from lindung.meetings.selectors import home_recommendations
from lindung.regions.codes import subtree_q
from lindung.sponsorship.selectors import ending_warnings

from .audit_labels import change_text, object_names, object_text
from .forms import AuditFilterForm
from .glossary import TERMS
from .selectors import (
    HomeSummary,
    audit_events_visible_to,
    home_arrears_warnings,
    home_programme_quotas,
    home_summary,
)


def _url(name: str, query: str = "") -> str | None:
    try:
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class _Task:
    """One line of a role's to-do list on the home page: how many of something wait, and where to act."""

    roles: frozenset[str]
    label: str
    count: Callable[[HomeSummary], int]
    url_name: str
    query: str = ""
    tone: str = ""
    show_zero: bool = False


def _status(name: str) -> Callable[[HomeSummary], int]:
    return lambda summary: summary.status_counts.get(name, 0)


R = Role
_TASKS = (
    _Task(
        frozenset({R.OPERATOR_DESA, R.PENDAMPING, R.SUPERADMIN}),
        gettext_lazy("Usulan ditolak, perlu diperbaiki"),
        _status("rejected"),
        "people:list",
        "status=rejected",
        "rejected",
        True,
    ),
    _Task(
        frozenset({R.OPERATOR_DESA, R.PENDAMPING, R.SUPERADMIN}),
        gettext_lazy("Data dengan catatan untuk diperiksa"),
        lambda summary: summary.needs_review,
        "people:list",
        "needs_review=on",
        "warning",
    ),
    _Task(
        frozenset({R.VERIFIKATOR, R.PENDAMPING, R.ADMIN_PROGRAM, R.SUPERADMIN}),
        gettext_lazy("Usulan menunggu verifikasi"),
        _status("proposed"),
        "enrolment:queue",
        tone="proposed",
        show_zero=True,
    ),
    _Task(
        frozenset({R.OPERATOR_DESA}),
        gettext_lazy("Usulan menunggu verifikasi"),
        _status("proposed"),
        "people:list",
        "status=proposed",
        "proposed",
        True,
    ),
    _Task(
        frozenset({R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN}),
        gettext_lazy("Terverifikasi, siap dikirim ke BPJS"),
        _status("verified"),
        "transfer:insurer",
        tone="verified",
        show_zero=True,
    ),
    _Task(
        frozenset({R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN}),
        gettext_lazy("Dikirim ke BPJS, menunggu balasan"),
        _status("submitted"),
        "transfer:insurer",
        tone="submitted",
        show_zero=True,
    ),
    _Task(
        frozenset({R.ADMIN_PROGRAM, R.PETUGAS_BPJS, R.SUPERADMIN, R.SPONSOR, R.AUDITOR}),
        gettext_lazy("Peserta non-aktif (menunggak)"),
        _status("non_active"),
        "people:list",
        "status=non_active",
        "non_active",
    ),
    _Task(
        frozenset({R.AUDITOR}),
        gettext_lazy("Akses ditolak (30 hari terakhir)"),
        lambda summary: summary.denied_recently,
        "audit",
        "action=access.denied",
        "rejected",
        True,
    ),
)


def _tasks(role: str | None, summary: HomeSummary) -> list[dict]:
    tasks = []
    for task in _TASKS:
        count = task.count(summary) if role in task.roles else 0
        if role in task.roles and (count or task.show_zero):
            url = _url(task.url_name, task.query)
            tasks.append({"label": task.label, "count": count, "url": url, "tone": task.tone})
    return tasks


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What each role should do now: its to-do counts, its programmes' places, its shortcuts."""
    scope = scope_of(request.user)
    if not scope.allowed:
        return render(request, "portal/home_no_account.html", status=403)
    summary = home_summary(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "programmes": _programme_quotas(request.user),
            "scope": scope,
            "summary": summary,
            "tasks": _tasks(scope.role, summary) + _arrears_tasks(request.user, scope.role),
            "workers_url": _url("people:list"),
            "upload_url": _url("transfer:upload") if scope.can("import.upload") else None,
            "create_url": _url("people:create") if scope.can("worker.edit") else None,
            "programme_create_url": _url("programmes:create") if scope.can("programme.manage") else None,
            "audit_url": _url("audit") if scope.can("audit.view") else None,
            "followed": home_recommendations(request.user),
            # Those who manage sponsorships, and a sponsor itself, see whose sponsor ends within the rule's days.
            "sponsor_warnings": ending_warnings(request.user)
            if scope.can("sponsorship.manage") or scope.is_sponsor
            else None,
        },
    )


# Who sees the arrears warnings: those who can make the village or the programme pay in time.
# The treasurer too: it pays the arrears that keep these people covered.
ARREARS_WARNED = frozenset({R.OPERATOR_DESA, R.ADMIN_PROGRAM, R.BENDAHARA, R.SUPERADMIN})


def _arrears_tasks(user, role: str | None) -> list[dict]:
    """The to-do lines at N-1 and N unpaid months (2 and 3 under PP 44/2015), linking the arrears list."""
    if role not in ARREARS_WARNED:
        return []
    url = _url("billing:arrears")
    tasks = []
    for w in home_arrears_warnings(user):
        if w.last:
            label = gettext("Peserta menunggak %(n)s bulan: non-aktif bila bulan ini tidak dibayar")
        else:
            label = gettext("Peserta menunggak %(n)s bulan")
        tasks.append(
            {
                "label": label % {"n": w.months},
                "count": w.count,
                "url": url,
                "tone": "rejected" if w.last else "warning",
            }
        )
    return tasks


def _programme_quotas(user) -> list[dict]:
    return [
        {
            "name": row.name,
            "url": reverse("programmes:detail", args=[row.programme_id]),
            "quota": row.quota,
            "used": row.used,
            "left": row.left,
        }
        for row in home_programme_quotas(user)
    ]


def _audit_events(request, form):
    scope = request.scope
    qs = audit_events_visible_to(scope)
    if not form.is_valid():
        return qs
    d = form.cleaned_data
    if d["action"]:
        qs = qs.filter(action=d["action"])
    if d["actor"]:
        qs = qs.filter(actor_label__iexact=d["actor"].strip())
    if d["object_type"]:
        qs = qs.filter(object_type=d["object_type"])
    if d["object_id"]:
        qs = qs.filter(object_id=d["object_id"].strip())
    tz = timezone.get_current_timezone()
    if d["date_from"]:
        qs = qs.filter(at__gte=dt.datetime.combine(d["date_from"], dt.time.min, tzinfo=tz))
    if d["date_to"]:
        qs = qs.filter(
            at__lt=dt.datetime.combine(d["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    if d["region"]:
        code = d["region"].strip()
        qs = qs.filter(scope.q("region_code") & _within(code)) if scope.covers(code) else qs.none()
    return qs


def _within(code: str):
    return subtree_q("region_code", code)


@capability_required("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    """Who saw or changed which record, and when; scoped by the region of the data touched."""
    form = AuditFilterForm(request.GET or None)
    events = _audit_events(request, form).select_related(None).order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    names = object_names(page)
    for e in page:
        e.action_label = e.get_action_display()
        e.object_text = object_text(e, names)
        e.summary_text = change_text(e) if (e.detail or {}).get("fields") else e.summary
    return render(request, "portal/audit_list.html", {"form": form, "page": page})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html")


def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/glossary.html", {"terms": TERMS})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
