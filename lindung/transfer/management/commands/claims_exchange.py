"""``lindung claims_exchange``: the claim submission list for the insurer, and the insurer's decisions, as the
page (``/unggah/klaim/``) and the API (``/api/claims/export.xlsx``, ``/api/claims/decisions``) do."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.core.commands import output_path_check, user_named
from lindung.transfer.claims_exchange import claims_decisions_import
from lindung.transfer.claims_exchange_export import claims_export_xlsx
from lindung.transfer.reading import ImportRefused

EXAMPLE = (
    "Contoh: lindung claims_exchange export --out pengajuan.xlsx --user bpjs.kapuas; "
    "lindung claims_exchange import keputusan.xlsx --user bpjs.kapuas"
)


class Command(BaseCommand):
    help = "Pertukaran klaim dengan BPJS: daftar pengajuan keluar, keputusan BPJS masuk. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        exp = sub.add_parser(
            "export", help="Tulis daftar pengajuan klaim (dokumen lengkap atau diajukan) di wilayah akun."
        )
        exp.add_argument("--out", required=True, help="Berkas .xlsx yang ditulis.")
        exp.add_argument("--user", required=True, help="Nama pengguna petugas BPJS.")
        imp = sub.add_parser(
            "import",
            help="Impor keputusan BPJS (CSV/XLSX/ODS): setiap baris diputuskan, ditandai, ditolak atau "
            "tidak cocok; berkas yang sama lagi tidak mengubah apa pun.",
        )
        imp.add_argument("file", help="Berkas keputusan.")
        imp.add_argument("--user", required=True, help="Nama pengguna petugas BPJS.")
        imp.add_argument("--json", action="store_true", help="Cetak hasil sebagai JSON.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        try:
            getattr(self, f"_{action}")(actor, o)
        except (AccessRefused, ImportRefused) as exc:
            raise CommandError(str(exc)) from None

    def _export(self, actor, o) -> None:
        output_path_check(Path(o["out"]), option="--out", not_done="daftar belum dibuat")
        body, count = claims_export_xlsx(actor=actor)
        Path(o["out"]).write_bytes(body)
        self.stdout.write(f"{count} klaim ditulis ke {o['out']}.")

    def _import(self, actor, o) -> None:
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        batch, created = claims_decisions_import(actor=actor, path=path)
        lines = list(batch.lines.order_by("row_number"))
        if o["json"]:
            out = {
                "id": batch.pk,
                "created": created,
                "rows_total": batch.rows_total,
                "decided": batch.decided,
                "flagged": batch.flagged,
                "refused": batch.refused,
                "unmatched": batch.unmatched,
                "lines": [
                    {"row": x.row_number, "claim": x.claim_id, "outcome": x.outcome, "message": x.message}
                    for x in lines
                ],
            }
            self.stdout.write(json.dumps(out))
            return
        verb = "diimpor" if created else "sudah pernah diimpor; tidak ada yang diubah"
        self.stdout.write(
            f"Keputusan #{batch.pk} ({batch.original_name}) {verb}: {batch.rows_total} baris, "
            f"{batch.decided} diputuskan, {batch.flagged} ditandai, {batch.refused} ditolak, "
            f"{batch.unmatched} tidak cocok."
        )
        for x in lines:
            if x.outcome != "decided":
                self.stdout.write(f"  {x.message}")
