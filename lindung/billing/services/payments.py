"""Recording contributions paid. Status changes that follow from payments are in ``lifecycle``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from django.db import transaction

from lindung.accounts.access import access_require
from lindung.contributions.calculator import monthly_contribution
from lindung.core.audit import AuditAction
from lindung.core.months import month_label, month_of
from lindung.core.services import audit_record, audit_record_many
from lindung.enrolment.selectors import enrolments_visible_to

from ..models import Payment


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


def _programme_amount(enrolment, month: dt.date) -> int:
    return monthly_contribution(worker=enrolment.worker, programme=enrolment.programme, month=month).total


def payment_record(
    *, actor, enrolment, month: dt.date, paid_on: dt.date, amount: int | None = None, reference: str = ""
) -> Payment:
    """Record one month paid. ``amount`` defaults to the month's contribution (after any discount)."""
    access_require(
        actor,
        "payment.record",
        region_code=enrolment.village_id,
        object_type="enrolment",
        object_id=enrolment.pk,
    )
    with transaction.atomic():
        return _record_one(actor, enrolment, month, paid_on, amount, reference)


def _record_one(actor, enrolment, month, paid_on, amount, reference) -> Payment:
    month = month_of(month)
    programme = enrolment.programme
    if not (programme.start_month <= month <= programme.end_month):
        raise PaymentRefused(f"{month_label(month)} di luar masa program {programme.code}.")
    if Payment.objects.filter(enrolment=enrolment, month=month).exists():
        raise PaymentRefused(f"Iuran {month_label(month)} untuk kepesertaan #{enrolment.pk} sudah tercatat.")
    payment = Payment.objects.create(
        enrolment=enrolment,
        month=month,
        amount=_programme_amount(enrolment, month) if amount is None else amount,
        paid_on=paid_on,
        reference=reference[:60],
    )
    audit_record(
        actor=actor,
        action=AuditAction.PAYMENT_RECORD,
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=enrolment.village_id,
        summary=f"Iuran {month_label(month)} dibayar {paid_on:%d-%m-%Y}",
        detail={"month": month.isoformat(), "amount": payment.amount},
    )
    return payment


def payments_record(*, actor, rows: Iterable[PaymentRow]) -> PaymentsReport:
    """Record many payments (a bank or insurer statement) with one bulk insert; duplicates are reported.

    Every row needs its amount: a statement says what was paid, and Lindung does not guess it. Rows for
    enrolments outside the actor's region are reported as not found.
    """
    access_require(actor, "payment.record", object_type="enrolment", what="mencatat pembayaran")
    with transaction.atomic():
        return _record_many(actor, rows)


def _record_many(actor, rows: Iterable[PaymentRow]) -> PaymentsReport:
    rows = [PaymentRow(r.enrolment_id, month_of(r.month), r.paid_on, r.amount, r.reference) for r in rows]
    report = PaymentsReport()
    enrolments = enrolments_visible_to(actor).in_bulk({r.enrolment_id for r in rows})
    existing = set(
        Payment.objects.filter(enrolment_id__in=list(enrolments)).values_list("enrolment_id", "month")
    )
    fresh: list[PaymentRow] = []
    for row in rows:
        key = (row.enrolment_id, row.month)
        if row.enrolment_id not in enrolments:
            report.refused.append((row, f"Kepesertaan #{row.enrolment_id} tidak ditemukan."))
        elif row.amount is None or row.amount < 0:
            report.refused.append((row, f"Kepesertaan #{row.enrolment_id}: jumlah iuran wajib diisi."))
        elif key in existing:
            report.refused.append(
                (row, f"Iuran {month_label(row.month)} untuk kepesertaan #{row.enrolment_id} sudah tercatat.")
            )
        else:
            existing.add(key)
            fresh.append(row)
    Payment.objects.bulk_create(
        [
            Payment(
                enrolment_id=r.enrolment_id,
                month=r.month,
                amount=cast(int, r.amount),  # rows without an amount were refused above
                paid_on=r.paid_on,
                reference=r.reference[:60],
            )
            for r in fresh
        ],
        batch_size=2000,
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.PAYMENT_RECORD,
        object_type="enrolment",
        rows=[(r.enrolment_id, enrolments[r.enrolment_id].village_id) for r in fresh],
        summary="Pembayaran iuran dicatat",
    )
    report.recorded = len(fresh)
    return report
