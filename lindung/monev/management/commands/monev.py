from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.core.commands import output_path_check, user_named
from lindung.core.months import month_of
from lindung.monev.formatting import number
from lindung.monev.reports import report_filename, report_pdf, report_xlsx
from lindung.monev.selectors import monev_figures, parse_period, region_exists
from lindung.monev.services import monev_refresh, stale_regions
from lindung.monev.services.boundaries import BoundariesRefused, boundaries_load


def _period(text: str | None):
    try:
        return parse_period(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _region(code: str) -> str:
    code = (code or "").strip()
    if not region_exists(code):
        raise CommandError(f'Wilayah "{code}" tidak ditemukan.')
    return code


class Command(BaseCommand):
    help = "Monev: perbarui rekap bulanan (refresh), cetak angka (show) atau buat laporan PDF/Excel (report)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser(
            "refresh",
            help="Bangun ulang rekap monev satu bulan. Tanpa --region: seluruh Indonesia. Jalankan tiap malam "
            "(cron) untuk bulan berjalan; halaman monev menyusul perubahan kecil sendiri.",
        )
        refresh.add_argument("--period", help="Bulan TTTT-BB (bawaan: bulan ini).")
        refresh.add_argument("--region", action="append", default=None, help="Kode wilayah; boleh diulang.")
        refresh.add_argument(
            "--changed",
            action="store_true",
            help="Hanya wilayah yang berubah sejak pembaruan terakhir (jejak audit).",
        )
        show = sub.add_parser("show", help="Tampilkan angka monev satu wilayah sebagai JSON.")
        show.add_argument("--region", default="", help="Kode wilayah; kosong = Indonesia.")
        show.add_argument("--period", help="Bulan TTTT-BB (bawaan: bulan terakhir yang sudah direkap).")
        show.add_argument("--public", action="store_true", help="Versi publik (sel kecil disamarkan).")
        report = sub.add_parser("report", help="Buat laporan monev PDF atau Excel.")
        report.add_argument("--region", default="", help="Kode wilayah; kosong = Indonesia.")
        report.add_argument("--period", help="Bulan TTTT-BB (bawaan: bulan terakhir yang sudah direkap).")
        report.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        report.add_argument(
            "-o", "--output", help="Berkas keluaran (bawaan: monev-<wilayah>-<bulan>.<format>)."
        )

        boundaries = sub.add_parser(
            "load-boundaries",
            help="Muat batas wilayah dari berkas GeoJSON (FeatureCollection, tiap fitur memuat kode Kemendagri) "
            "untuk peta cakupan. Kode yang sudah ada diganti; satu fitur salah membatalkan semuanya.",
        )
        boundaries.add_argument("file", help="Berkas .geojson atau .json.")
        boundaries.add_argument(
            "--key",
            default="",
            help="Nama properti yang memuat kode (bawaan: kode, kode_wilayah, code, ...).",
        )
        boundaries.add_argument("--user", default="", help="Jalankan sebagai pengguna ini (bawaan: Lindung).")

    def _load_boundaries(self, options) -> None:
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca sebagai GeoJSON: {exc}") from exc
        try:
            report = boundaries_load(
                actor=user_named(options["user"]), data=data, source=path.name, key=options["key"]
            )
        except BoundariesRefused as exc:
            raise CommandError("Tidak ada yang dimuat.\n" + "\n".join(exc.problems)) from exc
        except AccessRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary)

    def handle(self, *args, action: str, **options):
        if action == "load-boundaries":
            self._load_boundaries(options)
            return
        if action == "refresh":
            period = (
                month_of(_period(options["period"])) if options["period"] else month_of(timezone.localdate())
            )
            regions = [_region(c) for c in options["region"]] if options["region"] else None
            if options["changed"]:
                regions = stale_regions(period)
            report = monev_refresh(period=period, regions=regions)
            self.stdout.write(report.summary)
            return
        code = _region(options["region"])
        period = _period(options["period"])
        if action == "show":
            figures = monev_figures(code, period, public=options["public"])
            self.stdout.write(json.dumps(figures.to_dict(), indent=2, ensure_ascii=False))
            return
        if options["output"]:
            output_path_check(Path(options["output"]), option="-o", not_done="laporan belum dibuat")
        figures = monev_figures(code, period)
        body = report_pdf(figures) if options["format"] == "pdf" else report_xlsx(figures)
        path = Path(options["output"] or report_filename(figures, options["format"]))
        path.write_bytes(body)
        self.stdout.write(f"{path} ({number(len(body))} bita)")
