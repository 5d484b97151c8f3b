"""Recording contributions paid. Status changes that follow from payments are in ``lifecycle``.

Every payment, typed one by one, sent in bulk or applied from a statement, passes ``payment_checks``: a
positive amount, a date that has happened, a person who is a member that month (not only proposed, not past
their end or death), and a month nobody has paid yet in this or another programme. A single payment must also
be what the month costs: the bill's lines where a bill is out, else the rule rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

import polars as pl
from django.db import transaction
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.months import month_label, month_of
from lindung.core.services import audit_record, audit_record_many
from lindung.enrolment.selectors import enrolments_visible_to
from lindung.programmes.models import Programme

from ..models import Payment
from .bills import BillRefused, amount_parse
from .payment_checks import amount_unlike_due, payments_check


class PaymentRefused(ValueError):
    """The payment cannot be recorded; Indonesian message."""


@dataclass(frozen=True)
class PaymentRow:
    enrolment_id: int
    month: dt.date
    paid_on: dt.date
    amount: int | None = None
    reference: str = ""


@dataclass
class PaymentsReport:
    recorded: int = 0
    refused: list[tuple[PaymentRow, str]] = field(default_factory=list)


CANDIDATE_SCHEMA = {"enrolment_id": pl.Int64, "month": pl.Date, "amount": pl.Int64, "paid_on": pl.Date}


def candidates_frame(rows: list[PaymentRow]) -> pl.DataFrame:
    return pl.DataFrame(
        [(r.enrolment_id, month_of(r.month), r.amount, r.paid_on) for r in rows],
        schema=CANDIDATE_SCHEMA,
        orient="row",
    )


def payment_amount(text: str) -> int:
    """Whole rupiah as a person typed it ("Rp 16.800,-", "16800"), read by lokal-id. The sign is kept so
    that the payment check refuses a negative amount with its own message."""
    try:
        return amount_parse(text, field="Jumlah", signed=True)
    except BillRefused as exc:
        raise PaymentRefused(str(exc)) from None


def payment_record(
    *,
    actor,
    enrolment,
    month: dt.date,
    paid_on: dt.date,
    amount: int | None = None,
    reference: str = "",
    source: str = Payment.Source.MANUAL,
    today: dt.date | None = None,
) -> Payment:
    """Record one month paid. ``amount`` defaults to what the month costs and must equal it when given."""
    access_require(
        actor,
        "payment.record",
        region_code=enrolment.village_id,
        object_type="enrolment",
        object_id=enrolment.pk,
    )
    with transaction.atomic():
        return _record_one(actor, enrolment, month_of(month), paid_on, amount, reference, source, today)


def _record_one(actor, enrolment, month, paid_on, amount, reference, source, today) -> Payment:
    today = today or timezone.localdate()
    # Lock the enrolment so two clerks recording the same month cannot both pass the check.
    type(enrolment).objects.select_for_update().filter(pk=enrolment.pk).first()
    programmes = {enrolment.programme_id: enrolment.programme}
    due_probe = candidates_frame(
        [PaymentRow(enrolment.pk, month, paid_on, amount if amount is not None else 1)]
    )
    checked = payments_check(due_probe, today=today, programmes=programmes).row(0, named=True)
    due = checked["due"]
    if amount is None:
        amount = due
    if checked["problem"] is not None:
        raise PaymentRefused(checked["message"])
    if amount is None:
        raise PaymentRefused(f"Iuran {month_label(month)} tidak dapat dihitung; isi jumlahnya.")
    mismatch = amount_unlike_due(amount, due, month)
    if mismatch:
        raise PaymentRefused(mismatch)
    payment = Payment.objects.create(
        enrolment=enrolment,
        month=month,
        amount=amount,
        paid_on=paid_on,
        reference=reference[:60],
        source=source,
        recorded_by=_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.PAYMENT_RECORD,
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=enrolment.village_id,
        summary=f"Iuran {month_label(month)} dibayar {paid_on:%d-%m-%Y}",
        detail={"month": month.isoformat(), "amount": payment.amount, "reference": payment.reference},
    )
    return payment


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def payments_record(
    *, actor, rows: Iterable[PaymentRow], source: str = Payment.Source.MANUAL, today: dt.date | None = None
) -> PaymentsReport:
    """Record many payments with one bulk insert; every refused row is reported with its reason.

    Every row needs its amount: a list of payments says what was paid, and Lindung does not guess it (nor
    refuses an amount unlike the bill: a statement import reports those as under- or overpaid). Rows for
    enrolments outside the actor's region are reported as not found.
    """
    access_require(actor, "payment.record", object_type="enrolment", what="mencatat pembayaran")
    with transaction.atomic():
        return _record_many(actor, list(rows), source, today or timezone.localdate())


def _record_many(actor, rows: list[PaymentRow], source: str, today: dt.date) -> PaymentsReport:
    report = PaymentsReport()
    visible = set(
        enrolments_visible_to(actor)
        .filter(pk__in=list({r.enrolment_id for r in rows}))
        .values_list("pk", flat=True)
    )
    frame = candidates_frame(rows).with_columns(
        enrolment_id=pl.when(pl.col("enrolment_id").is_in(list(visible))).then(pl.col("enrolment_id"))
    )
    programme_ids = set(frame.get_column("enrolment_id").drop_nulls().to_list())
    programmes = Programme.objects.in_bulk(
        set(enrolments_visible_to(actor).filter(pk__in=programme_ids).values_list("programme_id", flat=True))
    )
    checked = payments_check(frame, today=today, programmes=programmes)
    fresh = []
    for row, (problem, message, village) in zip(
        rows, checked.select("problem", "message", "village_id").iter_rows(), strict=True
    ):
        if row.enrolment_id not in visible:
            report.refused.append((row, f"Kepesertaan #{row.enrolment_id} tidak ditemukan."))
        elif row.amount is None:
            report.refused.append((row, f"Kepesertaan #{row.enrolment_id}: jumlah iuran wajib diisi."))
        elif problem is not None:
            report.refused.append((row, message))
        else:
            fresh.append((row, village))
    user = _user(actor)
    Payment.objects.bulk_create(
        [
            Payment(
                enrolment_id=r.enrolment_id,
                month=month_of(r.month),
                amount=cast(int, r.amount),  # rows without an amount were refused above
                paid_on=r.paid_on,
                reference=r.reference[:60],
                source=source,
                recorded_by=user,
            )
            for r, _village in fresh
        ],
        batch_size=2000,
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.PAYMENT_RECORD,
        object_type="enrolment",
        rows=[(r.enrolment_id, village) for r, village in fresh],
        summary="Pembayaran iuran dicatat",
    )
    report.recorded = len(fresh)
    return report
