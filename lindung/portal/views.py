"""The home page (what each role should do now), the audit trail, and the about page."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.decorators import capability_required
from lindung.accounts.models import Role
from lindung.accounts.selectors import scope_of

from .forms import ACTION_LABELS, AuditFilterForm
from .models import AuditEvent
from .selectors import home_summary


def _url(name: str, query: str = "") -> str | None:
    try:
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if not scope.allowed:
        return render(request, "core/home_no_account.html", status=403)
    summary = home_summary(request.user)
    s = summary.status_counts
    role = scope.role
    tasks: list[dict] = []

    def task(label, count, url, tone="", show_zero=False):
        if count or show_zero:
            tasks.append({"label": label, "count": count, "url": url, "tone": tone})

    workers = _url("people:list")
    if role in {Role.OPERATOR_DESA, Role.PENDAMPING, Role.SUPERADMIN}:
        task(
            _("Usulan ditolak, perlu diperbaiki"),
            s.get("rejected", 0),
            _url("people:list", "status=rejected"),
            "rejected",
            True,
        )
        task(
            _("Data dengan catatan untuk diperiksa"),
            summary.needs_review,
            _url("people:list", "needs_review=on"),
            "warning",
        )
    if role in {Role.VERIFIKATOR, Role.PENDAMPING, Role.ADMIN_PROGRAM, Role.SUPERADMIN}:
        task(_("Usulan menunggu verifikasi"), s.get("proposed", 0), _url("enrolment:queue"), "proposed", True)
    elif role == Role.OPERATOR_DESA:
        task(
            _("Usulan menunggu verifikasi"),
            s.get("proposed", 0),
            _url("people:list", "status=proposed"),
            "proposed",
            True,
        )
    if role in {Role.ADMIN_PROGRAM, Role.PETUGAS_BPJS, Role.SUPERADMIN}:
        task(
            _("Terverifikasi, siap dikirim ke BPJS"),
            s.get("verified", 0),
            _url("transfer:insurer"),
            "verified",
            True,
        )
        task(
            _("Dikirim ke BPJS, menunggu balasan"),
            s.get("submitted", 0),
            _url("transfer:insurer"),
            "submitted",
            True,
        )
    if role in {Role.ADMIN_PROGRAM, Role.PETUGAS_BPJS, Role.SUPERADMIN, Role.SPONSOR, Role.AUDITOR}:
        task(
            _("Peserta non-aktif (menunggak)"),
            s.get("non_active", 0),
            _url("people:list", "status=non_active"),
            "non_active",
        )
    if role == Role.AUDITOR:
        task(
            _("Akses ditolak (30 hari terakhir)"),
            summary.denied_recently,
            _url("audit", "action=access.denied"),
            "rejected",
            True,
        )

    return render(
        request,
        "core/home.html",
        {
            "programmes": _programme_quotas(request.user, scope),
            "scope": scope,
            "summary": summary,
            "tasks": tasks,
            "workers_url": workers,
            "upload_url": _url("transfer:upload") if scope.can("import.upload") else None,
            "create_url": _url("people:create") if scope.can("worker.edit") else None,
            "programme_create_url": _url("programmes:create") if scope.can("programme.manage") else None,
            "audit_url": _url("audit") if scope.can("audit.view") else None,
        },
    )


def _programme_quotas(user, scope) -> list[dict]:
    """Quota left in the active programmes: a village's own places for its operator, totals for the others."""
    from lindung.programmes.selectors import programme_quota_usage, programmes_visible_to

    if not scope.can("programme.view"):
        return []
    village = scope.region_code if scope.region_code.count(".") == 3 else None
    rows = []
    for p in programmes_visible_to(user).filter(is_active=True).order_by("-fiscal_year", "name")[:10]:
        if village:
            usage = programme_quota_usage(p, villages=[village])
            quota, used, left = (
                usage.quota_for(village),
                usage.used_by_village.get(village, 0),
                usage.remaining_for(village),
            )
        else:
            usage = programme_quota_usage(p)
            quota, used = p.total_quota, usage.total_used
            left = None if quota is None else max(quota - used, 0)
        rows.append(
            {
                "name": str(p),
                "url": reverse("programmes:detail", args=[p.pk]),
                "quota": quota,
                "used": used,
                "left": left,
            }
        )
    return rows


def _audit_events(request, form):
    scope = request.scope
    qs = AuditEvent.objects.filter(scope.q("region_code"))
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
    from .fields import within_region

    return within_region("region_code", code)


@capability_required("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    """Who saw or changed which record, and when; scoped by the region of the data touched."""
    actions = sorted(
        set(ACTION_LABELS) | set(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
    )
    form = AuditFilterForm(request.GET or None, actions=actions)
    events = _audit_events(request, form).select_related(None).order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for e in page:
        e.action_label = ACTION_LABELS.get(e.action, e.action)
    return render(request, "core/audit_list.html", {"form": form, "page": page})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
