"""The worker registry over JSON. Same selectors and services as the pages: region scope, masked NIKs,
audited views, logged 404s.

A NIK or a name is never read from a URL: searching by either is ``POST /people/search``.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Prefetch
from ninja import Router, Schema, Status

from lindung.core.audit import AuditAction
from lindung.enrolment.models import Enrolment
from lindung.enrolment.selectors import workers_with_enrolment
from lindung.people.checks import read_nik
from lindung.people.models import Worker
from lindung.people.selectors import nik_for_display, worker_for, workers_search
from lindung.people.services import (
    WorkerRefused,
    worker_check,
    worker_register,
    worker_update,
    worker_viewed,
)
from lindung.regions.selectors import region_known_codes

from ..permissions import require

router = Router(tags=["people"])
PAGE_SIZE = 50


class FindingOut(Schema):
    code: str
    severity: str
    field: str
    message: str
    basis: str = ""


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
    village_code: str
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
    gender: str
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
    q: str = ""
    status: str = ""
    category: str = ""
    programme: int | None = None
    region: str = ""
    needs_review: bool = False
    page: int = 1


class WorkerIn(Schema):
    nik: str
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    village_code: str
    birth_place: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    kk_number: str = ""
    phone: str = ""
    email: str = ""
    occupation_1: str = ""
    occupation_2: str = ""
    category: str = ""
    wage_status: str = "BPU"
    fixed_income: int | None = None
    kpj: str = ""


class SaveOut(Schema):
    id: int
    created: bool
    changed_fields: list[str]
    findings: list[FindingOut]


class RefusedOut(Schema):
    detail: str
    findings: list[FindingOut]


class NikCheckIn(Schema):
    nik: str
    birth_date: dt.date | None = None
    gender: str = ""
    village_code: str = ""


class NikCheckOut(Schema):
    valid: bool
    birth_date: dt.date | None
    gender: str | None
    district_code: str | None
    registered: bool
    findings: list[FindingOut]


def _row(request, w: Worker) -> dict:
    return {
        "id": w.pk,
        "nik": nik_for_display(request.user, w.nik),
        "full_name": w.full_name,
        "village_code": w.village_id,
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


def _page(request, qs, page: int) -> dict:
    qs = qs.select_related("village").prefetch_related(
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("programme").order_by("-created_at"))
    )
    paginator = Paginator(qs.order_by("name_normalized", "pk"), PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [_row(request, w) for w in current],
    }


@router.get("/", response=WorkerPage)
def list_workers(
    request,
    status: str = "",
    category: str = "",
    programme: int | None = None,
    region: str = "",
    needs_review: bool = False,
    page: int = 1,
):
    """Workers in the caller's region, filtered by things that are not personal data."""
    require(request, "worker.view")
    qs = workers_search(request.user, category=category, region_code=region, needs_review=needs_review)
    qs = workers_with_enrolment(qs, status=status, programme_id=programme)
    return _page(request, qs, page)


@router.post("/search", response=WorkerPage)
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
    return _page(request, qs, body.page)


def _detail(request, worker: Worker) -> dict:
    personal = request.scope.can("worker.personal")
    return _row(request, worker) | {
        "birth_date": worker.birth_date if personal else None,
        "birth_year": worker.birth_date.year,
        "gender": worker.gender,
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
        "findings": worker.findings or [],
    }


@router.get("/{int:worker_id}", response=WorkerDetail)
def get_worker(request, worker_id: int):
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


@router.post("/", response={200: SaveOut, 201: SaveOut, 409: RefusedOut, 422: RefusedOut})
def create_worker(request, body: WorkerIn):
    """Register a person (operator desa, superadmin). Blocking findings answer 422 with every finding."""
    require(request, "worker.edit")
    return _saved(worker_register, actor=request.user, data=body.dict())


@router.put("/{int:worker_id}", response={200: SaveOut, 422: RefusedOut})
def update_worker(request, worker_id: int, body: WorkerIn):
    """Correct a person's data. The NIK of an existing person does not change."""
    require(request, "worker.edit")
    worker = worker_for(request.user, worker_id, action=AuditAction.WORKER_UPDATE)
    return _saved(worker_update, actor=request.user, worker=worker, data=body.dict())


@router.post("/check-nik", response=NikCheckOut)
def check_nik(request, body: NikCheckIn):
    """What a NIK says (birth date, sex, issuing kecamatan) and its findings, without saving anything."""
    require(request, "worker.edit")
    reading = read_nik(body.nik, known_regions=region_known_codes)
    findings = reading.findings
    if reading.digits:
        data = {k: v for k, v in body.dict().items() if v}
        findings = [
            f for f in worker_check(data).findings if f.field in {"nik", "birth_date", "gender", "village"}
        ]
        if not body.village_code:
            findings = [f for f in findings if f.code != "village_required"]
    return {
        "valid": reading.valid,
        "birth_date": reading.birth_date,
        "gender": reading.gender,
        "district_code": reading.district_code,
        "registered": bool(reading.digits and Worker.objects.filter(nik=reading.digits).exists()),
        "findings": [f.to_dict() for f in findings],
    }
