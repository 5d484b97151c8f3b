"""The worker registry over JSON. Same selectors and services as the pages: region scope, masked NIKs,
audited views, logged 404s.

A NIK or a name is never read from a URL: searching by either is ``POST /people/search``.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from ninja import Router, Schema, Status

from lindung.core.audit import AuditAction
from lindung.enrolment.models import Enrolment
from lindung.enrolment.selectors import workers_with_enrolment
from lindung.people.models import Worker
from lindung.people.selectors import (
    findings_for_display,
    nik_for_display,
    sees_full_identity,
    worker_for,
    workers_search,
)
from lindung.people.services import (
    NikCheckThrottled,
    WorkerRefused,
    nik_check,
    worker_register,
    worker_update,
    worker_viewed,
    workers_shown,
)

from ..permissions import require
from ..schemas import Code, FindingOut, PageNumber, RecordId, RegionCode, Rupiah, Text, answers

router = Router(tags=["people"])
# Every answer here carries personal data: no browser or proxy keeps a copy.
router.add_decorator(never_cache, mode="view")
PAGE_SIZE = 50


class EnrolmentOut(Schema):
    id: int
    programme: str
    status: str
    kpj: str
    start_date: dt.date | None


class WorkerRow(Schema):
    id: int
    nik: str
    full_name: str
    # Null for roles that see the NIK masked: with the birth date it would rebuild the NIK (ADR 0007).
    village_code: str | None
    village_name: str
    category: str
    needs_review: bool
    enrolments: list[EnrolmentOut]


class WorkerPage(Schema):
    count: int
    page: int
    pages: int
    items: list[WorkerRow]


class WorkerDetail(WorkerRow):
    birth_date: dt.date | None
    birth_year: int
    gender: str | None
    kk_number: str | None
    address: str | None
    phone: str | None
    email: str | None
    occupation_1: str
    occupation_2: str
    wage_status: str
    fixed_income: int | None
    kpj: str
    findings: list[FindingOut]


class SearchIn(Schema):
    q: Text = ""
    status: Code = ""
    category: Code = ""
    programme: RecordId | None = None
    region: RegionCode = ""
    needs_review: bool = False
    page: PageNumber = 1


class WorkerIn(Schema):
    nik: Text
    full_name: Text
    birth_date: dt.date | None = None
    gender: Text = ""
    village_code: Text
    birth_place: Text = ""
    address: Text = ""
    rt: Text = ""
    rw: Text = ""
    kk_number: Text = ""
    phone: Text = ""
    email: Text = ""
    occupation_1: Text = ""
    occupation_2: Text = ""
    category: Text = ""
    wage_status: Text = "BPU"
    fixed_income: Rupiah | None = None
    kpj: Text = ""


class SaveOut(Schema):
    id: int
    created: bool
    changed_fields: list[str]
    findings: list[FindingOut]


class RefusedOut(Schema):
    detail: str
    findings: list[FindingOut]


class NikCheckIn(Schema):
    nik: Text
    birth_date: dt.date | None = None
    gender: Text = ""
    village_code: Text = ""


class NikCheckOut(Schema):
    valid: bool
    birth_date: dt.date | None
    gender: str | None
    district_code: str | None
    registered: bool
    # Whether the person is in the caller's region; never where else (null when not registered).
    in_your_region: bool | None
    worker_id: int | None
    message: str
    findings: list[FindingOut]


class ThrottledOut(Schema):
    detail: str
    code: str
    retry_after: int


def _row(request, w: Worker) -> dict:
    return {
        "id": w.pk,
        "nik": nik_for_display(request.user, w.nik),
        "full_name": w.full_name,
        "village_code": w.village_id if sees_full_identity(request.user) else None,
        "village_name": w.village.name,
        "category": w.category,
        "needs_review": w.needs_review,
        "enrolments": [
            {
                "id": e.pk,
                "programme": e.programme.code,
                "status": e.status,
                "kpj": e.kpj,
                "start_date": e.start_date,
            }
            for e in w.enrolments.all()
        ],
    }


def _page(request, qs, page: int, channel: str) -> dict:
    qs = qs.select_related("village").prefetch_related(
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("programme").order_by("-created_at"))
    )
    paginator = Paginator(qs.order_by("name_normalized", "pk"), PAGE_SIZE)
    current = paginator.get_page(page)
    workers_shown(actor=request.user, worker_ids=[w.pk for w in current], channel=channel)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [_row(request, w) for w in current],
    }


@router.get("/", response=answers(WorkerPage, 403))
def list_workers(
    request,
    status: Code = "",
    category: Code = "",
    programme: RecordId | None = None,
    region: RegionCode = "",
    needs_review: bool = False,
    page: PageNumber = 1,
):
    """Workers in the caller's region, filtered by things that are not personal data."""
    require(request, "worker.view")
    qs = workers_search(request.user, category=category, region_code=region, needs_review=needs_review)
    qs = workers_with_enrolment(qs, status=status, programme_id=programme)
    return _page(request, qs, page, "API")


