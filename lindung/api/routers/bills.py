"""The JSON API for bills: list, issue, summary, lines, adjustments and payments.

Thin: the same services and selectors as the pages and ``lindung bill``. Money is whole rupiah as integers.
A bill outside the caller's region is 404; a refusal of the service (``BillRefused``) is 422 with its message.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from lindung.billing.models import Bill
from lindung.billing.selectors.bills import bill_lines_page, bill_summary, bill_visible, bills_visible_to
from lindung.billing.services import BillRefused, bill_adjust, bill_issue, bill_pay
from lindung.core.months import month_parse
from lindung.programmes.selectors import programmes_visible_to

from ..permissions import require
from ..schemas import Code, MonthText, PageNumber, RecordId, RegionCode, Text, answers

router = Router(tags=["bills"])
PER_PAGE = 50
# Signed: an adjustment may lower what is owed. The service refuses zero, and a payment of zero or less.
SignedRupiah = Annotated[int, Field(ge=-(10**15), le=10**15)]
Reference = Annotated[str, Field(max_length=60, pattern=r"^[^\x00]*$")]


class BillOut(Schema):
    id: int
    number: str
    programme: str
    month: str
    due_date: dt.date
    legal_basis: str
    issued_at: dt.datetime


class SummaryOut(Schema):
    charged: int
    adjustments: int
    credits: int
    net: int
    paid: int
    outstanding: int
    people: int


class BillDetailOut(BillOut):
    summary: SummaryOut


class BillPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[BillOut]


class BillLineOut(Schema):
    id: int
    enrolment_id: int
    kind: str
    name: str
    nik: str
    kpj: str
    village_code: str
    village: str
    amount: int
    gross: int
    reason: str
    paid_on: dt.date | None
    late: bool


class BillLinePageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[BillLineOut]


class IssueIn(Schema):
    programme: Code
    month: MonthText


class AdjustIn(Schema):
    enrolment: RecordId
    amount: SignedRupiah
    reason: Text


class PayIn(Schema):
    amount: SignedRupiah
    paid_on: dt.date
    reference: Reference


class AdjustOut(Schema):
    id: int
    enrolment_id: int
    amount: int
    reason: str


class PayOut(Schema):
    id: int
    amount: int
    paid_on: dt.date
    reference: str
    status: str
    message: str


def _out(bill: Bill) -> dict:
    return {
        "id": bill.pk,
        "number": bill.number,
        "programme": bill.programme.code,
        "month": bill.month.isoformat()[:7],
        "due_date": bill.due_date,
        "legal_basis": bill.legal_basis,
        "issued_at": bill.issued_at,
    }


def _bill(request, bill_id: int) -> Bill:
    bill = bill_visible(request.user, bill_id)
    if bill is None:
        raise HttpError(404, f"Tagihan #{bill_id} tidak ditemukan di wilayah Anda.")
    return bill


def _refused(exc: BillRefused):
    raise HttpError(422, str(exc)) from exc


@router.get("/", response=answers(BillPageOut, 403))
def list_bills(request, programme: Code = "", month: MonthText | None = None, page: PageNumber = 1):
    """Bills the caller may see, newest month first, 50 a page."""
    require(request, "bill.view")
    bills = bills_visible_to(request.user)
    if programme:
        bills = bills.filter(programme__code=programme)
    if month:
        bills = bills.filter(month=month_parse(month))
    count = bills.count()
    items = bills.order_by("-month", "number")[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {"count": count, "page": page, "pages": -(-count // PER_PAGE), "items": [_out(b) for b in items]}


@router.post("/", response=answers(BillOut, 400, 403, 404, ok_status=201) | {200: BillOut})
def issue_bill(request, body: IssueIn):
    """Issue a programme's bill for a month (201); issuing again answers the same bill (200)."""
    require(request, "bill.issue")
    programme = programmes_visible_to(request.user).filter(code=body.programme).first()
    if programme is None:
        raise HttpError(404, f'Program "{body.programme}" tidak ditemukan di wilayah Anda.')
    try:
        bill, created = bill_issue(actor=request.user, programme=programme, month=month_parse(body.month))
    except BillRefused as exc:
        _refused(exc)
    return Status(201 if created else 200, _out(bill))


@router.get("/{int:bill_id}", response=answers(BillDetailOut, 403, 404))
def bill_detail(request, bill_id: RecordId):
    """A bill with its summary over the lines the caller may see."""
    require(request, "bill.view")
    bill = _bill(request, bill_id)
    return _out(bill) | {"summary": bill_summary(request.user, bill).to_dict()}


@router.get("/{int:bill_id}/lines", response=answers(BillLinePageOut, 403, 404))
def bill_lines(request, bill_id: RecordId, village: RegionCode = "", page: PageNumber = 1):
    """The lines the caller may see (a village operator: their village's), 50 a page."""
    require(request, "bill.view")
    bill = _bill(request, bill_id)
    current, rows = bill_lines_page(request.user, bill, village=village, page=page, per_page=PER_PAGE)
    return {
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
        "items": [r.to_dict() for r in rows],
    }


@router.post("/{int:bill_id}/adjustments", response=answers(AdjustOut, 400, 403, 404, ok_status=201))
def add_adjustment(request, bill_id: RecordId, body: AdjustIn):
    """A correction line (signed amount and a reason) for a member charged on the bill."""
    require(request, "bill.issue")
    bill = _bill(request, bill_id)
    try:
        line = bill_adjust(
            actor=request.user, bill=bill, enrolment_id=body.enrolment, amount=body.amount, reason=body.reason
        )
    except BillRefused as exc:
        _refused(exc)
    return Status(
        201, {"id": line.pk, "enrolment_id": line.enrolment_id, "amount": line.amount, "reason": line.reason}
    )


@router.post("/{int:bill_id}/payments", response=answers(PayOut, 400, 403, 404, ok_status=201))
def add_payment(request, bill_id: RecordId, body: PayIn):
    """A transfer paying the bill: ``applied`` when it equals what is owed, ``flagged`` otherwise."""
    require(request, "payment.record")
    bill = _bill(request, bill_id)
    try:
        payment = bill_pay(
            actor=request.user, bill=bill, amount=body.amount, paid_on=body.paid_on, reference=body.reference
        )
    except BillRefused as exc:
        _refused(exc)
    return Status(
        201,
        {
            "id": payment.pk,
            "amount": payment.amount,
            "paid_on": payment.paid_on,
            "reference": payment.reference,
            "status": payment.status,
            "message": payment.message,
        },
    )
