"""``lindung claim``: report an event, show a case, change its status, through the same services as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.billing.services import amount_parse
from lindung.claims.models import ClaimKind, ClaimStatus
from lindung.claims.selectors import claim_view_audit, claim_visible
from lindung.claims.services import ClaimRefused, claim_report, claim_status_change
from lindung.core.commands import user_named
from lindung.core.money import rupiah
from lindung.people.selectors import nik_for_display

EXAMPLE = (
    'Contoh: lindung claim report --kind death --date 2026-05-12 --place "Desa Pulau Mambulau" --account '
    '"Meninggal di rumah" --nik 6203174101900001 --user operator; lindung claim show 12 --user admin; '
    'lindung claim status 12 --to paid --amount "Rp 42.000.000" --paid-on 2026-05-20 --user petugas'
)


def _date(text: str, flag: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'{flag}: "{text}" bukan tanggal TTTT-BB-HH.') from None


class Command(BaseCommand):
    help = "Klaim kecelakaan dan kematian: laporkan, tampilkan, ubah status. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        report = sub.add_parser(
            "report", help="Laporkan kecelakaan kerja, penyakit akibat kerja atau kematian."
        )
        report.add_argument("--kind", required=True, choices=ClaimKind.values, help="Jenis kejadian.")
        report.add_argument("--date", required=True, help="Tanggal kejadian, TTTT-BB-HH.")
        report.add_argument("--place", required=True, help="Tempat kejadian.")
        report.add_argument("--account", required=True, help="Kronologi singkat.")
        report.add_argument("--nik", default="", help="NIK orangnya (16 digit).")
        report.add_argument("--name", default="", help="Nama lengkap, bila tidak ada di daftar Lindung.")
        report.add_argument("--village", default="", help="Kode desa, bila tidak ada di daftar Lindung.")
        report.add_argument(
            "--work-related", action="store_true", help="Kematian karena kecelakaan kerja (JKK)."
        )
        report.add_argument("--traffic", action="store_true", help="Kecelakaan lalu lintas.")
        report.add_argument(
            "--total-disability", action="store_true", help="Cacat total tetap, dinyatakan dokter (JKK)."
        )
        report.add_argument("--user", required=True, help="Nama pengguna pelapor.")
        show = sub.add_parser("show", help="Tampilkan berkas klaim (dicatat di jejak audit).")
        show.add_argument("id", type=int, help="Nomor klaim.")
        show.add_argument("--user", required=True, help="Tampilkan sebagaimana dilihat pengguna ini.")
        status = sub.add_parser(
            "status", help="Ubah status klaim (dokumen lengkap, diajukan, dibayar, ditolak)."
        )
        status.add_argument("id", type=int, help="Nomor klaim.")
        status.add_argument("--to", required=True, choices=ClaimStatus.values, help="Status tujuan.")
        status.add_argument("--amount", default="", help='Jumlah dibayar, mis. "Rp 42.000.000".')
        status.add_argument("--paid-on", default="", help="Tanggal dibayar, TTTT-BB-HH.")
        status.add_argument("--reason", default="", help="Alasan penolakan.")
        status.add_argument("--user", required=True, help="Nama pengguna yang mengubah.")

    def handle(self, *args, action: str, **o):
        user = user_named(o["user"])
        try:
            getattr(self, f"_{action}")(user, o)
        except (ClaimRefused, AccessRefused, ValueError) as exc:
            raise CommandError(str(exc)) from None

    def _report(self, user, o) -> None:
        result = claim_report(
            actor=user,
            kind=o["kind"],
            event_date=_date(o["date"], "--date"),
            place=o["place"],
            account=o["account"],
            nik=o["nik"],
            full_name=o["name"],
            village_code=o["village"],
            work_related=o["work_related"],
            traffic=o["traffic"],
            total_disability=o["total_disability"],
        )
        verb = "dicatat" if result.created else "digabung"
        self.stdout.write(f"Klaim #{result.claim.pk} {verb}.")
        for message in result.messages:
            self.stdout.write(f"- {message}")

    def _claim(self, user, pk: int):
        claim = claim_visible(user, pk)
        if claim is None:
            raise CommandError(f"Klaim #{pk} tidak ditemukan di wilayah Anda.")
        return claim

    def _show(self, user, o) -> None:
        claim = self._claim(user, o["id"])
        claim_view_audit(user, claim, channel="CLI")
        nik = nik_for_display(user, claim.nik) if claim.nik else "-"
        self.stdout.write(f"Klaim #{claim.pk}: {claim.full_name} ({nik}), {claim.get_kind_display()}")
        self.stdout.write(f"Tanggal kejadian: {claim.event_date:%d-%m-%Y}, {claim.place}")
        self.stdout.write(f"Status: {claim.get_status_display()}")
        for answer in claim.entitlement:
            yes = "-" if answer["yes"] is None else ("ya" if answer["yes"] else "tidak")
            self.stdout.write(f"{answer['question']}: {yes}. {answer['text']}")
        for line in claim.benefits:
            amount = rupiah(line["amount"]) if line["amount"] is not None else ""
            self.stdout.write(f"  {line['label']}: {amount} {line['text']}".rstrip())
        if claim.expected_amount:
            self.stdout.write(f"Perkiraan total: {rupiah(claim.expected_amount)}")
        for note in claim.outcomes:
            self.stdout.write(f"Catatan: {note}")

    def _status(self, user, o) -> None:
        claim = self._claim(user, o["id"])
        amount = amount_parse(o["amount"], field="--amount") if o["amount"] else None
        claim, note = claim_status_change(
            actor=user,
            claim=claim,
            to_status=o["to"],
            amount=amount,
            paid_on=_date(o["paid_on"], "--paid-on"),
            reason=o["reason"],
        )
        self.stdout.write(f"Klaim #{claim.pk}: {claim.get_status_display()}.")
        if note:
            self.stdout.write(note)
