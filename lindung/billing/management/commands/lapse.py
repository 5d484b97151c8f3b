"""``lindung lapse``: the daily lapse and reactivation run, now, through the same service as the worker's job."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lindung.billing.services import billing_daily


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'Tanggal "{text}" tidak sah; tulis TTTT-BB-HH, mis. 2026-05-19.') from None


class Command(BaseCommand):
    help = (
        "Nonaktifkan peserta yang menunggak lebih dari batas aturan pembayaran (PP 44/2015 Pasal 39 ayat 2, "
        "Pasal 42 ayat 2) dan aktifkan kembali yang tunggakannya sudah dibayar. Pekerjaan yang sama dijalankan "
        "pekerja latar setiap hari. Contoh: lindung lapse --date 2026-05-19 --dry-run"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="Per tanggal, TTTT-BB-HH (bawaan: hari ini).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya hitung siapa yang akan berubah; tidak menyimpan."
        )

    def handle(self, *args, date: str, dry_run: bool, **options):
        report = billing_daily(actor=None, as_of=parse_day(date) if date else None, dry_run=dry_run)
        self.stdout.write(report.summary)
        for eid, reason in sorted(report.refused.items()):
            self.stdout.write(f"  ditolak #{eid}: {reason}")
