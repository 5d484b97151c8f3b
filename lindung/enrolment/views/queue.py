"""The verification queue: filter proposals, tick many, approve or reject them with a reason.

Decisions go through ``enrolment.services.enrolments_decide``, which checks the role and region of every
ticked id (refusing and recording the foreign ones) before the set-based transition.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from lindung.accounts.decorators import capability_required
from lindung.core.audit import AuditAction
from lindung.people.findings import finding
from lindung.people.selectors import findings_for_display
from lindung.people.services import workers_shown
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.codes import subtree_q
from lindung.regions.forms import region_filter_choices
from lindung.registry.selectors import decile_limit, latest_decile

from ..forms import DecisionForm, QueueFilterForm
from ..models import Enrolment, Status
from ..selectors import enrolments_visible_to
from ..services import enrolments_decide

PAGE_SIZE = 50
TARGET = {"verify": Status.VERIFIED, "reject": Status.REJECTED}


def _queue(request, form: QueueFilterForm):
    qs = enrolments_visible_to(request.user)
    d = form.cleaned_data if form.is_valid() else {}
    qs = qs.filter(status=d.get("status") or Status.PROPOSED)
    if d.get("programme"):
        qs = qs.filter(programme_id=d["programme"])
    region = d.get("region")
    if region and request.scope.covers(region):
        qs = qs.filter(subtree_q("village_id", region))
    if d.get("findings") == "with":
        qs = qs.filter(Q(worker__needs_review=True) | ~Q(worker__kpj=""))
    elif d.get("findings") == "without":
        qs = qs.filter(worker__needs_review=False, worker__kpj="")
    qs = _by_decile(qs, d).select_related("worker", "programme", "village", "proposed_by")
    if d.get("sort") in ("decile", "-decile"):
        decile = F("registry_decile")
        first = decile.asc(nulls_last=True) if d["sort"] == "decile" else decile.desc(nulls_last=True)
        return qs.order_by(first, "status_changed_at", "id")
    return qs.order_by("status_changed_at", "id")


def _by_decile(qs, d: dict):
    """The decile of each person's latest social-registry match and the programme's decile rule in force."""
    qs = qs.annotate(registry_decile=latest_decile("worker_id"), decile_limit=decile_limit("programme_id"))
    if d.get("max_decile"):
        qs = qs.filter(registry_decile__lte=d["max_decile"])
    if d.get("decile_rule") == "meets":
        qs = qs.filter(Q(decile_limit__isnull=True) | Q(registry_decile__lte=F("decile_limit")))
    elif d.get("decile_rule") == "fails":
        qs = qs.filter(decile_limit__isnull=False).filter(
            Q(registry_decile__isnull=True) | Q(registry_decile__gt=F("decile_limit"))
        )
    return qs


def _row_findings(user, enrolment: Enrolment) -> list[dict]:
    """What the verifier should look at: the registry's stored warnings, and a KPJ the person already has."""
    found = list(enrolment.worker.findings or [])
    if enrolment.worker.kpj:
        found.append(finding("already_has_kpj", value=enrolment.worker.kpj).to_dict())
    return findings_for_display(user, found)


@never_cache
@capability_required("enrolment.review")
def queue(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    if request.method == "POST":
        return _decide(request)
    form = QueueFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        region_choices=region_filter_choices(scope.region_code),
    )
    page = Paginator(_queue(request, form), PAGE_SIZE).get_page(request.GET.get("page"))
    workers_shown(
        actor=request.user, worker_ids=[e.worker_id for e in page], action=AuditAction.ENROLMENT_QUEUE
    )
    for e in page:
        e.row_findings = _row_findings(request.user, e)
    status = (form.cleaned_data.get("status") if form.is_valid() else "") or Status.PROPOSED
    return render(
        request,
        "enrolment/queue.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "can_decide": scope.can("enrolment.verify") and status in (Status.PROPOSED, Status.VERIFIED),
            "decision": DecisionForm(),
        },
    )


def _decide(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next") or request.path
    # Only a path on this site: "//evil.example/" is a URL on another host.
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        back = request.path
    form = DecisionForm(request.POST)
    posted = [int(i) for i in request.POST.getlist("enrolment") if i.isdigit()]
    if not posted:
        messages.error(request, _("Pilih paling sedikit satu orang."))
        return redirect(back)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    action = form.cleaned_data["action"]
    report = enrolments_decide(
        actor=request.user, ids=posted, to_status=TARGET[action], reason=form.cleaned_data["reason"].strip()
    )
    if report.moved:
        n = len(report.moved)
        text = (
            ngettext("%(n)s orang disetujui.", "%(n)s orang disetujui.", n)
            if action == "verify"
            else ngettext("%(n)s orang ditolak.", "%(n)s orang ditolak.", n)
        )
        messages.success(request, text % {"n": n})
    for reason in report.refused.values():
        messages.error(request, reason)
    return redirect(back)
