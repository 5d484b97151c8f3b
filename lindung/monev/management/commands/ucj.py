from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from lindung.accounts.access import AccessRefused
from lindung.core.commands import user_named
from lindung.core.months import month_parse
from lindung.monev.formatting import number, percent_text
from lindung.monev.selectors import monev_region_for, parse_period, region_exists
from lindung.monev.selectors.ucj_page import ucj_page
from lindung.monev.services.ucj import vulnerable_count_enter
from lindung.regions.services import RegionStatisticRefused
from lindung.transfer.insurer_figures import insurer_figures_import
from lindung.transfer.reading import ImportRefused

USER_HELP = "Jalankan sebagai pengguna ini (bawaan: Lindung sendiri, dengan semua hak)."


class Command(BaseCommand):
    help = (
        "UCJ dari angka BPJS: impor laporan peserta aktif per wilayah dan bulan (import), isi jumlah pekerja "
        "rentan (vulnerable), tampilkan UCJ satu wilayah (show). Contoh: lindung ucj import laporan.xlsx "
        '--edition "BPJS Ketenagakerjaan Kanwil, Oktober 2024"; lindung ucj show --region 61 --period 2024-10'
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="Impor jumlah peserta aktif PU/BPU/Jakon per wilayah dan bulan (xlsx, xls, ods, csv). Setiap "
            "baris disimpan atau ditolak dengan alasan; berkas yang sama dua kali tidak mengubah apa pun.",
        )
        imp.add_argument("file", help="Berkas laporan BPJS.")
        imp.add_argument(
            "--edition", required=True, help="Sumber / edisi laporan, mis. «BPJS Kanwil, Okt 2024»."
        )
        imp.add_argument("--period", help="Bulan TTTT-BB, bila berkas tidak memuat kolom bulan.")
        imp.add_argument("--user", default="", help=USER_HELP)
        imp.add_argument("--json", action="store_true", help="Keluaran JSON.")
        vul = sub.add_parser(
            "vulnerable", help="Isi (atau ganti) jumlah pekerja rentan satu wilayah dan tahun."
        )
        vul.add_argument("--region", required=True, help="Kode wilayah, mis. 62.03.")
        vul.add_argument("--year", type=int, required=True, help="Tahun, mis. 2026.")
        vul.add_argument("--count", type=int, required=True, help="Jumlah pekerja rentan.")
        vul.add_argument(
            "--source-note", required=True, help="Sumber data, mis. «Pendataan Disnakertrans 2026»."
        )
        vul.add_argument("--goal", help="Sasaran daerah dalam persen, mis. 90.")
        vul.add_argument("--user", default="", help=USER_HELP)
        show = sub.add_parser("show", help="Tampilkan UCJ satu wilayah dan bulan menurut angka BPJS.")
        show.add_argument("--region", default="", help="Kode wilayah; kosong = Indonesia.")
        show.add_argument("--period", help="Bulan TTTT-BB (bawaan: bulan terakhir yang sudah direkap).")
        show.add_argument("--user", default="", help=USER_HELP)
        show.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        try:
            if action == "import":
                self._import(actor, o)
            elif action == "vulnerable":
                self._vulnerable(actor, o)
            else:
                self._show(actor, o)
        except (AccessRefused, ImportRefused, RegionStatisticRefused, ValueError, Http404) as exc:
            raise CommandError(str(exc)) from None

    def _import(self, actor, o) -> None:
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        period = month_parse(o["period"]) if o["period"] else None
        result = insurer_figures_import(actor=actor, path=path, edition=o["edition"], period=period)
        if o["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{result.file_name}: {result.summary}")
        for refusal in result.refused:
            self.stdout.write(f"  {refusal.text}")

    def _vulnerable(self, actor, o) -> None:
        row = vulnerable_count_enter(
            actor=actor,
            region_code=o["region"],
            year=o["year"],
            count=o["count"],
            source_note=o["source_note"],
            goal_percent=o["goal"],
        )
        goal = f", sasaran {percent_text(row.goal_percent)}" if row.goal_percent is not None else ""
        self.stdout.write(f"Pekerja rentan {row.region_id} {row.year}: {number(row.count)}{goal}.")

    def _show(self, actor, o) -> None:
        code = o["region"].strip() if actor is None else monev_region_for(actor, o["region"] or None)
        if not region_exists(code):
            raise CommandError(f'Wilayah "{code}" tidak ditemukan.')
        page = ucj_page(code, parse_period(o["period"]))
        if o["json"]:
            self.stdout.write(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
            return
        u = page.ucj
        basis = (
            f"BPJS {u.insurer_period_label}"
            if u.from_insurer
            else "hanya peserta program (angka BPJS belum ada)"
        )
        self.stdout.write(f"{page.region_name} {page.period:%Y-%m}: UCJ {percent_text(u.percent)} ({basis})")
        self.stdout.write(
            f"  peserta aktif {number(u.active)} ÷ penduduk bekerja {number(u.working_population)}"
        )
        if u.target_percent is not None:
            self.stdout.write(
                f"  target {percent_text(u.target_percent)} ({u.target_source}): kurang {number(u.gap_people)} orang"
            )
        self.stdout.write(f"  peserta program Lindung: {number(u.programme_active)}")
