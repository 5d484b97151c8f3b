"""``lindung bill``: issue, pay, show and export bills, through the same services as the pages and the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.billing.selectors.bills import bill_by_number, bill_summary
from lindung.billing.services import BillRefused, amount_parse, bill_export, bill_issue, bill_pay
from lindung.core.commands import output_path_check, user_named
from lindung.core.money import rupiah, rupiah_words
from lindung.core.months import month_label, month_parse
from lindung.programmes.selectors import programmes_visible_to

EXAMPLE = (
    "Contoh: lindung bill issue --programme kapuas-2026 --month 2026-04; lindung bill pay --bill "
    'TGH/KAPUAS-2026/2026-04 --amount "Rp 1.680.000" --date 2026-04-14 --reference SP2D-001 --user bendahara'
)


class Command(BaseCommand):
    help = "Tagihan iuran per program dan bulan: terbitkan, catat pembayaran, tampilkan, unduh. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser(
            "issue", help="Terbitkan tagihan satu bulan (sekali; menerbitkan lagi tidak mengubah apa pun)."
        )
        issue.add_argument("--programme", required=True, help="Kode program.")
        issue.add_argument("--month", required=True, help="Bulan iuran, TTTT-BB, mis. 2026-04.")
        issue.add_argument("--user", default="", help="Nama pengguna yang menerbitkan (bawaan: sistem).")
        pay = sub.add_parser("pay", help="Catat pembayaran tagihan (SP2D atau referensi bank).")
        pay.add_argument("--bill", required=True, help="Nomor tagihan, mis. TGH/KAPUAS-2026/2026-04.")
        pay.add_argument("--amount", required=True, help='Jumlah dibayar, mis. "Rp 1.680.000" atau 1680000.')
        pay.add_argument("--date", required=True, help="Tanggal bayar, TTTT-BB-HH.")
        pay.add_argument("--reference", required=True, help="Nomor SP2D atau referensi bank.")
        pay.add_argument("--user", required=True, help="Nama pengguna bendahara yang mencatat.")
        show = sub.add_parser("show", help="Tampilkan ringkasan tagihan.")
        show.add_argument("--bill", required=True, help="Nomor tagihan.")
        show.add_argument("--user", default="", help="Tampilkan sebagaimana dilihat pengguna ini.")
        export = sub.add_parser("export", help="Unduh tagihan sebagai XLSX atau PDF.")
        export.add_argument("--bill", required=True, help="Nomor tagihan.")
        export.add_argument("--format", required=True, choices=["xlsx", "pdf"], help="Format berkas.")
        export.add_argument("-o", "--output", required=True, help="Berkas keluaran.")
        export.add_argument("--user", default="", help="Unduh sebagaimana dilihat pengguna ini.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o.get("user") or "")
        try:
            getattr(self, f"_{action}")(actor, o)
        except (BillRefused, AccessRefused) as exc:
            raise CommandError(str(exc)) from None

    def _issue(self, actor, o) -> None:
        programme = programmes_visible_to(actor).filter(code=o["programme"]).first()
        if programme is None:
            raise CommandError(f'Program "{o["programme"]}" tidak ditemukan.')
        try:
            month = month_parse(o["month"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        bill, created = bill_issue(actor=actor, programme=programme, month=month)
        verb = "diterbitkan" if created else "sudah terbit; tidak ada yang diubah"
        self.stdout.write(f"Tagihan {bill.number} {verb}.")
        self._print(actor, bill)

    def _pay(self, actor, o) -> None:
        bill = _bill(actor, o["bill"])
        amount = amount_parse(o["amount"], field="--amount")
        try:
            paid_on = dt.date.fromisoformat(o["date"])
        except ValueError:
            raise CommandError(f'--date: "{o["date"]}" bukan tanggal TTTT-BB-HH.') from None
        payment = bill_pay(actor=actor, bill=bill, amount=amount, paid_on=paid_on, reference=o["reference"])
        self.stdout.write(f"{payment.get_status_display()}: {payment.message}")

    def _show(self, actor, o) -> None:
        self._print(actor, _bill(actor, o["bill"]))

    def _export(self, actor, o) -> None:
        target = Path(o["output"])
        output_path_check(target, option="-o", not_done="tagihan belum diunduh")
        bill = _bill(actor, o["bill"])
        target.write_bytes(bill_export(actor=actor, bill=bill, fmt=o["format"]))
        self.stdout.write(f"Tagihan {bill.number} ditulis ke {target}")

    def _print(self, actor, bill) -> None:
        s = bill_summary(actor, bill)
        self.stdout.write(f"Program: {bill.programme.name} ({bill.programme.code})")
        self.stdout.write(f"Bulan iuran: {month_label(bill.month)} · jatuh tempo {bill.due_date:%d-%m-%Y}")
        self.stdout.write(f"Dasar hukum: {bill.legal_basis}")
        self.stdout.write(
            f"Peserta: {s.people} · iuran {rupiah(s.charged)} · koreksi {rupiah(s.adjustments)} "
            f"· kredit {rupiah(s.credits)}"
        )
        self.stdout.write(f"Total: {rupiah(s.net)} ({rupiah_words(s.net)})")
        self.stdout.write(f"Dibayar: {rupiah(s.paid)} · sisa {rupiah(s.outstanding)}")


def _bill(actor, number: str):
    bill = bill_by_number(actor, number)
    if bill is None:
        raise CommandError(f'Tagihan "{number}" tidak ditemukan.')
    return bill
