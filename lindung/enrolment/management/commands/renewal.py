from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from lindung.accounts.access import AccessRefused
from lindung.core.commands import user_named
from lindung.core.money import rupiah
from lindung.enrolment.services import (
    HandoverRefused,
    RenewalRefused,
    handover_confirm,
    handover_preview,
    renewal_confirm,
    renewal_preview,
)
from lindung.programmes.selectors import programme_get

EXAMPLE = "Contoh: lindung renewal preview --from kapuas-2026 --to kapuas-2027 --user admin.kapuas"


class Command(BaseCommand):
    help = "Melanjutkan peserta ke program tahun anggaran berikutnya, dan serah terima ke iuran mandiri."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            (
                "preview",
                "Pratinjau per desa: dilanjutkan, tidak dilanjutkan (alasan), sisa kuota. " + EXAMPLE,
            ),
            (
                "confirm",
                "Lanjutkan peserta aktif program asal ke program tujuan (sekali jalan; aman diulang).",
            ),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("--from", dest="source", required=True, help="Kode program asal.")
            p.add_argument("--to", dest="target", required=True, help="Kode program tujuan.")
            self._common(p)
        h = sub.add_parser(
            "handover",
            help="Serah terima: daftar pemberitahuan per desa; dengan --confirm peserta diakhiri "
            "(program berakhir) dan membayar mandiri.",
        )
        h.add_argument("--programme", required=True, help="Kode program yang masa iurannya sudah berakhir.")
        h.add_argument("--confirm", action="store_true", help="Akhiri peserta (bukan hanya pratinjau).")
        self._common(h)

    def _common(self, parser) -> None:
        parser.add_argument(
            "--user", required=True, help="Jalankan sebagai pengguna ini (peran, wilayah, jejak audit)."
        )
        parser.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, *args, action: str, **o):
        actor = user_named(o["user"])
        try:
            data = self._handover(actor, o) if action == "handover" else self._renewal(actor, action, o)
        except (AccessRefused, RenewalRefused, HandoverRefused) as exc:
            raise CommandError(str(exc)) from exc
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _programme(self, code: str):
        programme = programme_get(code)
        if programme is None:
            raise CommandError(f'Program "{code}" tidak ditemukan.')
        return programme

    def _renewal(self, actor, action: str, o) -> dict:
        source, target = self._programme(o["source"]), self._programme(o["target"])
        service = renewal_confirm if action == "confirm" else renewal_preview
        result = service(actor=actor, source=source, target=target)
        data = result.to_dict()
        if not o["json"]:
            w = self.stdout.write
            w(f"Pelanjutan {source.code} → {target.code}")
            for v in data["villages"]:
                left = "-" if v["places_left"] is None else v["places_left"]
                w(
                    f"  {v['village']} {v['village_name']}: dilanjutkan {v['carried']}, "
                    f"sudah ada {v['already_in_target']}, tidak dilanjutkan {len(v['dropped'])}, sisa kuota {left}"
                )
                for d in v["dropped"]:
                    w(f"    - {d['name']}: {'; '.join(r['message'] for r in d['reasons'])}")
            w(
                f"Jumlah: dilanjutkan {data['carried']}, tidak dilanjutkan {data['dropped']}, "
                f"sudah ada {data['already_in_target']}."
            )
            if action == "confirm":
                w(f"Dibuat {data['created']} kepesertaan baru (dikirim ke BPJS, KPJ lama).")
        return data

    def _handover(self, actor, o) -> dict:
        programme = self._programme(o["programme"])
        if o["confirm"]:
            data = handover_confirm(actor=actor, programme=programme).to_dict()
        else:
            data = handover_preview(actor=actor, programme=programme).to_dict()
        if not o["json"]:
            w = self.stdout.write
            w(f"Serah terima {programme.code}: mulai {data['first_self_paid_month']} iuran dibayar mandiri.")
            w(data["due_rule"])
            for v in data["villages"]:
                w(f"  {v['village']} {v['village_name']}: {len(v['members'])} peserta")
                for m in v["members"]:
                    w(f"    - {m['name']} {m['nik']} KPJ {m['kpj'] or '-'}: {rupiah(m['monthly'])}/bulan")
            if o["confirm"]:
                w(f"Diakhiri {data['ended']} peserta (program berakhir).")
            else:
                w(f"Belum diakhiri: {data['pending']} peserta. Jalankan dengan --confirm.")
        return data
