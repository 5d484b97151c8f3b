"""``lindung duplicates``: scan the registry for probable duplicates, list them, merge or mark distinct."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.core.commands import user_named
from lindung.dedup.selectors import pair_for, pairs_view_record, pairs_visible_to
from lindung.dedup.services import MergeRefused, duplicate_distinct, duplicate_merge, duplicates_scan
from lindung.people.selectors import nik_for_display

EXAMPLE = (
    "Contoh: lindung duplicates scan --region 62.03 --user verifikator; lindung duplicates list --user "
    "verifikator; lindung duplicates merge --pair 12 --keep 3401 --user verifikator; "
    "lindung duplicates distinct --pair 13 --user verifikator"
)


class Command(BaseCommand):
    help = (
        "Kemungkinan data ganda di registri: cari, tampilkan, gabungkan, atau tandai orang berbeda. "
        + EXAMPLE
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser(
            "scan", help="Cari kemungkinan data ganda di satu wilayah (bawaan: wilayah akun)."
        )
        scan.add_argument("--region", default=None, help="Kode wilayah, mis. 62.03 (bawaan: wilayah akun).")
        scan.add_argument("--user", default="", help="Nama pengguna verifikator (bawaan: sistem).")
        listing = sub.add_parser(
            "list", help="Tampilkan pasangan yang menunggu keputusan, skor tertinggi dulu."
        )
        listing.add_argument("--limit", type=int, default=50, help="Jumlah pasangan (bawaan 50).")
        listing.add_argument("--user", default="", help="Tampilkan sebagaimana dilihat pengguna ini.")
        merge = sub.add_parser("merge", help="Gabungkan satu pasangan ke salah satu datanya.")
        merge.add_argument("--pair", type=int, required=True, help="Nomor pasangan (dari list).")
        merge.add_argument("--keep", type=int, required=True, help="Id pekerja yang dipertahankan.")
        merge.add_argument("--user", default="", help="Nama pengguna verifikator.")
        distinct = sub.add_parser("distinct", help="Tandai pasangan sebagai dua orang berbeda.")
        distinct.add_argument("--pair", type=int, required=True, help="Nomor pasangan (dari list).")
        distinct.add_argument("--user", default="", help="Nama pengguna verifikator.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o.get("user") or "")
        try:
            getattr(self, f"_{action}")(actor, o)
        except (MergeRefused, AccessRefused) as exc:
            raise CommandError(str(exc)) from None

    def _scan(self, actor, o) -> None:
        result = duplicates_scan(actor=actor, region_code=o["region"])
        self.stdout.write(
            f"{result.people} orang, {result.candidates} pasangan calon dinilai, {result.found} kemungkinan "
            f"data ganda ({result.new} baru)."
        )

    def _list(self, actor, o) -> None:
        pairs = list(pairs_visible_to(actor)[: max(1, o["limit"])])
        pairs_view_record(actor, pairs, where="CLI")
        if not pairs:
            self.stdout.write("Tidak ada pasangan yang menunggu keputusan.")
        for pair in pairs:
            a, b = pair.worker_a, pair.worker_b
            self.stdout.write(
                f"#{pair.pk} skor {pair.score} ({pair.get_basis_display()}): "
                f"[{a.pk}] {a.full_name} {nik_for_display(actor, a.nik)} {a.birth_date:%d-%m-%Y} {a.village_id} | "
                f"[{b.pk}] {b.full_name} {nik_for_display(actor, b.nik)} {b.birth_date:%d-%m-%Y} {b.village_id}"
            )

    def _pair(self, actor, pk: int):
        try:
            return pair_for(actor, pk)
        except Exception:
            raise CommandError(f"Pasangan #{pk} tidak ditemukan.") from None

    def _merge(self, actor, o) -> None:
        pair = self._pair(actor, o["pair"])
        keep = {pair.worker_a_id: pair.worker_a, pair.worker_b_id: pair.worker_b}.get(o["keep"])
        if keep is None:
            raise CommandError(f"--keep {o['keep']}: bukan salah satu dari pasangan #{pair.pk}.")
        merge = duplicate_merge(actor=actor, pair=pair, keep=keep)
        moved = ", ".join(f"{table}: {count}" for table, count in merge.moved.items()) or "tidak ada"
        self.stdout.write(f"Digabung ke pekerja #{keep.pk}; baris dipindahkan: {moved}.")

    def _distinct(self, actor, o) -> None:
        pair = duplicate_distinct(actor=actor, pair=self._pair(actor, o["pair"]))
        self.stdout.write(f"Pasangan #{pair.pk} ditandai dua orang berbeda.")
