"""``lindung sponsor``: sponsors, their people and CSR money, through the same services as the pages and API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.core.commands import output_path_check, user_named
from lindung.core.money import rupiah
from lindung.programmes.selectors import programmes_visible_to
from lindung.sponsorship.documents import sponsor_certificate_pdf
from lindung.sponsorship.selectors import (
    commitments_visible_to,
    ending_warnings,
    sponsor_people,
    sponsor_people_audit,
    sponsor_visible,
    sponsorship_visible,
)
from lindung.sponsorship.services import (
    SponsorshipRefused,
    csr_commitment_record,
    csr_payment_record,
    sponsor_register,
    sponsorship_assign,
    sponsorship_end,
    sponsorships_close_due,
)

EXAMPLE = (
    'Contoh: lindung sponsor add --kind asn --name "Rina Wati" --nip 198501012010012001 --institution '
    '"Dinas Sosial" --region 62.03 --user admin; lindung sponsor assign 3 --nik 6203171708850001 '
    "--nik 6203171708850002 --start 2026-01-01 --end 2026-06-30 --user admin; lindung sponsor ending --user admin"
)


class Command(BaseCommand):
    help = "Sponsor pekerja (ASN, CSR, donatur): daftar, tetapkan, akhiri, komitmen, pembayaran. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Daftarkan sponsor baru.")
        add.add_argument("--kind", required=True, choices=["csr", "asn", "donor"], help="Jenis sponsor.")
        add.add_argument("--name", required=True, help="Nama sponsor.")
        add.add_argument("--nip", default="", help="NIP (18 digit), wajib untuk ASN.")
        add.add_argument("--position", default="", help="Jabatan.")
        add.add_argument("--institution", default="", help="OPD / instansi / perusahaan (wajib untuk ASN).")
        add.add_argument("--contact", default="", help="Kontak.")
        add.add_argument("--region", required=True, help="Kode wilayah pengelola, mis. 62.03.")
        show = sub.add_parser("show", help="Tampilkan sponsor dan pekerjanya (dicatat di jejak audit).")
        show.add_argument("id", type=int, help="Nomor sponsor.")
        assign = sub.add_parser("assign", help="Tetapkan pekerja untuk sponsor pada suatu masa.")
        assign.add_argument("id", type=int, help="Nomor sponsor.")
        assign.add_argument("--nik", action="append", required=True, help="NIK pekerja; boleh diulang.")
        assign.add_argument("--start", required=True, help="Tanggal mulai, TTTT-BB-HH.")
        assign.add_argument("--end", required=True, help="Tanggal berakhir, TTTT-BB-HH.")
        assign.add_argument("--programme", default="", help="Kode program (boleh kosong).")
        end = sub.add_parser("end", help="Akhiri sponsor seorang pekerja lebih awal.")
        end.add_argument("id", type=int, help="Nomor sponsor pekerja.")
        end.add_argument("--on", default="", help="Hari terakhir, TTTT-BB-HH (bawaan: hari ini).")
        end.add_argument("--reason", required=True, help="Alasan.")
        sub.add_parser("ending", help="Sponsor yang berakhir dalam 60/30 hari, dengan nama pekerjanya.")
        commit = sub.add_parser("commit", help="Catat komitmen CSR.")
        commit.add_argument("id", type=int, help="Nomor sponsor.")
        commit.add_argument("--amount", required=True, help='Jumlah, mis. "Rp 2.016.000".')
        commit.add_argument("--start", required=True, help="Periode mulai, TTTT-BB-HH.")
        commit.add_argument("--end", required=True, help="Periode sampai, TTTT-BB-HH.")
        commit.add_argument("--programme", default="", help="Kode program (boleh kosong).")
        commit.add_argument("--region", default="", help="Kode wilayah (bila tanpa program).")
        commit.add_argument("--reference", default="", help="Nomor perjanjian.")
        pay = sub.add_parser("pay", help="Catat pembayaran atas komitmen CSR.")
        pay.add_argument("id", type=int, help="Nomor komitmen.")
        pay.add_argument("--amount", required=True, help='Jumlah, mis. "Rp 1.008.000".')
        pay.add_argument("--paid-on", required=True, help="Tanggal bayar, TTTT-BB-HH.")
        pay.add_argument("--reference", default="", help="Referensi bank.")
        cert = sub.add_parser("certificate", help="Tulis sertifikat kontribusi sponsor (PDF).")
        cert.add_argument("id", type=int, help="Nomor sponsor.")
        cert.add_argument("--output", required=True, help="Berkas PDF yang ditulis.")
        close = sub.add_parser(
            "close-due", help="Akhiri sponsor yang lewat tanggal akhirnya (pekerjaan harian)."
        )
        close.add_argument("--as-of", default="", help="Per tanggal, TTTT-BB-HH (bawaan: hari ini).")
        for p in (add, show, assign, end, sub.choices["ending"], commit, pay, cert, close):
            p.add_argument(
                "--user", default="", help="Nama pengguna yang menjalankan (kosong: Lindung sendiri)."
            )

    def handle(self, *args, action: str, **o):
        user = user_named(o["user"])
        try:
            getattr(self, "_" + action.replace("-", "_"))(user, o)
        except (SponsorshipRefused, AccessRefused, ValueError) as exc:
            raise CommandError(str(exc)) from None

    def _sponsor(self, user, pk: int):
        sponsor = sponsor_visible(user, pk)
        if sponsor is None:
            raise CommandError(f"Sponsor #{pk} tidak ditemukan di wilayah Anda.")
        return sponsor

    def _programme(self, user, code: str):
        if not code:
            return None
        programme = programmes_visible_to(user).filter(code=code).first()
        if programme is None:
            raise CommandError(f'Program "{code}" tidak ditemukan.')
        return programme

    def _add(self, user, o) -> None:
        sponsor = sponsor_register(actor=user, region_code=o["region"], data=o)
        self.stdout.write(f"Sponsor #{sponsor.pk} {sponsor.name} terdaftar.")

    def _show(self, user, o) -> None:
        sponsor = self._sponsor(user, o["id"])
        people = sponsor_people(user, sponsor)
        sponsor_people_audit(user, sponsor, people, channel="CLI")
        self.stdout.write(
            f"#{sponsor.pk} {sponsor.name} ({sponsor.get_kind_display()}) {sponsor.nip}".rstrip()
        )
        for p in people:
            s = p["sponsorship"]
            self.stdout.write(f"  [{s.pk}] {p['name']} {p['nik']} {s.start_date}..{s.last_day} {p['state']}")
        for c in commitments_visible_to(user).filter(sponsor=sponsor):
            self.stdout.write(
                f"  komitmen #{c.pk}: {rupiah(c.amount)}, dibayar {rupiah(c.paid)}, sisa {rupiah(c.outstanding)}"
            )

    def _assign(self, user, o) -> None:
        result = sponsorship_assign(
            actor=user,
            sponsor=self._sponsor(user, o["id"]),
            niks=o["nik"],
            start_date=o["start"],
            end_date=o["end"],
            programme=self._programme(user, o["programme"]),
        )
        self.stdout.write(f"{result.count} pekerja ditetapkan.")

    def _end(self, user, o) -> None:
        sponsorship = sponsorship_visible(user, o["id"])
        if sponsorship is None:
            raise CommandError(f"Sponsor pekerja #{o['id']} tidak ditemukan di wilayah Anda.")
        sponsorship_end(actor=user, sponsorship=sponsorship, on=o["on"] or None, reason=o["reason"])
        self.stdout.write(f"Sponsor pekerja #{sponsorship.pk} diakhiri {sponsorship.ended_on}.")

    def _ending(self, user, o) -> None:
        warnings = ending_warnings(user)
        if not warnings.groups:
            self.stdout.write("Tidak ada sponsor yang berakhir dalam waktu dekat.")
        for g in warnings.groups:
            names = ", ".join(f"{p['name']} ({p['nik']})" for p in g.people)
            self.stdout.write(f"{g.sponsor.name} berakhir {g.end_date} ({g.days_left} hari lagi): {names}")

    def _commit(self, user, o) -> None:
        c = csr_commitment_record(
            actor=user,
            sponsor=self._sponsor(user, o["id"]),
            amount=o["amount"],
            period_start=o["start"],
            period_end=o["end"],
            programme=self._programme(user, o["programme"]),
            region_code=o["region"],
            reference=o["reference"],
        )
        self.stdout.write(f"Komitmen #{c.pk} {rupiah(c.amount)} dicatat.")

    def _pay(self, user, o) -> None:
        commitment = commitments_visible_to(user).filter(pk=o["id"]).first()
        if commitment is None:
            raise CommandError(f"Komitmen #{o['id']} tidak ditemukan di wilayah Anda.")
        p = csr_payment_record(
            actor=user,
            commitment=commitment,
            amount=o["amount"],
            paid_on=o["paid_on"],
            reference=o["reference"],
        )
        self.stdout.write(f"Pembayaran #{p.pk} {rupiah(p.amount)} dicatat.")

    def _certificate(self, user, o) -> None:
        target = Path(o["output"])
        output_path_check(target, option="--output", not_done="sertifikat belum ditulis")
        target.write_bytes(sponsor_certificate_pdf(user, self._sponsor(user, o["id"])))
        self.stdout.write(f"Sertifikat ditulis ke {target}.")

    def _close_due(self, user, o) -> None:
        report = sponsorships_close_due(actor=user, as_of=dt_parse(o["as_of"]))
        self.stdout.write(report.summary)


def dt_parse(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
