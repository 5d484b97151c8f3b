from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lindung.contributions.selectors import rules_in_force
from lindung.contributions.services import BracketsRefused, income_brackets_load
from lindung.core.money import rupiah
from lindung.core.months import month_label, month_parse


class Command(BaseCommand):
    help = (
        "Tabel tarif iuran, golongan penghasilan BPU, potongan dan aturan pembayaran (aturan sebagai data)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("list", help="Tampilkan baris aturan yang berlaku pada satu bulan iuran.")
        show.add_argument("--month", default=None, help="Bulan iuran TTTT-BB (bawaan: bulan ini).")
        show.add_argument("--json", action="store_true", help="Keluaran JSON.")
        load = sub.add_parser(
            "load-brackets",
            help="Muat golongan penghasilan BPU (PP 44/2015 Lampiran II) dari CSV: kolom income, jkk_amount, "
            "valid_from (opsional), legal_basis (opsional).",
        )
        load.add_argument("file", help="Berkas CSV.")

    def handle(self, *args, action: str, **o):
        if action == "load-brackets":
            try:
                report = income_brackets_load(actor=None, path=o["file"])
            except BracketsRefused as exc:
                raise CommandError(
                    "Tidak ada yang dimuat:\n" + "\n".join(f"- {e}" for e in exc.errors)
                ) from exc
            self.stdout.write(f"Golongan penghasilan: {report.added} baru, {report.unchanged} sudah ada.")
            for warning in report.warnings:
                self.stdout.write(f"- PERINGATAN {warning}")
            return
        try:
            month = month_parse(o["month"]) if o["month"] else timezone.localdate().replace(day=1)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        rules = rules_in_force(month)
        if o["json"]:
            self.stdout.write(json.dumps(_as_json(rules), ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        w(f"Aturan iuran yang berlaku untuk {month_label(month)}")
        w("Tarif:")
        for r in rules["rates"]:
            if r.kind == "flat":
                value = rupiah(r.amount)
            elif r.kind == "percent":
                value = f"{r.percent.normalize()}%".replace(".", ",")
            else:
                value = "per golongan penghasilan"
            optional = " (pilihan)" if r.optional else ""
            w(f"  {r.segment:<4}{r.component:<4}{value}{optional} — {r.legal_basis}")
        w("Golongan penghasilan BPU:")
        for b in rules["brackets"]:
            w(f"  {rupiah(b.income_from)}: JKK {rupiah(b.jkk_amount)} — {b.legal_basis}")
        w("Potongan:")
        for d in rules["discounts"] or []:
            w(
                f"  {d.name}; tidak berlaku untuk: {', '.join(d.excluded_funding_sources) or '-'} — {d.legal_basis}"
            )
        if not rules["discounts"]:
            w("  (tidak ada)")
        w("Aturan pembayaran:")
        for p in rules["payment_rules"]:
            when = {0: "bulan iuran itu", 1: "bulan berikutnya"}.get(
                p.due_month_offset, f"{p.due_month_offset} bulan setelah bulan iuran"
            )
            w(
                f"  {p.segment}: paling lambat tanggal {p.due_day} {when}; non-aktif setelah menunggak lebih "
                f"dari {p.lapse_after_unpaid_months} bulan — {p.legal_basis}"
            )


def _as_json(rules) -> dict:
    def row(obj) -> dict:
        data = {}
        for f in obj._meta.concrete_fields:
            value = getattr(obj, f.attname)
            data[f.name] = (
                str(value) if value is not None and not isinstance(value, int | list | bool) else value
            )
        return data

    return {k: [row(x) for x in v] for k, v in rules.items()}
