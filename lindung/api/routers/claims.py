"""Claims over JSON: the same services and selectors as the pages and the CLI (``claims``).

Claims are sensitive personal data: every read is audited (CLAIM_LIST, CLAIM_VIEW, CLAIM_LETTER), a case
outside the caller's region answers 404, a refused input a named 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lindung.accounts.access import AccessRefused
from lindung.claims.letter import claim_letter_pdf
from lindung.claims.models import Claim
from lindung.claims.selectors import claim_view_audit, claim_visible, claims_filtered, claims_list_audit
from lindung.claims.services import (
    ClaimRefused,
    claim_document_tick,
    claim_heir_add,
    claim_report,
    claim_status_change,
)
from lindung.people.selectors import nik_for_display
from lindung.transfer.claims_exchange import claims_decisions_upload_file
from lindung.transfer.claims_exchange_export import claims_export_xlsx
from lindung.transfer.reading import ImportRefused

from ..permissions import require
from ..schemas import Code, PageNumber, RecordId, RegionCode, Rupiah, Text, answers

router = Router(tags=["claims"])
router.add_decorator(never_cache, mode="view")
PER_PAGE = 50

Day = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]
NikText = Annotated[str, Field(max_length=32, pattern=r"^[0-9 .\-]*$")]
Name = Annotated[str, Field(max_length=150, pattern=r"^[^\x00]*$")]
Place = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]
Story = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
Phone = Annotated[str, Field(max_length=20, pattern=r"^[^\x00]*$")]


class ClaimOut(Schema):
    id: int
    kind: str
    benefit: str
    status: str
    full_name: str
    nik: str
    village_code: str
    event_date: dt.date
    covered: bool
    programme: str
    expected_amount: int | None
    paid_amount: int | None
    paid_on: dt.date | None
    amount_differs: bool
    refused_reason: str


class ClaimPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ClaimOut]


class AnswerOut(Schema):
    question: str
    yes: bool | None
    text: str
    basis: str


class BenefitLineOut(Schema):
    label: str
    amount: int | None
    text: str
    basis: str


class HeirOut(Schema):
    id: int
    full_name: str
    relationship: str
    school_level: str


class DocumentOut(Schema):
    code: str
    label: str
    required: bool
    ticked_at: dt.datetime | None
    ticked_by: str


class ReminderOut(Schema):
    kind: str
    due_on: dt.date
    basis: str
    done: bool
    overdue_since: dt.date | None


class ClaimDetailOut(ClaimOut):
    place: str
    account: str
    entitlement: list[AnswerOut]
    outcomes: list[str]
    benefits: list[BenefitLineOut]
    heirs: list[HeirOut]
    documents: list[DocumentOut]
    reminders: list[ReminderOut]


class ReportIn(Schema):
    kind: Code
    event_date: Day
    place: Place
    account: Story
    nik: NikText = ""
    full_name: Name = ""
    village: RegionCode = ""
    work_related: bool = False
    traffic: bool = False
    total_disability: bool = False


class ReportOut(Schema):
    created: bool
    messages: list[str]
    claim: ClaimOut


class HeirIn(Schema):
    full_name: Name
    relationship: Code = ""
    nik: NikText = ""
    birth_date: Day | None = None
    school_level: Code = ""
    phone: Phone = ""


class TickIn(Schema):
    ticked: bool = True


class StatusIn(Schema):
    status: Code
    amount: Rupiah | None = None
    paid_on: Day | None = None
    reason: Text = ""


class StatusOut(Schema):
    note: str
    claim: ClaimOut


def _out(request, claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "kind": claim.kind,
        "benefit": claim.benefit,
        "status": claim.status,
        "full_name": claim.full_name,
        "nik": nik_for_display(request.user, claim.nik) if claim.nik else "",
        "village_code": claim.village_id,
        "event_date": claim.event_date,
        "covered": claim.covered,
        "programme": claim.programme.code if claim.programme_id and claim.programme else "",
        "expected_amount": claim.expected_amount,
        "paid_amount": claim.paid_amount,
        "paid_on": claim.paid_on,
        "amount_differs": claim.amount_differs,
        "refused_reason": claim.refused_reason,
    }


def _detail(request, claim: Claim) -> dict:
    return _out(request, claim) | {
        "place": claim.place,
        "account": claim.account,
        "entitlement": claim.entitlement,
        "outcomes": claim.outcomes,
        "benefits": claim.benefits,
        "heirs": [
            {
                "id": h.pk,
                "full_name": h.full_name,
                "relationship": h.relationship,
                "school_level": h.school_level,
            }
            for h in claim.heirs.all()
        ],
        "documents": [
            {
                "code": d.code,
                "label": d.label,
                "required": d.required,
                "ticked_at": d.ticked_at,
                "ticked_by": d.ticked_by_label,
            }
            for d in claim.documents.all()
        ],
        "reminders": [
            {
                "kind": r.kind,
                "due_on": r.due_on,
                "basis": r.basis,
                "done": r.done_at is not None,
                "overdue_since": r.overdue_since,
            }
            for r in claim.reminders.all()
        ],
    }


def _claim(request, claim_id: int) -> Claim:
    claim = claim_visible(request.user, claim_id)
    if claim is None:
        raise HttpError(404, f"Klaim #{claim_id} tidak ditemukan di wilayah Anda.")
    return claim


def _refused(exc: ClaimRefused):
    raise HttpError(400, str(exc)) from exc


def _access(exc: AccessRefused):
    raise HttpError(404 if exc.outside_scope else 403, exc.message) from exc


@router.get("", response=answers(ClaimPageOut, 403))
def list_claims(request, status: Code = "", kind: Code = "", page: PageNumber = 1):
    """Claims in the caller's region, newest event first, 50 a page; audited as one read naming the cases."""
    require(request, "claim.view")
    claims = claims_filtered(request.user, status=status, kind=kind)
    count = claims.count()
    items = list(claims[(page - 1) * PER_PAGE : page * PER_PAGE]) if page <= count // PER_PAGE + 1 else []
    claims_list_audit(request.user, items, channel="API")
    return {
        "count": count,
        "page": page,
        "pages": -(-count // PER_PAGE),
        "items": [_out(request, c) for c in items],
    }


@router.post("", response=answers(ReportOut, 400, 403, 404, ok_status=201) | {200: ReportOut})
def report_claim(request, body: ReportIn):
    """Report an accident, a disease or a death (201); the same death reported again joins the first case (200)."""
    require(request, "claim.report")
    try:
        result = claim_report(
            actor=request.user,
            kind=body.kind,
            event_date=body.event_date,
            place=body.place,
            account=body.account,
            nik=body.nik,
            full_name=body.full_name,
            village_code=body.village,
            work_related=body.work_related,
            traffic=body.traffic,
            total_disability=body.total_disability,
        )
    except AccessRefused as exc:
        _access(exc)
    except ClaimRefused as exc:
        _refused(exc)
    payload = {"created": result.created, "messages": result.messages, "claim": _out(request, result.claim)}
    return Status(201 if result.created else 200, payload)


@router.get("/{int:claim_id}", response=answers(ClaimDetailOut, 403, 404))
def claim_detail(request, claim_id: RecordId):
    """The case file: entitlement on the event date, benefits, heirs, documents, deadlines (an audited read)."""
    require(request, "claim.view")
    claim = _claim(request, claim_id)
    claim_view_audit(request.user, claim, channel="API")
    return _detail(request, claim)


@router.post("/{int:claim_id}/heirs", response=answers(HeirOut, 400, 403, 404, ok_status=201))
def add_heir(request, claim_id: RecordId, body: HeirIn):
    """Add an heir; the relationship is required (a named 400 without it)."""
    require(request, "claim.manage")
    claim = _claim(request, claim_id)
    try:
        heir = claim_heir_add(
            actor=request.user,
            claim=claim,
            full_name=body.full_name,
            relationship=body.relationship,
            nik=body.nik,
            birth_date=body.birth_date,
            school_level=body.school_level,
            phone=body.phone,
        )
    except AccessRefused as exc:
        _access(exc)
    except ClaimRefused as exc:
        _refused(exc)
    out = {
        "id": heir.pk,
        "full_name": heir.full_name,
        "relationship": heir.relationship,
        "school_level": heir.school_level,
    }
    return Status(201, out)


@router.post("/{int:claim_id}/documents/{item}", response=answers(DocumentOut, 400, 403, 404))
def tick_document(request, claim_id: RecordId, item: Code, body: TickIn):
    """Tick (or untick, ``ticked: false``) one checklist item, with who and when."""
    require(request, "claim.manage")
    claim = _claim(request, claim_id)
    try:
        doc = claim_document_tick(actor=request.user, claim=claim, code=item, ticked=body.ticked)
    except AccessRefused as exc:
        _access(exc)
    except ClaimRefused as exc:
        _refused(exc)
    return {
        "code": doc.code,
        "label": doc.label,
        "required": doc.required,
        "ticked_at": doc.ticked_at,
        "ticked_by": doc.ticked_by_label,
    }


@router.post("/{int:claim_id}/status", response=answers(StatusOut, 400, 403, 404))
def change_status(request, claim_id: RecordId, body: StatusIn):
    """Documents complete or submitted (claim.manage); paid with amount and date, or refused with a reason
    (claim.decide). A paid amount unlike the computed entitlement is kept and flagged in ``note``."""
    require(request, "claim.view")
    claim = _claim(request, claim_id)
    try:
        claim, note = claim_status_change(
            actor=request.user,
            claim=claim,
            to_status=body.status,
            amount=body.amount,
            paid_on=body.paid_on,
            reason=body.reason,
        )
    except AccessRefused as exc:
        _access(exc)
    except ClaimRefused as exc:
        _refused(exc)
    return {"note": note, "claim": _out(request, claim)}


@router.get(
    "/{int:claim_id}/letter.pdf",
    response=answers(None, 403, 404),
    openapi_extra={
        "responses": {
            200: {
                "description": "Surat pengantar klaim (PDF).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def claim_letter(request, claim_id: RecordId):
    """The covering letter for the heirs' claim, as PDF (an audited read)."""
    require(request, "claim.view")
    claim = _claim(request, claim_id)
    try:
        pdf = claim_letter_pdf(request.user, claim)
    except AccessRefused as exc:
        _access(exc)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-klaim-{claim.pk}.pdf"'
    return response


# --- the insurer exchange: the submission list out, the decision file in ---


class DecisionLineOut(Schema):
    row_number: int
    claim_id: int | None
    decision: str
    amount: int | None
    decided_on: dt.date | None
    outcome: str = Field(
        description="decided, flagged (jumlah berbeda), refused, unmatched (tidak ada kasus terbuka)."
    )
    message: str


class DecisionBatchOut(Schema):
    id: int
    original_name: str
    rows_total: int
    decided: int
    flagged: int
    refused: int
    unmatched: int
    lines: list[DecisionLineOut]


@router.get(
    "/export.xlsx",
    response=answers(None, 403),
    openapi_extra={
        "responses": {
            200: {
                "description": "Daftar pengajuan klaim untuk BPJS (XLSX).",
                "content": {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    }
                },
            }
        }
    },
)
def export_claims(request):
    """The claim submission list of the caller's region (documents complete or submitted), as XLSX; audited."""
    require(request, "claim.decide")
    body, _count = claims_export_xlsx(actor=request.user)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="pengajuan-klaim.xlsx"'
    return response


@router.post(
    "/decisions", response=answers(DecisionBatchOut, 400, 403, ok_status=201) | {200: DecisionBatchOut}
)
def import_decisions(request, file: File[UploadedFile]):
    """Import the insurer's decision file (CSV/XLSX/ODS) (201): every line decided, flagged, refused with its
    row and column, or unmatched; the same file again answers the first import and changes nothing (200)."""
    require(request, "claim.decide")
    try:
        batch, created = claims_decisions_upload_file(
            actor=request.user, source=file, original_name=file.name or "keputusan"
        )
    except AccessRefused as exc:
        _access(exc)
    except ImportRefused as exc:
        raise HttpError(400, str(exc)) from None
    lines = batch.lines.order_by("row_number").values(
        "row_number", "claim_id", "decision", "amount", "decided_on", "outcome", "message"
    )
    out = {
        "id": batch.pk,
        "original_name": batch.original_name,
        "rows_total": batch.rows_total,
        "decided": batch.decided,
        "flagged": batch.flagged,
        "refused": batch.refused,
        "unmatched": batch.unmatched,
        "lines": list(lines),
    }
    return Status(201 if created else 200, out)