@router.post("/search", response=answers(WorkerPage, 400, 403))
def search_workers(request, body: SearchIn):
    """Search by NIK, KPJ or name (in the body, never the URL). Masked roles need the whole NIK."""
    require(request, "worker.view")
    qs = workers_search(
        request.user,
        q=body.q,
        category=body.category,
        region_code=body.region,
        needs_review=body.needs_review,
    )
    qs = workers_with_enrolment(qs, status=body.status, programme_id=body.programme)
    return _page(request, qs, body.page, "API, pencarian")


def _detail(request, worker: Worker) -> dict:
    personal = request.scope.can("worker.personal")
    return _row(request, worker) | {
        "birth_date": worker.birth_date if sees_full_identity(request.user) else None,
        "birth_year": worker.birth_date.year,
        "gender": worker.gender if personal else None,
        "kk_number": nik_for_display(request.user, worker.kk_number)
        if personal and worker.kk_number
        else None,
        "address": worker.address if personal else None,
        "phone": worker.phone if personal else None,
        "email": worker.email if personal else None,
        "occupation_1": worker.occupation_1,
        "occupation_2": worker.occupation_2,
        "wage_status": worker.wage_status,
        "fixed_income": worker.fixed_income,
        "kpj": worker.kpj,
        "findings": findings_for_display(request.user, worker.findings or []),
    }


@router.get("/{int:worker_id}", response=answers(WorkerDetail, 403, 404))
def get_worker(request, worker_id: RecordId):
    """One worker; outside the caller's region it is a 404, and the attempt is logged."""
    require(request, "worker.view")
    worker = worker_for(request.user, worker_id)
    worker_viewed(actor=request.user, worker=worker, channel="API")
    worker = (
        Worker.objects.select_related("village").prefetch_related("enrolments__programme").get(pk=worker.pk)
    )
    return _detail(request, worker)


# A NIK already registered is a conflict with an existing record, not a mistake in the data sent.
CONFLICTS = {"nik_registered_here", "nik_registered_elsewhere"}


def _saved(save, **kwargs):
    """Call a registry use case and answer as the schema says: 201/200, 409 for a NIK already registered,
    or 422 with every finding."""
    try:
        result = save(**kwargs)
    except WorkerRefused as exc:
        status = 409 if CONFLICTS & {f.code for f in exc.findings} else 422
        return Status(status, {"detail": str(exc), "findings": [f.to_dict() for f in exc.findings]})
    return Status(
        201 if result.created else 200,
        {
            "id": result.worker.pk,
            "created": result.created,
            "changed_fields": result.changed_fields,
            "findings": [f.to_dict() for f in result.findings],
        },
    )


# A 422 of blocking findings has the same body as any other 422 (UnprocessableOut), with ``findings`` set.
@router.post("/", response=answers(SaveOut, 400, 403, 409, ok_status=201) | {200: SaveOut, 409: RefusedOut})
def create_worker(request, body: WorkerIn):
    """Register a person (operator desa, superadmin). Blocking findings answer 422 with every finding."""
    require(request, "worker.edit")
    return _saved(worker_register, actor=request.user, data=body.dict())


@router.put("/{int:worker_id}", response=answers(SaveOut, 400, 403, 404) | {409: RefusedOut})
def update_worker(request, worker_id: RecordId, body: WorkerIn):
    """Correct a person's data. The NIK of an existing person does not change."""
    require(request, "worker.edit")
    worker = worker_for(request.user, worker_id, action=AuditAction.WORKER_UPDATE)
    return _saved(worker_update, actor=request.user, worker=worker, data=body.dict())


def _registered_message(registered: str) -> str:
    if registered == "here":
        return _("NIK ini sudah terdaftar di wilayah Anda.")
    if registered == "elsewhere":
        return _("NIK ini sudah terdaftar di luar wilayah Anda. Verifikator Anda dapat menyelesaikannya.")
    return ""


@router.post("/check-nik", response=answers(NikCheckOut, 400, 403) | {429: ThrottledOut})
def check_nik(request, body: NikCheckIn):
    """What a NIK says (birth date, sex, issuing kecamatan), its findings, and whether it is registered in
    the caller's region or outside it (never where). Audited; past the account's limit it is a 429."""
    require(request, "worker.edit")
    try:
        result = nik_check(actor=request.user, raw=body.nik, data=body.dict())
    except NikCheckThrottled as exc:
        minutes = exc.retry_after // 60
        return Status(
            429,
            {
                "detail": _("Terlalu banyak pemeriksaan NIK. Coba lagi dalam %(n)s menit.") % {"n": minutes},
                "code": "nik_check_rate_limited",
                "retry_after": exc.retry_after,
            },
        )
    reading = result.reading
    return {
        "valid": reading.valid,
        "birth_date": reading.birth_date,
        "gender": reading.gender,
        "district_code": reading.district_code,
        "registered": bool(result.registered),
        "in_your_region": result.registered == "here" if result.registered else None,
        "worker_id": result.worker_id,
        "message": _registered_message(result.registered),
        "findings": [f.to_dict() for f in result.findings],
    }
