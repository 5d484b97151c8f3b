"""``lindung registry``: social-registry extracts (DTSEN, DTKS, P3KE) and the programmes' decile rules.

The command lives in the transfer app because importing reads the file (``transfer.registry_import``); every
subcommand calls the same services and selectors as the pages and the API.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.core.commands import user_named
from lindung.programmes.selectors import programmes_visible_to
from lindung.registry.models import RegistryKind
from lindung.registry.selectors import decile_rules_of, edition_for, editions_visible_to, vulnerable_counts
from lindung.registry.services import RegistryRefused, decile_rule_add, registry_edition_rematch

from ...reading import ImportRefused
from ...registry_import import registry_extract_import

EXAMPLE = (
    "Contoh: lindung registry import dtsen-kapuas.xlsx --kind dtsen --date 2026-03-01 --region 62.03 "
    "--user verifikator"
)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'{option}: "{text}" bukan tanggal TTTT-BB-HH.') from None


class Command(BaseCommand):
    help = "Ekstrak registri sosial (DTSEN, DTKS, P3KE) dan batas desil program. " + EXAMPLE

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Impor satu ekstrak (XLSX atau CSV) sebagai satu edisi.")
        imp.add_argument("file", help="Berkas ekstrak.")
        imp.add_argument("--kind", required=True, choices=RegistryKind.values, help="Jenis registri.")
        imp.add_argument("--date", required=True, help="Tanggal edisi, TTTT-BB-HH.")
        imp.add_argument("--region", required=True, help="Kode wilayah ekstrak, mis. 62.03.")
        imp.add_argument(
            "--vulnerable-decile", type=int, default=4, help="Pekerja rentan: desil paling tinggi (bawaan 4)."
        )
        imp.add_argument("--user", default="", help="Nama pengguna yang mengimpor (kosong: Lindung sendiri).")
        editions = sub.add_parser("editions", help="Daftar edisi yang sudah diimpor.")
        editions.add_argument("--user", default="", help="Nama pengguna yang membaca.")
        rematch = sub.add_parser(
            "rematch", help="Cocokkan ulang satu edisi dengan pekerja yang ada sekarang."
        )
        rematch.add_argument("--edition", required=True, type=int, help="Nomor edisi.")
        rematch.add_argument("--user", default="", help="Nama pengguna.")
        rules = sub.add_parser("rules", help="Daftar batas desil program.")
        rules.add_argument("--programme", default="", help="Kode program (kosong: semua).")
        rules.add_argument("--user", default="", help="Nama pengguna yang membaca.")
        add = sub.add_parser("rule-add", help="Tetapkan batas desil satu program (baris aturan baru).")
        add.add_argument("--programme", required=True, help="Kode program.")
        add.add_argument("--max-decile", required=True, type=int, help="Desil paling tinggi, 1-10.")
        add.add_argument("--from", dest="valid_from", required=True, help="Berlaku mulai, TTTT-BB-HH.")
        add.add_argument("--basis", required=True, help="Dasar hukum.")
        add.add_argument("--note", default="", help="Catatan.")
        add.add_argument("--user", default="", help="Nama pengguna admin program.")
        counts = sub.add_parser("counts", help="Jumlah pekerja rentan per wilayah dari registri sosial.")
        counts.add_argument("--year", required=True, type=int, help="Tahun, mis. 2026.")
        counts.add_argument("--user", default="", help="Nama pengguna yang membaca.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        try:
            getattr(self, "_" + action.replace("-", "_"))(actor, o)
        except AccessRefused as exc:
            raise CommandError(str(exc)) from None
        except (ImportRefused, RegistryRefused) as exc:
            raise CommandError(str(exc)) from None

    def _import(self, actor, o) -> None:
        result = registry_extract_import(
            actor=actor,
            path=o["file"],
            kind=o["kind"],
            edition_date=_date(o["date"], "--date"),
            region_code=o["region"],
            vulnerable_max_decile=o["vulnerable_decile"],
        )
        e = result.edition
        if not result.created:
            same = "" if result.same_file else " dari berkas lain"
            self.stdout.write(f"Edisi #{e.pk} ({e}) sudah diimpor{same}; tidak ada yang berubah.")
            return
        self.stdout.write(
            f"Edisi #{e.pk} ({e}): {e.rows_total} baris; {e.rows_imported} diimpor "
            f"({e.rows_flagged} ditandai), {e.rows_rejected} ditolak."
        )
        if e.missing_columns:
            self.stdout.write("Kolom tidak ada: " + ", ".join(e.missing_columns))
        for p in e.problems.order_by("row_number", "pk"):
            self.stdout.write(f"  baris {p.row_number} ({p.get_outcome_display()}, {p.field}): {p.message}")

    def _editions(self, actor, o) -> None:
        for e in editions_visible_to(actor):
            self.stdout.write(
                f"#{e.pk}\t{e}\t{e.rows_imported} diimpor\t{e.rows_flagged} ditandai\t{e.rows_rejected} ditolak"
            )

    def _rematch(self, actor, o) -> None:
        edition = edition_for(actor, o["edition"])
        if edition is None:
            raise CommandError(f"Edisi #{o['edition']} tidak ditemukan di wilayah Anda.")
        matched = registry_edition_rematch(actor=actor, edition=edition)
        self.stdout.write(f"Edisi #{edition.pk}: {matched} pekerja cocok.")

    def _rules(self, actor, o) -> None:
        programmes = programmes_visible_to(actor)
        if o["programme"]:
            programmes = programmes.filter(code=o["programme"])
        for r in decile_rules_of(programmes):
            self.stdout.write(
                f"{r.programme.code}\tdesil ≤ {r.max_decile}\tmulai {r.valid_from}\t{r.legal_basis}"
            )

    def _rule_add(self, actor, o) -> None:
        programme = programmes_visible_to(actor).filter(code=o["programme"]).first()
        if programme is None:
            raise CommandError(f"Program {o['programme']} tidak ditemukan di wilayah Anda.")
        rule = decile_rule_add(
            actor=actor,
            programme=programme,
            max_decile=o["max_decile"],
            valid_from=_date(o["valid_from"], "--from"),
            legal_basis=o["basis"],
            note=o["note"],
        )
        self.stdout.write(f"{programme.code}: desil ≤ {rule.max_decile} mulai {rule.valid_from}.")

    def _counts(self, actor, o) -> None:
        for code, n in sorted(vulnerable_counts(actor, o["year"]).items()):
            self.stdout.write(f"{code}\t{n}")
