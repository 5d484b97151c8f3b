"""Paying a bill as a whole (an SP2D or bank transfer), and downloading it.

A transfer equal to what the bill still owes pays every unpaid charge line in one INSERT … SELECT; any other
amount is recorded as ``flagged`` and pays nobody until the insurer's statement says whom it paid.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from lindung.accounts.access import NOT_YOUR_REGION, AccessRefused, access_denied, access_require
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.core.services import audit_record, audit_record_many

from ..documents import bill_pdf, bill_xlsx
from ..models import Bill, BillLine, BillPayment, Payment
from ..selectors.bills import bill_visible
from .bills import BillRefused, bill_outstanding, db_value


def _check_payment(bill: Bill, amount, paid_on: dt.date, reference: str, today: dt.date) -> None:
    if paid_on > today:
        raise BillRefused(f"Tanggal bayar {paid_on:%d-%m-%Y} belum terjadi.")
    if not isinstance(amount, int) or amount <= 0:
        raise BillRefused("Jumlah pembayaran harus lebih dari Rp 0.")
    if not reference:
        raise BillRefused("Nomor SP2D / referensi bank wajib diisi.")
    if BillPayment.objects.filter(bill=bill, reference=reference).exists():
        raise BillRefused(f"Referensi {reference} sudah dipakai untuk tagihan {bill.number}.")


def _pay_every_line(bill: Bill, paid_on: dt.date, reference: str, user, now) -> list[tuple[int, str]]:
    """One ``Payment(source=bill)`` per charge line without a payment for the month; returns who was paid."""
    p, line = Payment._meta.db_table, BillLine._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {p} (enrolment_id, month, amount, paid_on, reference, source, recorded_at, "  # noqa: S608
            f"recorded_by_id) SELECT l.enrolment_id, l.month, l.amount, %s, %s, %s, %s, %s FROM {line} l "
            f"WHERE l.bill_id = %s AND l.kind = %s AND l.amount > 0 AND NOT EXISTS "
            f"(SELECT 1 FROM {p} x WHERE x.enrolment_id = l.enrolment_id AND x.month = l.month)",
            [
                db_value(Payment, "paid_on", paid_on),
                reference,
                Payment.Source.BILL,
                db_value(Payment, "recorded_at", now),
                getattr(user, "pk", None),
                bill.pk,
                BillLine.Kind.CHARGE,
            ],
        )
    charged = BillLine.objects.filter(bill=bill, kind=BillLine.Kind.CHARGE)
    return list(
        charged.filter(
            enrolment__payments__month=bill.month,
            enrolment__payments__recorded_at=now,
            enrolment__payments__source=Payment.Source.BILL,
        ).values_list("enrolment_id", "village_id")
    )


def bill_pay(
    *, actor, bill: Bill, amount: int, paid_on: dt.date, reference: str, today: dt.date | None = None
) -> BillPayment:
    """Record a transfer paying a bill: ``applied`` to every unpaid line when it equals what is owed,
    ``flagged`` with the difference otherwise (and then nobody's month is marked paid)."""
    access_require(
        actor,
        "payment.record",
        region_code=bill.programme.owner_region_id,
        object_type="bill",
        object_id=bill.pk,
        what="mencatat pembayaran tagihan",
    )
    today = today or timezone.localdate()
    reference = (reference or "").strip()[:60]
    _check_payment(bill, amount, paid_on, reference, today)
    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    with transaction.atomic():
        Bill.objects.select_for_update().filter(pk=bill.pk).first()
        outstanding = bill_outstanding(bill)
        paid: list[tuple[int, str]] = []
        if amount == outstanding:
            paid = _pay_every_line(bill, paid_on, reference, user, now)
            status = BillPayment.Status.APPLIED
            message = f"Diterapkan ke {len(paid)} peserta."
        else:
            status = BillPayment.Status.FLAGGED
            message = (
                f"Sisa tagihan {rupiah(outstanding)}, dibayar {rupiah(amount)}, selisih "
                f"{rupiah(amount - outstanding)}: menunggu rincian BPJS untuk menentukan siapa yang dibayar."
            )
        payment = BillPayment.objects.create(
            bill=bill,
            amount=amount,
            paid_on=paid_on,
            reference=reference,
            status=status,
            message=message[:255],
            recorded_at=now,
            recorded_by=user,
        )
        _audit_payment(actor, bill, payment, paid)
    return payment


def _audit_payment(actor, bill: Bill, payment: BillPayment, paid: list[tuple[int, str]]) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.BILL_PAY,
        object_type="bill",
        object_id=bill.pk,
        region_code=bill.programme.coverage_region_id,
        summary=f"Pembayaran {rupiah(payment.amount)} ({payment.reference}) untuk {bill.number}: "
        f"{payment.get_status_display()}",
        detail={"payment": payment.pk, "status": payment.status, "people": len(paid)},
    )
    if paid:
        audit_record_many(
            actor=actor,
            action=AuditAction.PAYMENT_RECORD,
            object_type="enrolment",
            rows=paid,
            summary=f"Iuran {bill.month:%m-%Y} dibayar {payment.paid_on:%d-%m-%Y} lewat tagihan {bill.number}",
        )


def bill_export(*, actor, bill: Bill, fmt: str) -> bytes:
    """The bill as XLSX or PDF, with only the lines the actor may see; the download is audited."""
    scope = access_require(
        actor, "bill.view", object_type="bill", object_id=bill.pk, what="mengunduh tagihan"
    )
    if bill_visible(actor, bill.pk) is None:
        access_denied(
            actor,
            object_type="bill",
            object_id=bill.pk,
            region_code=scope.region_code,
            summary="Akses ditolak (mengunduh tagihan): di luar wilayah akun",
        )
        raise AccessRefused(NOT_YOUR_REGION, outside_scope=True)
    if fmt not in ("xlsx", "pdf"):
        raise BillRefused(f'Format "{fmt}" tidak dikenal; pilih xlsx atau pdf.')
    content = bill_xlsx(actor, bill) if fmt == "xlsx" else bill_pdf(actor, bill)
    audit_record(
        actor=actor,
        action=AuditAction.BILL_DOWNLOAD,
        object_type="bill",
        object_id=bill.pk,
        region_code=scope.region_code,
        summary=f"Tagihan {bill.number} diunduh ({fmt})",
        detail={"format": fmt},
    )
    return content
