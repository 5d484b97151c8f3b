from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.core.commands import user_named
from lindung.core.money import rupiah
from lindung.funding.selectors import FundingPicture, PictureRefused, funding_picture

EXAMPLE = "Contoh: lindung funding picture --region 62.03 --year 2026 --user admin_kapuas"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Command(BaseCommand):
    help = "Gambaran pendanaan satu kabupaten/kota: semua program dan sumber dana per bulan."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        picture = sub.add_parser(
            "picture",
            help="Orang direncanakan, anggaran, peserta tanpa ganda, tagihan dan pembayaran per bulan. "
            + EXAMPLE,
        )
        picture.add_argument("--region", required=True, help="Kode kabupaten/kota, mis. 62.03.")
        picture.add_argument("--year", type=int, help="Tahun anggaran. Bawaan tahun ini.")
        picture.add_argument("--json", action="store_true", help="Keluaran JSON.")
        picture.add_argument("--user", default="", help="Jalankan sebagai pengguna ini (wilayah dan hak).")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year
        try:
            picture = funding_picture(
                actor=user_named(options["user"]), region_code=options["region"].strip(), year=year
            )
        except (AccessRefused, PictureRefused) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(picture.to_dict(), indent=2, ensure_ascii=False))
            return
        self.stdout.write(self._text(picture))

    def _text(self, picture: FundingPicture) -> str:
        lines = [f"Gambaran pendanaan {picture.region.name} ({picture.region.code}), {picture.year}", ""]
        for line in picture.programmes:
            lines.append(
                f"  {line.programme.code}: {line.source_label}: {_number(line.planned)} orang, "
                f"{rupiah(line.committed)}" + (f" ({line.note})" if line.note else "")
            )
        lines += [
            "",
            f"Jumlah direncanakan: {_number(picture.planned)} orang, {rupiah(picture.committed)}",
            f"Ditagih: {rupiah(picture.billed)}; dibayar: {rupiah(picture.paid)}",
            "",
            "Bulan    direncanakan  peserta  ganda  ditagih  dibayar",
        ]
        for m in picture.months:
            lines.append(
                f"{m.month:%Y-%m}  {_number(m.planned)}  {_number(m.enrolled)}  {_number(m.overlap)}  "
                f"{rupiah(m.billed)}  {rupiah(m.paid)}"
            )
        return "\n".join(lines) + "\n"
