"""Enrolments over JSON: the verification queue, eligibility, and bulk transitions.

Decisions go through ``billing.services.enrolments_change_status``: capability and region first (ids outside
the caller's region are refused as "not found", and the attempt is logged), then the payment rules for
active and non-active, then the set-based transition.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.views.decorators.cache import never_cache
from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.billing.services import enrolments_change_status
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.enrolment.eligibility import enrolment_eligibility
from lindung.enrolment.models import Status
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.selectors import nik_for_display, sees_full_identity, worker_for
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.codes import subtree_q

from ..permissions import require
from ..schemas import Code, PageNumber, RecordId, RecordIds, RegionCode, Text, answers

router = Router(tags=["enrolment"])
# Every answer here names people: no browser or proxy keeps a copy.
router.add_decorator(never_cache, mode="view")
PAGE_SIZE = 100


class EnrolmentRow(Schema):
    id: int
    worker_id: int
    nik: str
    full_name: str
    # The village code, null for roles that see the NIK masked (ADR 0007); the name is for everyone.
    village: str | None
    village_name: str
    programme: str
    status: str
    status_label: str
    kpj: str
    start_date: dt.date | None
    end_date: dt.date | None
    end_reason: str
    reason: str


class EnrolmentPage(Schema):
    count: int
    page: int
    pages: int
    items: list[EnrolmentRow]


class BulkIn(Schema):
    ids: RecordIds
    reason: Text = ""


class TransitionIn(BulkIn):
    to_status: Code
    end_reason: Code = ""
    end_date: dt.date | None = None


class Refusal(Schema):
    id: int
    reason: str


class TransitionOut(Schema):
    to_status: str
    moved: list[int]
    refused: list[Refusal]


class FindingOut(Schema):
    code: str
    severity: str
    field: str
    message: str
    basis: str = ""


@router.get("/", response=answers(EnrolmentPage, 403))
def list_enrolments(
    request, programme: Code = "", status: Code = "", region: RegionCode = "", page: PageNumber = 1
):
    """Enrolments in the caller's region, newest status change first; NIKs masked for roles that need not see them."""
    scope = require(request, "enrolment.review")
    qs = enrolments_visible_to(request.user).select_related("worker", "programme", "village")
    full_identity = sees_full_identity(request.user)
    if programme:
        qs = qs.filter(programme__code=programme)
    if status:
        qs = qs.filter(status=status)
    if region:
        if not scope.covers(region):
            raise HttpError(403, f"Wilayah {region} berada di luar wilayah akun Anda.")
        qs = qs.filter(subtree_q("village_id", region))
    paginator = Paginator(qs.order_by("-status_changed_at", "-id"), PAGE_SIZE)
    current = paginator.get_page(page)
    items = [
        {
            "id": e.pk,
            "worker_id": e.worker_id,
            "nik": nik_for_display(request.user, e.worker.nik),
            "full_name": e.worker.full_name,
            "village": e.village_id if full_identity else None,
            "village_name": e.village.name,
            "programme": e.programme.code,
            "status": e.status,
            "status_label": str(Status(e.status).label),
            "kpj": e.kpj,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "end_reason": e.end_reason,
            "reason": e.reason,
        }
        for e in current
    ]
    if items:
        audit_record(
            actor=request.user,
            action=AuditAction.ENROLMENT_LIST,
            object_type="enrolment",
            region_code=region or scope.region_code,
            summary=f"Melihat daftar kepesertaan ({len(items)} baris, API)",
            detail={
                "programme": programme,
                "status": status,
                "page": current.number,
                "workers": [i["worker_id"] for i in items],
            },
        )
    return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages, "items": items}


@router.get("/eligibility", response=answers(list[FindingOut], 403, 404))
def eligibility(request, worker: RecordId, programme: Code):
    """The findings of proposing a worker for a programme, before proposing."""
    require(request, "enrolment.propose")
    person = worker_for(request.user, worker, action=AuditAction.ENROLMENT_ELIGIBILITY)
    prog = programmes_visible_to(request.user).filter(code=programme).first()
    if prog is None:
        raise HttpError(404, f'Program "{programme}" tidak ditemukan di wilayah Anda.')
    return [f.to_dict() for f in enrolment_eligibility(person, prog)]


def _transition(request, *, ids: list[int], to_status: str, reason: str, **fields) -> dict:
    report = enrolments_change_status(
        actor=request.user, ids=ids, to_status=to_status, reason=reason, **fields
    )
    return report.to_dict()


@router.post("/verify", response=answers(TransitionOut, 400, 403))
def verify(request, body: BulkIn):
    """Verify many proposals at once; the ones that cannot be verified come back with the reason."""
    return _transition(request, ids=body.ids, to_status=Status.VERIFIED, reason=body.reason)


@router.post("/reject", response=answers(TransitionOut, 400, 403))
def reject(request, body: BulkIn):
    """Reject many proposals at once; the reason is required and is shown to the village operator."""
    return _transition(request, ids=body.ids, to_status=Status.REJECTED, reason=body.reason)


@router.post("/transition", response=answers(TransitionOut, 400, 403))
def transition(request, body: TransitionIn):
    """Any lifecycle step for many enrolments (submit, end, ...), checked against the transition table."""
    fields = {}
    if body.to_status == Status.ENDED:
        fields = {"end_reason": body.end_reason, "end_date": body.end_date}
    return _transition(request, ids=body.ids, to_status=body.to_status, reason=body.reason, **fields)
