"""``lindung coverage``: was a person covered on a date, and by which programme (the coverage selector)."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.billing.selectors import CoverageNotFound, coverage_on
from lindung.core.commands import user_named

from .lapse import parse_day


class Command(BaseCommand):
    help = (
        "Status perlindungan seseorang pada suatu tanggal, per program, menurut catatan yang diketahui pada "
        "tanggal itu (pembayaran yang dibayar sesudahnya tidak dihitung). "
        "Contoh: lindung coverage 6203171708850103 --date 2026-05-19 --user petugas"
    )

    def add_arguments(self, parser):
        parser.add_argument("person", help="NIK (16 digit) atau nomor KPJ (11 digit).")
        parser.add_argument("--date", default="", help="Tanggal, TTTT-BB-HH (bawaan: hari ini).")
        parser.add_argument(
            "--user", default="", help="Periksa sebagai pengguna ini (wilayah dan jejak audit)."
        )

    def handle(self, *args, person: str, date: str, user: str, **options):
        digits = re.sub(r"\D", "", person)
        if len(digits) not in (11, 16):
            raise CommandError(f'"{person}" bukan NIK 16 digit atau KPJ 11 digit.')
        day = parse_day(date) if date else timezone.localdate()
        nik, kpj = (digits, None) if len(digits) == 16 else (None, digits)
        try:
            answers = coverage_on(actor=user_named(user), day=day, nik=nik, kpj=kpj)
        except (CoverageNotFound, AccessRefused) as exc:
            raise CommandError(str(exc)) from None
        if not answers:
            self.stdout.write(f"Tidak ada kepesertaan pada {day:%d-%m-%Y}.")
        for a in answers:
            verdict = "DILINDUNGI" if a.covered else "TIDAK DILINDUNGI"
            self.stdout.write(f"{a.programme_code} (#{a.enrolment_id}) {day:%d-%m-%Y}: {verdict} – {a.why}")
