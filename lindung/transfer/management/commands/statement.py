"""``lindung statement``: import a payment statement file, and resolve its lines, as the pages and API do."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.billing.selectors.statements import statement_counts
from lindung.billing.services import ResolveRefused, StatementRefused, statement_line_resolve
from lindung.core.commands import user_named
from lindung.programmes.selectors import programmes_visible_to
from lindung.transfer.reading import ImportRefused
from lindung.transfer.statements import statement_upload

EXAMPLE = (
    "Contoh: lindung statement import rincian-juni.xlsx --programme kapuas-2026 --kind insurer --user "
    'bendahara; lindung statement resolve 42 --action dismiss --note "bukan peserta kami" --user bendahara'
)


class Command(BaseCommand):
    help = (
        "Rincian pembayaran (dari BPJS atau pemerintah daerah): impor dan selesaikan selisihnya. " + EXAMPLE
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="Impor berkas rincian (CSV/XLSX/ODS); berkas yang sama lagi tidak mengubah apa pun.",
        )
        imp.add_argument("file", help="Berkas rincian.")
        imp.add_argument("--programme", required=True, help="Kode program.")
        imp.add_argument("--kind", required=True, choices=["insurer", "regency"], help="Asal rincian.")
        imp.add_argument("--user", required=True, help="Nama pengguna bendahara yang mengimpor.")
        imp.add_argument("--json", action="store_true", help="Cetak hasil sebagai JSON.")
        res = sub.add_parser("resolve", help="Terima atau tolak satu baris rincian yang belum diterapkan.")
        res.add_argument("line_id", type=int, help="Nomor baris rincian (id).")
        res.add_argument("--action", required=True, choices=["accept", "dismiss"], dest="decision")
        res.add_argument("--note", default="", help="Catatan (wajib untuk menolak dan untuk kurang bayar).")
        res.add_argument("--user", required=True, help="Nama pengguna bendahara.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        try:
            getattr(self, f"_{action}")(actor, o)
        except (AccessRefused, ImportRefused, StatementRefused, ResolveRefused) as exc:
            raise CommandError(str(exc)) from None

    def _import(self, actor, o) -> None:
        programme = programmes_visible_to(actor).filter(code=o["programme"]).first()
        if programme is None:
            raise CommandError(f'Program "{o["programme"]}" tidak ditemukan.')
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        statement, created = statement_upload(actor=actor, programme=programme, kind=o["kind"], path=path)
        counts = statement_counts(statement)
        if o["json"]:
            out = {
                "id": statement.pk,
                "created": created,
                "lines": statement.counts.get("lines", 0),
                "counts": {value: n for value, _label, n in counts},
            }
            self.stdout.write(json.dumps(out))
            return
        verb = "diimpor" if created else "sudah pernah diimpor; tidak ada yang diubah"
        self.stdout.write(f"Rincian #{statement.pk} ({statement.original_name}) {verb}.")
        for _value, label, n in counts:
            self.stdout.write(f"  {label}: {n}")

    def _resolve(self, actor, o) -> None:
        line = statement_line_resolve(actor=actor, line_id=o["line_id"], action=o["decision"], note=o["note"])
        self.stdout.write(f"Baris {line.row_number}: {line.get_resolution_display()}.")
