"""``lindung payment record``: one month paid for one enrolment, through the same service as the page and API."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.billing.services import PaymentRefused, payment_amount, payment_record
from lindung.core.commands import user_named
from lindung.core.money import rupiah
from lindung.core.months import month_label, month_parse
from lindung.enrolment.selectors import enrolments_visible_to

EXAMPLE = (
    'Contoh: lindung payment record --enrolment 1708 --month 2026-06 --amount "Rp 16.800" --date 2026-06-12 '
    "--reference SP2D-001 --user bendahara"
)


class Command(BaseCommand):
    help = "Pembayaran iuran satu peserta untuk satu bulan. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        record = sub.add_parser(
            "record",
            help="Catat iuran satu bulan yang sudah dibayar (jumlah harus sama dengan iuran bulan itu).",
        )
        record.add_argument("--enrolment", required=True, type=int, help="Nomor kepesertaan.")
        record.add_argument("--month", required=True, help="Bulan iuran, TTTT-BB, mis. 2026-06.")
        record.add_argument(
            "--amount", default="", help='Jumlah dibayar, mis. "Rp 16.800" (bawaan: iuran bulan itu).'
        )
        record.add_argument("--date", required=True, help="Tanggal bayar, TTTT-BB-HH.")
        record.add_argument("--reference", default="", help="Nomor SP2D atau referensi bank.")
        record.add_argument("--user", required=True, help="Nama pengguna bendahara yang mencatat.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        enrolment = enrolments_visible_to(actor).select_related("programme").filter(pk=o["enrolment"]).first()
        if enrolment is None:
            raise CommandError(f"Kepesertaan #{o['enrolment']} tidak ditemukan di wilayah Anda.")
        try:
            month = month_parse(o["month"])
            paid_on = dt.date.fromisoformat(o["date"])
        except ValueError as exc:
            message = str(exc) if "Bulan" in str(exc) else f'--date: "{o["date"]}" bukan tanggal TTTT-BB-HH.'
            raise CommandError(message) from None
        try:
            amount = payment_amount(o["amount"]) if o["amount"].strip() else None
            payment = payment_record(
                actor=actor,
                enrolment=enrolment,
                month=month,
                paid_on=paid_on,
                amount=amount,
                reference=o["reference"],
            )
        except (PaymentRefused, AccessRefused) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Iuran {month_label(payment.month)} kepesertaan #{enrolment.pk} dicatat: {rupiah(payment.amount)}, "
            f"dibayar {payment.paid_on:%d-%m-%Y}."
        )
