"""Recommendations derived from the monev figures by written rules. Each rule reads figures only.

R1 ``desa_di_bawah_separuh_kuota``: a village whose quota places are less than half taken (proposed,
   verified, submitted, active or non-active people < 50 % of its quota). Named, lowest first.
R2 ``anggaran_tidak_mencapai_target``: a region (this one or a region directly below it) with a working
   population and a UCJ target, where enrolling the people still missing (the gap) would cost more than the
   ceiling left after commitments. The cost per person is the region's own average commitment per funded
   person, or, with nobody funded yet, a year of the minimum package (Rp 16.800 × 12 months, APBD).
R3 ``peserta_hampir_kehilangan_perlindungan``: active participants whose unpaid months run to 2 or 3
   (the payment rule's limit N): one more unpaid month and the JKK/JKM rights end (PP 44/2015 Art 39(2),
   42(2)). Counted per village, most first; no names leave this layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .formatting import money, number, percent_text

HALF_QUOTA_RULE = "desa_di_bawah_separuh_kuota"
BUDGET_RULE = "anggaran_tidak_mencapai_target"
ARREARS_RULE = "peserta_hampir_kehilangan_perlindungan"

RULES: dict[str, str] = {
    HALF_QUOTA_RULE: "Desa yang kuotanya terisi kurang dari separuh (diusulkan s.d. non-aktif < 50 % kuota).",
    BUDGET_RULE: "Wilayah yang sisa pagunya tidak cukup untuk menutup kesenjangan target UCJ.",
    ARREARS_RULE: "Peserta aktif yang menunggak 2 sampai N bulan berturut-turut (N dari aturan pembayaran).",
}


@dataclass
class Recommendation:
    rule: str
    title: str
    text: str
    items: list[str] = field(default_factory=list)
    more: str = ""  # what the list leaves out, e.g. "dan 12 desa lainnya"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "text": self.text,
            "items": self.items,
            "more": self.more,
        }


def _lapse_limit(period) -> int:
    """The payment rule's limit in force for the month (PP 44/2015: 3), cached like the figures."""
    from django.core.cache import cache

    from lindung.contributions.selectors import RuleBook

    key = f"monev:lapse:{period:%Y-%m}"
    limit = cache.get(key)
    if limit is None:
        try:
            limit = RuleBook.load().payment_rule("BPU", period).lapse_after_unpaid_months
        except LookupError:
            limit = 3
        cache.set(key, limit, 600)
    return limit


def _half_quota(figures) -> Recommendation | None:
    c = figures.counts
    if not c.villages_below_half:
        return None
    items = [
        f"{v.name} ({v.code}): {number(v.counts.occupying)} dari kuota {number(v.counts.quota)} "
        f"({percent_text(v.counts.commitment_percent)})"
        for v in figures.low_villages
    ]
    return Recommendation(
        rule=HALF_QUOTA_RULE,
        title="Desa di bawah separuh kuota",
        text=(
            f"{number(c.villages_below_half)} dari {number(c.villages)} desa berkuota baru mengisi kurang dari "
            "separuh kuotanya. Dampingi operator desa tersebut untuk mengusulkan pekerja rentan, atau alihkan "
            "kuota ke desa yang antreannya panjang."
        ),
        items=items,
        more=f"dan {number(c.villages_below_half - len(items))} desa lainnya"
        if c.villages_below_half > len(items)
        else "",
    )


def budget_shortfall(*, ucj, ceiling: int, counts, person_year_cost: int) -> dict[str, int] | None:
    """What closing the UCJ gap costs against the ceiling left; None when there is no shortfall to report."""
    gap = ucj.gap_people if ucj is not None else None
    if not gap:
        return None
    per_person = counts.committed // counts.funded if counts.funded and counts.committed else person_year_cost
    if not per_person:
        return None
    need = gap * per_person
    left = ceiling - counts.committed
    if need <= max(left, 0):
        return None
    return {"gap": gap, "per_person": per_person, "need": need, "left": left, "short": need - max(left, 0)}


def _budget(figures) -> Recommendation | None:
    areas = [(figures.region_name, figures.ucj, figures.budget.ceiling, figures.counts)]
    areas += [(c.name, c.ucj, c.ceiling, c.counts) for c in figures.children]
    items = []
    for name, ucj, ceiling, counts in areas:
        short = budget_shortfall(
            ucj=ucj, ceiling=ceiling, counts=counts, person_year_cost=figures.person_year_cost
        )
        if short is None:
            continue
        items.append(
            f"{name}: kurang {number(short['gap'])} peserta untuk target {percent_text(ucj.target_percent)}; "
            f"perlu {money(short['need'])} ({money(short['per_person'])} per orang per tahun), sisa pagu "
            f"{money(short['left'])}, kekurangan {money(short['short'])}"
        )
    if not items:
        return None
    return Recommendation(
        rule=BUDGET_RULE,
        title="Anggaran belum cukup untuk target UCJ",
        text=(
            "Sisa pagu wilayah berikut tidak cukup untuk menutup kesenjangan target UCJ. Usulkan tambahan "
            "anggaran (APBD, DBH sawit/DR bila memenuhi syarat) atau galang sponsor CSR/ASN."
        ),
        items=items,
    )


def _arrears(figures) -> Recommendation | None:
    n = figures.counts.at_risk
    if not n:
        return None
    limit = _lapse_limit(figures.period)
    items = [f"{v.name} ({v.code}): {number(v.counts.at_risk)} peserta" for v in figures.risk_villages]
    listed = sum(v.counts.at_risk for v in figures.risk_villages)
    return Recommendation(
        rule=ARREARS_RULE,
        title="Peserta hampir kehilangan perlindungan",
        text=(
            f"{number(n)} peserta aktif menunggak 2–{limit} bulan berturut-turut. Bayar tunggakannya bulan ini: "
            f"lebih dari {limit} bulan menunggak, hak JKK dan JKM hilang (PP 44/2015 Pasal 39 ayat 2, "
            "Pasal 42 ayat 2)."
        ),
        items=items,
        more=f"dan {number(n - listed)} peserta di desa lain" if n > listed else "",
    )


def recommendations_for(figures) -> list[Recommendation]:
    return [r for r in (_half_quota(figures), _budget(figures), _arrears(figures)) if r is not None]
