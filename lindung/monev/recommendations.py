"""Recommendations derived from the monev figures by written rules. Each rule reads figures only.

R1 ``desa_di_bawah_separuh_kuota``: a village whose quota places are taken below the month's threshold
   (proposed, verified, submitted, active or non-active people < ``MonevThreshold`` "quota_behind" % of its
   quota; the code keeps the name of the rule's first value, 50 %). Named, lowest first.
R2 ``anggaran_tidak_mencapai_target``: a region (this one or a region directly below it) with a working
   population and a UCJ target, where enrolling the people still missing (the gap) would cost more than the
   ceiling left after commitments. The cost per person is the region's own average commitment per funded
   person, or, with nobody funded yet, a year of the minimum package (Rp 16.800 × 12 months, APBD).
R3 ``peserta_hampir_kehilangan_perlindungan``: active participants whose unpaid months run to 2 or 3
   (the payment rule's limit N): one more unpaid month and the JKK/JKM rights end (PP 44/2015 Art 39(2),
   42(2)). Counted per village, most first; no names leave this layer.
R4 ``komitmen_melebihi_pagu``: every commitment above its ceiling, at every level the page can name: the
   region, each programme line, each region one level down and, on a province or kabupaten page, every
   village below (``selectors.overcommitment``, passed in by ``build_figures``). The region first, then the
   largest excess first.

R2 prices only an insurer-based gap (``selectors.ucj``): a UCJ that falls back to the programme's own people
counts the wrong people (every participant outside the programme looks missing), so no budget is sized from it.

Every rule reads figures only, rule values included (``Figures.quota_threshold``, ``Figures.lapse_limit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, ngettext

from .formatting import money, number, percent_text

HALF_QUOTA_RULE = "desa_di_bawah_separuh_kuota"
BUDGET_RULE = "anggaran_tidak_mencapai_target"
ARREARS_RULE = "peserta_hampir_kehilangan_perlindungan"
OVER_CEILING_RULE = "komitmen_melebihi_pagu"
OVER_CEILING_LIMIT = 20


def rule_texts(quota_threshold: Decimal) -> dict[str, str]:
    """Each rule's code and what it says, in the active language, with the month's threshold."""
    threshold = percent_text(quota_threshold, places=None)
    return {
        HALF_QUOTA_RULE: gettext(
            "Desa yang kuotanya terisi kurang dari %(threshold)s (diusulkan s.d. non-aktif dibanding kuota desa)."
        )
        % {"threshold": threshold},
        BUDGET_RULE: gettext("Wilayah yang sisa pagunya tidak cukup untuk menutup kesenjangan target UCJ."),
        ARREARS_RULE: gettext(
            "Peserta aktif yang menunggak 2 sampai N bulan berturut-turut (N dari aturan pembayaran)."
        ),
        OVER_CEILING_RULE: gettext(
            "Komitmen iuran yang melebihi pagu: wilayah, program, wilayah di bawahnya, dan desa."
        ),
    }


@dataclass
class Recommendation:
    """A rule's finding as figures; its words are written when read, in the reader's language.

    The figures a recommendation belongs to are cached once for every language, so no text is kept here.
    ``facts`` are the rule's totals, ``rows`` one dict per region or village it names.
    """

    rule: str
    facts: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _WRITERS[self.rule].title(self.facts)

    @property
    def text(self) -> str:
        return _WRITERS[self.rule].text(self.facts)

    @property
    def items(self) -> list[str]:
        return [_WRITERS[self.rule].item(row) for row in self.rows]

    @property
    def more(self) -> str:
        """What the list leaves out, e.g. "dan 12 desa lainnya"; empty when it names everything."""
        return _WRITERS[self.rule].more(self.facts, self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "text": self.text,
            "items": self.items,
            "more": self.more,
        }


class _HalfQuotaText:
    @staticmethod
    def title(facts: dict[str, Any]) -> str:
        return gettext("Desa di bawah %(threshold)s kuota") % {
            "threshold": percent_text(facts["threshold"], places=None)
        }

    @staticmethod
    def text(facts: dict[str, Any]) -> str:
        return ngettext(
            "%(below)s dari %(villages)s desa berkuota baru mengisi kurang dari %(threshold)s kuotanya. "
            "Dampingi operator desa tersebut untuk mengusulkan pekerja rentan, atau alihkan kuota ke desa yang "
            "antreannya panjang.",
            "%(below)s dari %(villages)s desa berkuota baru mengisi kurang dari %(threshold)s kuotanya. "
            "Dampingi operator desa tersebut untuk mengusulkan pekerja rentan, atau alihkan kuota ke desa yang "
            "antreannya panjang.",
            facts["below"],
        ) % {
            "below": number(facts["below"]),
            "villages": number(facts["villages"]),
            "threshold": percent_text(facts["threshold"], places=None),
        }

    @staticmethod
    def item(row: dict[str, Any]) -> str:
        return gettext("%(name)s (%(code)s): %(occupying)s dari kuota %(quota)s (%(percent)s)") % {
            "name": row["name"],
            "code": row["code"],
            "occupying": number(row["occupying"]),
            "quota": number(row["quota"]),
            "percent": percent_text(row["percent"]),
        }

    @staticmethod
    def more(facts: dict[str, Any], rows: list[dict[str, Any]]) -> str:
        left = facts["below"] - len(rows)
        if left <= 0:
            return ""
        return ngettext("dan %(n)s desa lainnya", "dan %(n)s desa lainnya", left) % {"n": number(left)}


class _BudgetText:
    @staticmethod
    def title(facts: dict[str, Any]) -> str:
        return gettext("Anggaran belum cukup untuk target UCJ")

    @staticmethod
    def text(facts: dict[str, Any]) -> str:
        return gettext(
            "Sisa pagu wilayah berikut tidak cukup untuk menutup kesenjangan target UCJ. Usulkan tambahan "
            "anggaran (APBD, DBH sawit/DR bila memenuhi syarat) atau galang sponsor CSR/ASN."
        )

    @staticmethod
    def item(row: dict[str, Any]) -> str:
        return ngettext(
            "%(name)s: kurang %(gap)s peserta untuk target %(target)s; perlu %(need)s (%(per_person)s per "
            "orang per tahun), sisa pagu %(left)s, kekurangan %(short)s",
            "%(name)s: kurang %(gap)s peserta untuk target %(target)s; perlu %(need)s (%(per_person)s per "
            "orang per tahun), sisa pagu %(left)s, kekurangan %(short)s",
            row["gap"],
        ) % {
            "name": row["name"],
            "gap": number(row["gap"]),
            "target": percent_text(row["target"]),
            "need": money(row["need"]),
            "per_person": money(row["per_person"]),
            "left": money(row["left"]),
            "short": money(row["short"]),
        }

    @staticmethod
    def more(facts: dict[str, Any], rows: list[dict[str, Any]]) -> str:
        return ""


class _ArrearsText:
    @staticmethod
    def title(facts: dict[str, Any]) -> str:
        return gettext("Peserta hampir kehilangan perlindungan")

    @staticmethod
    def text(facts: dict[str, Any]) -> str:
        return ngettext(
            "%(n)s peserta aktif menunggak 2–%(limit)s bulan berturut-turut. Bayar tunggakannya bulan ini: "
            "lebih dari %(limit)s bulan menunggak, hak JKK dan JKM hilang (PP 44/2015 Pasal 39 ayat 2, "
            "Pasal 42 ayat 2).",
            "%(n)s peserta aktif menunggak 2–%(limit)s bulan berturut-turut. Bayar tunggakannya bulan ini: "
            "lebih dari %(limit)s bulan menunggak, hak JKK dan JKM hilang (PP 44/2015 Pasal 39 ayat 2, "
            "Pasal 42 ayat 2).",
            facts["at_risk"],
        ) % {"n": number(facts["at_risk"]), "limit": facts["limit"]}

    @staticmethod
    def item(row: dict[str, Any]) -> str:
        return ngettext(
            "%(name)s (%(code)s): %(n)s peserta", "%(name)s (%(code)s): %(n)s peserta", row["at_risk"]
        ) % {"name": row["name"], "code": row["code"], "n": number(row["at_risk"])}

    @staticmethod
    def more(facts: dict[str, Any], rows: list[dict[str, Any]]) -> str:
        left = facts["at_risk"] - sum(row["at_risk"] for row in rows)
        if left <= 0:
            return ""
        return ngettext("dan %(n)s peserta di desa lain", "dan %(n)s peserta di desa lain", left) % {
            "n": number(left)
        }


class _OverCeilingText:
    @staticmethod
    def title(facts: dict[str, Any]) -> str:
        return gettext("Komitmen melebihi pagu")

    @staticmethod
    def text(facts: dict[str, Any]) -> str:
        return ngettext(
            "%(n)s komitmen melebihi pagunya. Tambah pagu (APBD perubahan, APBDes perubahan) atau hentikan usulan "
            "baru sampai komitmen kembali di bawah pagu.",
            "%(n)s komitmen melebihi pagunya. Tambah pagu (APBD perubahan, APBDes perubahan) atau hentikan usulan "
            "baru sampai komitmen kembali di bawah pagu.",
            facts["over"],
        ) % {"n": number(facts["over"])}

    @staticmethod
    def item(row: dict[str, Any]) -> str:
        kind = {
            "region": gettext("wilayah"),
            "programme": gettext("program"),
            "area": gettext("wilayah di bawahnya"),
            "village": gettext("desa"),
        }[row["kind"]]
        return gettext(
            "%(name)s (%(code)s, %(kind)s): komitmen %(committed)s melebihi pagu %(ceiling)s, lebih %(excess)s"
        ) % {
            "name": row["name"],
            "code": row["code"],
            "kind": kind,
            "committed": money(row["committed"]),
            "ceiling": money(row["ceiling"]),
            "excess": money(row["excess"]),
        }

    @staticmethod
    def more(facts: dict[str, Any], rows: list[dict[str, Any]]) -> str:
        left = facts["over"] - len(rows)
        if left <= 0:
            return ""
        return ngettext("dan %(n)s komitmen lainnya", "dan %(n)s komitmen lainnya", left) % {
            "n": number(left)
        }


_WRITERS: dict[str, Any] = {
    HALF_QUOTA_RULE: _HalfQuotaText,
    BUDGET_RULE: _BudgetText,
    ARREARS_RULE: _ArrearsText,
    OVER_CEILING_RULE: _OverCeilingText,
}


def _half_quota(figures) -> Recommendation | None:
    c = figures.counts
    if not c.villages_below_half:
        return None
    rows = [
        {
            "name": v.name,
            "code": v.code,
            "occupying": v.counts.occupying,
            "quota": v.counts.quota,
            "percent": v.counts.commitment_percent,
        }
        for v in figures.low_villages
    ]
    facts = {"below": c.villages_below_half, "villages": c.villages, "threshold": figures.quota_threshold}
    return Recommendation(rule=HALF_QUOTA_RULE, facts=facts, rows=rows)


def budget_shortfall(*, ucj, ceiling: int, counts, person_year_cost: int) -> dict[str, int] | None:
    """What closing the UCJ gap costs against the ceiling left; None when there is no shortfall to report."""
    if ucj is None or getattr(ucj, "from_insurer", True) is False:
        return None
    gap = ucj.gap_people
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
    rows = []
    for name, ucj, ceiling, counts in areas:
        short = budget_shortfall(
            ucj=ucj, ceiling=ceiling, counts=counts, person_year_cost=figures.person_year_cost
        )
        if short is not None:
            rows.append({"name": name, "target": ucj.target_percent, **short})
    if not rows:
        return None
    return Recommendation(rule=BUDGET_RULE, rows=rows)


def _arrears(figures) -> Recommendation | None:
    n = figures.counts.at_risk
    if not n:
        return None
    rows = [{"name": v.name, "code": v.code, "at_risk": v.counts.at_risk} for v in figures.risk_villages]
    return Recommendation(rule=ARREARS_RULE, facts={"at_risk": n, "limit": figures.lapse_limit}, rows=rows)


def _over_ceiling(over_commitments: list[dict[str, Any]]) -> Recommendation | None:
    if not over_commitments:
        return None
    return Recommendation(
        rule=OVER_CEILING_RULE,
        facts={"over": len(over_commitments)},
        rows=list(over_commitments[:OVER_CEILING_LIMIT]),
    )


def recommendations_for(figures, over_commitments: Sequence[dict[str, Any]] = ()) -> list[Recommendation]:
    """The rules' findings on ``figures``; ``over_commitments`` are R4's (``selectors.overcommitment``)."""
    found = (_half_quota(figures), _budget(figures), _arrears(figures), _over_ceiling(list(over_commitments)))
    return [r for r in found if r is not None]
