"""Worker pages: list and search, detail (audited), register/correct with a live NIK check, propose.

They live in enrolment because every one of them shows or changes a person's memberships as well as the
person (docs/architecture.md). Queries start from ``people.selectors`` (region scope, sponsor filter,
logged 404s); writes go through ``people.services.worker_register``/``worker_update`` and the enrolment
services, which check the role and region themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lindung.accounts.access import AccessRefused
from lindung.accounts.decorators import capability_required
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.months import month_of
from lindung.people.findings import Finding
from lindung.people.models import Worker
from lindung.people.selectors import findings_for_display, sees_full_identity, worker_for, workers_search
from lindung.people.services import (
    NikCheckThrottled,
    WorkerRefused,
    worker_register,
    worker_update,
    worker_viewed,
    workers_shown,
)
from lindung.people.services import nik_check as nik_check_service
from lindung.programmes.selectors import programmes_for_region, programmes_visible_to
from lindung.regions.selectors import region_get, region_path

from ..models import Enrolment, EnrolmentEvent, Status
from ..selectors import workers_with_enrolment
from ..services import EnrolmentIneligible, EnrolmentRefused, enrolment_propose, enrolment_repropose
from ..worker_forms import ProposeForm, WorkerFilterForm, WorkerForm

PAGE_SIZE = 25


def _programmes(request):
    return programmes_visible_to(request.user)


def _open_programmes(request, village_code: str | None = None) -> list:
    """Programmes taking proposals for a village (or, without one, anywhere in the user's region).

    Only a shortlist for the form; whether this person may join is decided by ``enrolment_eligibility``.
    """
    qs = programmes_visible_to(request.user).filter(is_active=True)
    if village_code:
        qs = qs.filter(pk__in=programmes_for_region(village_code).values("pk"))
    this_month = month_of(timezone.localdate())
    return [p for p in qs.order_by("-fiscal_year", "name") if p.end_month >= this_month]


@never_cache
@capability_required("worker.view")
def worker_list(request: HttpRequest) -> HttpResponse:
    """GET shows the list with non-personal filters; POST (htmx or plain) also carries the search text."""
    scope = request.scope
    data = request.POST if request.method == "POST" else request.GET.copy()
    if request.method != "POST":
        data.pop("q", None)  # a name or NIK is personal data and never read from a URL
    form = WorkerFilterForm(data, programmes=_programmes(request), region_code=scope.region_code)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = workers_search(
        request.user,
        q=filters.get("q", ""),
        category=filters.get("category", ""),
        region_code=filters.get("region", ""),
        needs_review=filters.get("needs_review", False),
    )
    qs = workers_with_enrolment(qs, status=filters.get("status", ""), programme_id=filters.get("programme"))
    qs = qs.select_related("village").prefetch_related(
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("programme").order_by("-created_at"))
    )
    page = Paginator(qs.order_by("name_normalized", "pk"), PAGE_SIZE).get_page(data.get("page"))
    workers_shown(actor=request.user, worker_ids=[w.pk for w in page])
    context = {"form": form, "page": page, "can_edit": scope.can("worker.edit")}
    if request.headers.get("HX-Request") and request.method == "POST":
        return render(request, "enrolment/workers/_worker_rows.html", context)
    return render(request, "enrolment/workers/worker_list.html", context)


@never_cache
@capability_required("worker.view")
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for(request.user, pk)
    worker_viewed(actor=request.user, worker=worker)
    scope = request.scope
    enrolments = list(
        worker.enrolments.select_related("programme").prefetch_related(
            Prefetch("events", queryset=EnrolmentEvent.objects.order_by("at", "id"))
        )
    )
    changes = AuditEvent.objects.filter(
        object_type="worker",
        object_id=str(worker.pk),
        action__in=[AuditAction.WORKER_CREATE, AuditAction.WORKER_UPDATE],
    ).order_by("-at")[:20]
    propose_form = None
    if scope.can("enrolment.propose"):
        taken = {e.programme_id for e in enrolments}
        open_programmes = [p for p in _open_programmes(request, worker.village_id) if p.pk not in taken]
        if open_programmes:
            propose_form = ProposeForm(programmes=open_programmes)
    return render(
        request,
        "enrolment/workers/worker_detail.html",
        {
            "worker": worker,
            "path": region_path(worker.village),
            "findings": findings_for_display(request.user, worker.findings or []),
            "enrolments": enrolments,
            "changes": changes,
            "personal": scope.can("worker.personal"),
            "full_identity": sees_full_identity(request.user),
            "can_edit": scope.can("worker.edit"),
            "can_propose": scope.can("enrolment.propose"),
            "propose_form": propose_form,
            "can_audit": scope.can("audit.view"),
        },
    )


def _field_name(finding_field: str) -> str:
    return {"village": "village_code"}.get(finding_field, finding_field)


def _attach_findings(form, findings: list[Finding]) -> None:
    for f in findings:
        if not f.blocks:
            continue
        name = _field_name(f.field)
        form.add_error(name if name in form.fields else None, f.message)


def _save_worker(request, form, *, existing: Worker | None) -> Worker | None:
    """Save through the registry's use case, then propose if asked. Returns the worker or None."""
    data = form.service_data()
    try:
        if existing is None:
            result = worker_register(actor=request.user, data=data)
        else:
            result = worker_update(actor=request.user, worker=existing, data=data)
    except AccessRefused:
        form.add_error("village_code", _("Desa ini di luar wilayah Anda."))
        return None
    except WorkerRefused as exc:
        _attach_findings(form, exc.findings)
        return None
    worker = result.worker
    if result.created:
        messages.success(request, _("%(name)s tersimpan di registri.") % {"name": worker.full_name})
    elif result.changed_fields:
        messages.success(request, _("Data %(name)s diperbarui.") % {"name": worker.full_name})
    else:
        messages.info(request, _("Tidak ada perubahan data."))
    if result.findings and any(not f.blocks for f in result.findings):
        messages.warning(
            request,
            _("Tersimpan dengan %(n)s catatan untuk verifikator; lihat temuan di bawah.")
            % {"n": len([f for f in result.findings if not f.blocks])},
        )
    programme_id = form.cleaned_data.get("programme")
    if programme_id:
        _propose(request, worker, programme_id)
    return worker


def _propose(request, worker: Worker, programme_id: int, reason: str = "") -> bool:
    programme = next((p for p in _open_programmes(request, worker.village_id) if p.pk == programme_id), None)
    if programme is None:
        messages.error(request, _("Program ini tidak menerima usulan dari desa ini."))
        return False
    try:
        _enrolment, warnings = enrolment_propose(
            actor=request.user, worker=worker, programme=programme, reason=reason
        )
    except EnrolmentIneligible as exc:
        for f in exc.findings:
            if f.blocks:
                messages.error(request, f.message)
        return False
    except (EnrolmentRefused, AccessRefused) as exc:
        messages.error(request, str(exc))
        return False
    messages.success(
        request,
        _("%(name)s diusulkan ke %(programme)s.") % {"name": worker.full_name, "programme": programme},
    )
    for f in warnings:
        messages.warning(request, f.message)
    return True


@never_cache
@capability_required("worker.edit")
def worker_create(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    programmes = _open_programmes(request)
    form = WorkerForm(request.POST or None, region_code=scope.region_code, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        worker = _save_worker(request, form, existing=None)
        if worker is not None:
            return redirect("people:detail", pk=worker.pk)
    return render(request, "enrolment/workers/worker_form.html", {"form": form, "worker": None})


@never_cache
@capability_required("worker.edit")
def worker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for(request.user, pk, action=AuditAction.WORKER_UPDATE)
    if request.method != "POST":
        worker_viewed(actor=request.user, worker=worker, channel="formulir ubah")
    scope = request.scope
    initial = {
        f: getattr(worker, f)
        for f in [
            "nik", "full_name", "birth_place", "birth_date", "gender", "address", "rt", "rw", "kk_number",
            "email", "occupation_1", "occupation_2", "category", "wage_status", "fixed_income", "kpj",
            "poverty_evidence", "dtsen_decile", "poverty_note",
        ]
    }  # fmt: skip
    initial["village_code"] = worker.village_id
    initial["phone"] = worker.phone
    form = WorkerForm(
        request.POST or None, initial=initial, region_code=scope.region_code, programmes=(), editing=True
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_worker(request, form, existing=worker)
        if saved is not None:
            _repropose_rejected(request, saved)
            return redirect("people:detail", pk=saved.pk)
    return render(request, "enrolment/workers/worker_form.html", {"form": form, "worker": worker})


def _repropose_rejected(request, worker: Worker) -> None:
    """A rejected proposal whose data the operator has just corrected goes back to the verifier's queue."""
    if request.POST.get("repropose") != "1" or not request.scope.can("enrolment.propose"):
        return
    for enrolment in worker.enrolments.filter(status=Status.REJECTED).select_related("programme", "worker"):
        try:
            enrolment_repropose(actor=request.user, enrolment=enrolment, reason=_("Data diperbaiki"))
        except EnrolmentIneligible as exc:
            for f in exc.findings:
                if f.blocks:
                    messages.error(request, f"{enrolment.programme}: {f.message}")
        except (EnrolmentRefused, AccessRefused) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Diusulkan ulang ke %(programme)s.") % {"programme": enrolment.programme}
            )


@require_POST
@capability_required("enrolment.propose")
def worker_propose(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for(request.user, pk, action=AuditAction.ENROLMENT_PROPOSE)
    programmes = _open_programmes(request, worker.village_id)
    form = ProposeForm(request.POST, programmes=programmes)
    if form.is_valid():
        _propose(request, worker, form.cleaned_data["programme"], form.cleaned_data["reason"])
    else:
        messages.error(request, _("Pilih program yang menerima usulan."))
    return redirect("people:detail", pk=worker.pk)


@never_cache
@require_POST
@capability_required("worker.edit")
def nik_check(request: HttpRequest) -> HttpResponse:
    """htmx partial for the worker form: what the NIK says, and any finding, before anything is saved.

    POST only, so that the NIK being typed never appears in a URL or an access log. Whether the NIK is
    registered is said only as "in your region" (with a link) or "outside it", never where; each whole-NIK
    check is audited and counted against the account's limit (``people.services.nik_check``).
    """
    raw = (request.POST.get("nik") or "").strip()
    context: dict = {"raw": raw}
    if not raw:
        return render(request, "enrolment/workers/_nik_check.html", context)
    form = WorkerForm(request.POST, region_code=request.scope.region_code)
    form.is_valid()
    try:
        result = nik_check_service(actor=request.user, raw=raw, data=form.cleaned_data)
    except NikCheckThrottled:
        context["throttled_minutes"] = NikCheckThrottled.retry_after // 60
        return render(request, "enrolment/workers/_nik_check.html", context)
    reading = result.reading
    compact = "".join(ch for ch in raw if ch.isdigit())
    context |= {"reading": reading, "typed_digits": len(compact)}
    if reading.digits is None:
        # Still typing: only speak up once something is clearly wrong (letters, too many digits).
        context["findings"] = [f for f in result.findings if f.code != "nik_length" or len(compact) > 16]
        return render(request, "enrolment/workers/_nik_check.html", context)
    district = region_get(reading.district_code) if reading.district_code else None
    context["district_path"] = region_path(district) if district else []
    context["findings"] = result.findings
    if result.registered == "here" and str(result.worker_id) != request.POST.get("worker_pk"):
        context["existing_url"] = reverse("people:detail", args=[result.worker_id])
    context["existing_elsewhere"] = result.registered == "elsewhere"
    return render(request, "enrolment/workers/_nik_check.html", context)
