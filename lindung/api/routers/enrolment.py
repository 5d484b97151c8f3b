"""Enrolments over JSON: the verification queue, eligibility, proposals, and bulk transitions.

A proposal (``POST /propose``) goes through ``enrolment.services.enrolment_propose``, as the worker page's
"Usulkan" button does: capability and region, then eligibility (quota, budget, age, category, double
funding), each refusal answered with the reason's code so that the offline outbox can explain it.

Decisions go through ``billing.services.enrolments_change_status``: capability and region first (ids outside
the caller's region are refused as "not found", and the attempt is logged), then the payment rules for
active and non-active, then the set-based transition.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.views.decorators.cache import never_cache
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from lindung.billing.services import enrolments_change_status
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.enrolment.eligibility import enrolment_eligibility
from lindung.enrolment.models import Status as EnrolmentStatus
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.enrolment.services import EnrolmentIneligible, enrolment_propose
from lindung.people.selectors import nik_for_display, sees_full_identity, worker_for
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.codes import subtree_q

from ..permissions import require
from ..schemas import (
    Code,
    FindingOut,
    PageNumber,
    RecordId,
    RecordIds,
    RefusalFindingOut,
    RegionCode,
    Text,
    answers,
)

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
            "status_label": str(EnrolmentStatus(e.status).label),
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


class ProposeIn(Schema):
    worker: RecordId
    # The programme by its code or by its id: one of the two.
    programme: Code = ""
    programme_id: RecordId | None = None
    reason: Text = ""


class ProposeOut(Schema):
    id: int
    worker_id: int
    programme: str
    status: str
    status_label: str
    warnings: list[FindingOut]


class ProposeRefusedOut(Schema):
    """A proposal refused by what happened on the server meanwhile: ``code`` is quota_full or already_proposed."""

    detail: str
    code: str = Field(description="quota_full atau already_proposed.")
    findings: list[RefusalFindingOut]


# Refusals that come from what happened on the server meanwhile (a 409), not from the person's data (a 422).
QUOTA_FULL = {"village_quota_full", "total_quota_full", "budget_ceiling_exceeded"}
ALREADY_PROPOSED = {"already_in_programme", "double_funding"}
REFUSAL_HEADS = {
    "quota_full": "Kuota penuh",
    "already_proposed": "Sudah diusulkan",
    "not_eligible": "Tidak memenuhi syarat",
}


def _refusal(exc: EnrolmentIneligible) -> Status:
    blocking = [f for f in exc.findings if f.blocks]
    codes = {f.code for f in blocking}
    code = (
        "quota_full"
        if codes & QUOTA_FULL
        else "already_proposed"
        if codes & ALREADY_PROPOSED
        else "not_eligible"
    )
    detail = f"{REFUSAL_HEADS[code]}: " + " ".join(f.message for f in blocking)
    body = {"detail": detail, "findings": [f.to_dict() for f in exc.findings]}
    if code == "not_eligible":
        return Status(422, body)  # the API's one 422 schema: the reason is in ``detail`` and ``findings``
    return Status(409, body | {"code": code})


@router.post(
    "/propose",
    response=answers(ProposeOut, 400, 403, 404, ok_status=201) | {409: ProposeRefusedOut},
)
def propose(request, body: ProposeIn):
    """Propose one worker for a programme, with the checks of the worker page (region, quota, eligibility).

    A full quota or budget, or a person already in this (or an overlapping) programme, is a 409 naming the
    reason in ``code`` (quota_full, already_proposed) and ``detail``; any other blocking finding is a 422
    whose ``detail`` starts "Tidak memenuhi syarat". Both list every finding.
    """
    require(request, "enrolment.propose")
    if bool(body.programme) == (body.programme_id is not None):
        raise HttpError(400, "Sebutkan program dengan kodenya (programme) atau nomornya (programme_id).")
    person = worker_for(request.user, body.worker, action=AuditAction.ENROLMENT_PROPOSE)
    programmes = programmes_visible_to(request.user)
    if body.programme_id is not None:
        prog = programmes.filter(pk=body.programme_id).first()
    else:
        prog = programmes.filter(code=body.programme).first()
    if prog is None:
        raise HttpError(
            404, f'Program "{body.programme or body.programme_id}" tidak ditemukan di wilayah Anda.'
        )
    try:
        enrolment, warnings = enrolment_propose(
            actor=request.user, worker=person, programme=prog, reason=body.reason
        )
    except EnrolmentIneligible as exc:
        return _refusal(exc)
    return Status(
        201,
        {
            "id": enrolment.pk,
            "worker_id": person.pk,
            "programme": prog.code,
            "status": enrolment.status,
            "status_label": str(EnrolmentStatus(enrolment.status).label),
            "warnings": [f.to_dict() for f in warnings],
        },
    )


def _transition(request, *, ids: list[int], to_status: str, reason: str, **fields) -> dict:
    report = enrolments_change_status(
        actor=request.user, ids=ids, to_status=to_status, reason=reason, **fields
    )
    return report.to_dict()


@router.post("/verify", response=answers(TransitionOut, 400, 403))
def verify(request, body: BulkIn):
    """Verify many proposals at once; the ones that cannot be verified come back with the reason."""
    return _transition(request, ids=body.ids, to_status=EnrolmentStatus.VERIFIED, reason=body.reason)


@router.post("/reject", response=answers(TransitionOut, 400, 403))
def reject(request, body: BulkIn):
    """Reject many proposals at once; the reason is required and is shown to the village operator."""
    return _transition(request, ids=body.ids, to_status=EnrolmentStatus.REJECTED, reason=body.reason)


@router.post("/transition", response=answers(TransitionOut, 400, 403))
def transition(request, body: TransitionIn):
    """Any lifecycle step for many enrolments (submit, end, ...), checked against the transition table."""
    fields = {}
    if body.to_status == EnrolmentStatus.ENDED:
        fields = {"end_reason": body.end_reason, "end_date": body.end_date}
    return _transition(request, ids=body.ids, to_status=body.to_status, reason=body.reason, **fields)
