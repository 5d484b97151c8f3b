"""``lindung arrears``: members with unpaid due months, by programme and village (the arrears selector)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.billing.selectors import arrears_list
from lindung.core.commands import user_named
from lindung.core.money import rupiah
from lindung.programmes.selectors import programmes_visible_to

from .lapse import parse_day


class Command(BaseCommand):
    help = (
        "Daftar tunggakan per nama: bulan belum dibayar, jumlah, dan tanggal menjadi non-aktif. "
        "Contoh: lindung arrears --programme kapuas-2026 --village 62.03.17.2002 --date 2026-05-19"
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="Kode program.")
        parser.add_argument("--village", default="", help="Kode desa, mis. 62.03.17.2002 (bawaan: semua).")
        parser.add_argument("--date", default="", help="Per tanggal, TTTT-BB-HH (bawaan: hari ini).")
        parser.add_argument(
            "--user", default="", help="Tampilkan sebagai pengguna ini (wilayah dan jejak audit)."
        )

    def handle(self, *args, programme: str, village: str, date: str, user: str, **options):
        as_of = parse_day(date) if date else timezone.localdate()
        actor = user_named(user)
        prog = programmes_visible_to(actor).filter(code=programme).first()
        if prog is None:
            raise CommandError(f'Program "{programme}" tidak ditemukan di wilayah Anda.')
        try:
            result = arrears_list(
                actor=actor, as_of=as_of, programme=prog, village=village or None, channel="CLI"
            )
        except AccessRefused as exc:
            raise CommandError(str(exc)) from None
        for r in result.rows:
            self.stdout.write(
                f"{r.village_name}\t{r.full_name}\t{r.nik}\t{r.kpj or '-'}\t{', '.join(r.unpaid_labels)}\t"
                f"{rupiah(r.amount)}\t{r.note}"
            )
        self.stdout.write(
            f"{len(result.rows)} peserta menunggak per {as_of:%d-%m-%Y}, jumlah {rupiah(result.amount)}."
        )
