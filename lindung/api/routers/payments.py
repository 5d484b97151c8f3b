"""The JSON API for payments: one payment recorded, and statements imported, read and resolved.

Thin: the same services and selectors as the pages and ``lindung payment`` / ``lindung statement``. Amounts
are text as a person types them ("Rp 16.800,-"), read by the same service. A record outside the caller's
region is 404; a refusal of a service is 422 with its message; a file that cannot be read is 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lindung.billing.models import Statement, StatementRow
from lindung.billing.selectors.statements import (
    statement_counts,
    statement_for,
    statement_lines,
    statements_visible_to,
)
from lindung.billing.services import (
    PaymentRefused,
    ResolveRefused,
    StatementRefused,
    payment_amount,
    payment_record,
    statement_line_resolve,
)
from lindung.core.months import month_parse
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.people.selectors import nik_for_display
from lindung.programmes.selectors import programmes_visible_to
from lindung.transfer.reading import ImportRefused
from lindung.transfer.statements import statement_upload_file

from ..permissions import require
from ..schemas import CODE, Code, MonthText, PageNumber, RecordId, Text, answers

router = Router(tags=["payments"])
PER_PAGE = 50
AmountText = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$")]
Reference = Annotated[str, Field(max_length=60, pattern=r"^[^\x00]*$")]


class PaymentIn(Schema):
    enrolment: RecordId
    month: MonthText
    amount: AmountText = ""
    paid_on: dt.date
    reference: Reference = ""


class PaymentOut(Schema):
    id: int
    enrolment_id: int
    month: str
    amount: int
    paid_on: dt.date
    reference: str
    source: str


class StatementOut(Schema):
    id: int
    programme: str
    kind: str
    original_name: str
    sha256: str
    counts: dict[str, int]
    uploaded_at: dt.datetime


class StatementLineOut(Schema):
    id: int
    row_number: int
    kpj: str
    nik: str
    name: str
    month: str | None
    amount: int | None
    paid_on: dt.date | None
    reference: str
    enrolment_id: int | None
    due: int | None
    outcome: str
    message: str
    resolution: str
    resolution_note: str


class StatementLinePageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[StatementLineOut]


class ResolveIn(Schema):
    action: Literal["accept", "dismiss"]
    note: Text = ""


def _statement_out(statement: Statement) -> dict:
    return {
        "id": statement.pk,
        "programme": statement.programme.code,
        "kind": statement.kind,
        "original_name": statement.original_name,
        "sha256": statement.sha256,
        "counts": {value: count for value, _label, count in statement_counts(statement)},
        "uploaded_at": statement.uploaded_at,
    }


def _line_out(request, line: StatementRow) -> dict:
    return {
        "id": line.pk,
        "row_number": line.row_number,
        "kpj": line.shown_kpj,
        "nik": nik_for_display(request.user, line.shown_nik) if line.shown_nik else "",
        "name": line.shown_name,
        "month": line.month.isoformat()[:7] if line.month else None,
        "amount": line.amount,
        "paid_on": line.paid_on,
        "reference": line.reference,
        "enrolment_id": line.enrolment_id,
        "due": line.due,
        "outcome": line.outcome,
        "message": line.message,
        "resolution": line.resolution,
        "resolution_note": line.resolution_note,
    }


def _statement(request, statement_id: int) -> Statement:
    statement = statement_for(request.user, statement_id)
    if statement is None:
        raise HttpError(404, f"Rincian pembayaran #{statement_id} tidak ditemukan di wilayah Anda.")
    return statement


@router.post("/", response=answers(PaymentOut, 400, 403, 404, 422, ok_status=201))
def record_payment(request, body: PaymentIn):
    """Record one month paid for one enrolment; the amount defaults to what the month costs."""
    require(request, "payment.record")
    enrolment = (
        enrolments_visible_to(request.user).select_related("programme").filter(pk=body.enrolment).first()
    )
    if enrolment is None:
        raise HttpError(404, f"Kepesertaan #{body.enrolment} tidak ditemukan di wilayah Anda.")
    try:
        amount = payment_amount(body.amount) if body.amount.strip() else None
        payment = payment_record(
            actor=request.user,
            enrolment=enrolment,
            month=month_parse(body.month),
            paid_on=body.paid_on,
            amount=amount,
            reference=body.reference,
        )
    except PaymentRefused as exc:
        raise HttpError(422, str(exc)) from None
    return Status(
        201,
        {
            "id": payment.pk,
            "enrolment_id": payment.enrolment_id,
            "month": payment.month.isoformat()[:7],
            "amount": payment.amount,
            "paid_on": payment.paid_on,
            "reference": payment.reference,
            "source": payment.source,
        },
    )


@router.post(
    "/statements", response=answers(StatementOut, 400, 403, 404, 422, ok_status=201) | {200: StatementOut}
)
def upload_statement(
    request,
    file: File[UploadedFile],
    programme: str = Form(..., **CODE),
    kind: Literal["insurer", "regency"] = Form(...),
):
    """Import a statement file (CSV/XLSX/ODS) for a programme (201); the same file again answers the
    statement already imported (200)."""
    require(request, "payment.record")
    found = programmes_visible_to(request.user).filter(code=programme).first()
    if found is None:
        raise HttpError(404, f'Program "{programme}" tidak ditemukan di wilayah Anda.')
    try:
        statement, created = statement_upload_file(
            actor=request.user, programme=found, kind=kind, source=file, original_name=file.name or "rincian"
        )
    except ImportRefused as exc:
        return Status(400, {"detail": str(exc)})
    except StatementRefused as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201 if created else 200, _statement_out(statement))


@router.get("/statements", response=answers(list[StatementOut], 403))
def list_statements(request, programme: Code = ""):
    """The 50 latest statements the caller may see."""
    require(request, "bill.view")
    statements = statements_visible_to(request.user)
    if programme:
        statements = statements.filter(programme__code=programme)
    return [_statement_out(s) for s in statements[:50]]


@router.get("/statements/{int:statement_id}", response=answers(StatementOut, 403, 404))
def statement_detail(request, statement_id: RecordId):
    """One statement with its count of lines per outcome."""
    require(request, "bill.view")
    return _statement_out(_statement(request, statement_id))


@router.get("/statements/{int:statement_id}/lines", response=answers(StatementLinePageOut, 403, 404))
def statement_line_list(request, statement_id: RecordId, outcome: Code = "", page: PageNumber = 1):
    """The lines the caller may see, optionally of one outcome, 50 a page in file order. A matched line is
    stored as its payment: its id is minus the payment's id, and it cannot be resolved."""
    require(request, "bill.view")
    lines = statement_lines(request.user, _statement(request, statement_id), outcome=outcome)
    count = lines.count()
    items = lines[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {
        "count": count,
        "page": page,
        "pages": -(-count // PER_PAGE),
        "items": [_line_out(request, line) for line in items],
    }


@router.post(
    "/statements/{int:statement_id}/lines/{int:line_id}/resolve",
    response=answers(StatementLineOut, 400, 403, 404, 422),
)
def resolve_line(request, statement_id: RecordId, line_id: RecordId, body: ResolveIn):
    """Accept or dismiss a line that was not applied by itself (a note is required to dismiss)."""
    require(request, "payment.record")
    statement = _statement(request, statement_id)
    if not statement_lines(request.user, statement).filter(pk=line_id).exists():
        raise HttpError(404, f"Baris rincian #{line_id} tidak ditemukan.")
    try:
        statement_line_resolve(actor=request.user, line_id=line_id, action=body.action, note=body.note)
    except ResolveRefused as exc:
        raise HttpError(422, str(exc)) from None
    return _line_out(request, statement_lines(request.user, statement).get(pk=line_id))
