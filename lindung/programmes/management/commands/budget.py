from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from lindung.core.money import rupiah, rupiah_words
from lindung.core.months import month_label
from lindung.programmes.planner import (
    PlanParams,
    PlanRefused,
    budget_plan,
    plan_month_parse,
    plan_params_for_programme,
)
from lindung.programmes.selectors import programme_get

EXAMPLE = (
    "Contoh: lindung budget plan --region 61.07 --per-village 100 --months 12 --start 2026-01 "
    "--income 1000000 --funding apbd_kabupaten; menurut jumlah orang: --region 62.03 --total 10000 "
    "--months 12 --start 2026-01 --funding apbd_kabupaten"
)


class Command(BaseCommand):
    help = "Rencana anggaran iuran BPJS Ketenagakerjaan per desa, kecamatan dan kabupaten."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        plan = sub.add_parser(
            "plan",
            help="Hitung kebutuhan iuran per bulan dan per tahun, dibandingkan dengan pagu. " + EXAMPLE,
        )
        plan.add_argument(
            "--programme", help="Kode program: pakai kuota, bulan, penghasilan dan sumber dananya."
        )
        plan.add_argument(
            "--region", help="Kode wilayah (provinsi, kabupaten, kecamatan atau desa), mis. 61.07."
        )
        plan.add_argument("--per-village", type=int, help="Kuota peserta per desa, mis. 100.")
        plan.add_argument(
            "--total",
            type=int,
            help="Kuota total peserta (jumlah orang), mis. 10000; bersama --per-village menjadi batas atas.",
        )
        plan.add_argument("--months", type=int, help="Jumlah bulan cakupan (1–12).")
        plan.add_argument("--start", help="Bulan pertama, TTTT-BB, mis. 2026-01.")
        plan.add_argument(
            "--income",
            type=int,
            help="Penghasilan yang dilaporkan (BPU) atau siltap (PU), rupiah. Bawaan 1000000.",
        )
        plan.add_argument(
            "--funding",
            help="Sumber dana: apbn, apbd_provinsi, apbd_kabupaten, apbdes, dbh_sawit, dbh_dr, csr, asn, donor.",
        )
        plan.add_argument("--segment", choices=["BPU", "PU"], help="Segmen peserta. Bawaan BPU.")
        plan.add_argument(
            "--category", default="", help="Kategori pekerja (mis. transportasi) untuk potongan sektor."
        )
        plan.add_argument("--jht", action="store_true", help="Sertakan JHT.")
        plan.add_argument("--jp", action="store_true", help="Sertakan JP (hanya PU).")
        plan.add_argument(
            "--include-kelurahan", action="store_true", help="Hitung kelurahan juga, bukan hanya desa."
        )
        plan.add_argument("--ceiling", type=int, help="Pagu anggaran (rupiah) untuk dibandingkan.")
        plan.add_argument("--villages", action="store_true", help="Tampilkan juga rincian per desa.")
        plan.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, *args, action: str, **o):
        try:
            plan = budget_plan(self._params(o), programme=self._programme, with_villages=o["villages"])
        except (PlanRefused, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if o["json"]:
            self.stdout.write(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(plan)

    def _params(self, o) -> PlanParams:
        self._programme = None
        if o["programme"]:
            self._programme = programme_get(o["programme"])
            if self._programme is None:
                raise CommandError(f'Program "{o["programme"]}" tidak ditemukan.')
            return plan_params_for_programme(
                self._programme,
                region_code=o["region"],
                per_village=o["per_village"],
                total_quota=o["total"],
                months=o["months"],
                start=plan_month_parse(o["start"]) if o["start"] else None,
                income=o["income"],
                funding_source=o["funding"],
                budget_ceiling=o["ceiling"],
                category=o["category"] or None,
                include_kelurahan=o["include_kelurahan"] or None,
            )
        missing = [
            f"--{k.replace('_', '-')}" for k in ("region", "months", "start", "funding") if o[k] is None
        ]
        if o["per_village"] is None and o["total"] is None:
            missing.append("--per-village atau --total")
        if missing:
            raise CommandError(f"Tanpa --programme, isi juga: {', '.join(missing)}. {EXAMPLE}")
        return PlanParams(
            region_code=o["region"],
            per_village=o["per_village"],
            total_quota=o["total"],
            months=o["months"],
            start=plan_month_parse(o["start"]),
            income=o["income"] or 1_000_000,
            funding_source=o["funding"],
            segment=o["segment"] or "BPU",
            category=o["category"],
            include_jht=o["jht"],
            include_jp=o["jp"],
            include_kelurahan=o["include_kelurahan"],
            budget_ceiling=o["ceiling"],
        )

    def _print(self, plan) -> None:
        p = plan.params
        w = self.stdout.write
        w(f"Rencana anggaran iuran: {plan.region_name} ({p.region_code or 'nasional'})")
        if p.programme_code:
            w(f"Program: {p.programme_code}")
        w(
            f"Sumber dana {p.funding_source}, segmen {p.segment}, penghasilan {rupiah(p.income)}, "
            f"{p.months} bulan mulai {month_label(p.start)}"
        )
        w("Iuran per orang per bulan:")
        for first, last, amount in plan.month_runs():
            span = month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"
            quote = next(m.contribution for m in plan.months if m.month == first)
            parts = " + ".join(f"{line.component} {rupiah(line.employer)}" for line in quote.lines)
            extra = f"; {quote.discount_name}" if quote.discount else ""
            w(f"  {span}: {rupiah(amount)} ({parts}{extra})")
            if quote.discount:
                for caution in plan.cautions:
                    w(f"    {caution}")
        if plan.per_village_formula():
            w(f"Per desa: {plan.per_village_formula()}")
        w(f"Desa: {_n(plan.villages)}   Peserta: {_n(plan.people)}")
        w(f"Total: {rupiah(plan.total)}")
        w(f"       ({rupiah_words(plan.total)})")
        w(f"       = {plan.formula()}")
        for caution in plan.cautions:
            w(f"       {caution}")
        if plan.params.budget_ceiling is not None:
            gap = plan.ceiling_gap
            verdict = f"cukup, sisa {rupiah(gap)}" if gap >= 0 else f"KURANG {rupiah(-gap)}"
            w(f"Pagu: {rupiah(plan.params.budget_ceiling)} → {verdict}")
        tables = [("Per kabupaten/kota", plan.kabupaten)] if len(plan.kabupaten) > 1 else []
        if plan.kecamatan:
            tables.append(("Per kecamatan", plan.kecamatan))
        if plan.desa:
            tables.append(("Per desa", plan.desa))
        for title, rows in tables:
            w("")
            w(title)
            w(f"  {'kode':<14}{'nama':<28}{'desa':>6}{'peserta':>9}{'per bulan':>18}{'total':>20}")
            for a in rows:
                w(
                    f"  {a.code:<14}{a.name[:27]:<28}{_n(a.villages):>6}{_n(a.quota):>9}"
                    f"{rupiah(a.monthly):>18}{rupiah(a.total):>20}"
                )
        for note in plan.notes:
            w(f"Catatan: {note}")


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")
