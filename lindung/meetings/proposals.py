"""The monev report's rule-based recommendations (``monev.recommendations``), as proposals a meeting can adopt.

Each rule gives one proposal for the whole region, addressed to an agency, and the two village rules one more
proposal per village they name, addressed to that village with a measurable target (the village reaches its
full quota, or pays all it is billed). They are written once, in Indonesian, when the meeting is recorded and
frozen with its figures: the minutes are an Indonesian document whatever language the recorder reads in.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from lindung.monev.recommendations import ARREARS_RULE, BUDGET_RULE, HALF_QUOTA_RULE, OVER_CEILING_RULE
from lindung.monev.selectors import Figures

from .models import Institution, TargetKind

FULL = "100"
_AGENCY = {
    HALF_QUOTA_RULE: Institution.DPMD,
    BUDGET_RULE: Institution.KABUPATEN,
    ARREARS_RULE: Institution.DISNAKERTRANS,
    # A commitment above its ceiling is the budget holder's to settle: the regency for its own and its
    # villages' lines (it approves the APBDes evaluation).
    OVER_CEILING_RULE: Institution.KABUPATEN,
}


def _proposal(key: str, rule: str, title: str, text: str, **responsible: Any) -> dict[str, Any]:
    return {
        "key": key,
        "rule": rule,
        "title": title,
        "text": text,
        "agency": responsible.get("agency", ""),
        "villages": responsible.get("villages", []),
        "target_kind": responsible.get("target_kind", ""),
        "target_percent": responsible.get("target_percent"),
        "target_region": responsible.get("target_region", ""),
    }


def _region_target(figures: Figures, rule: str) -> dict[str, Any]:
    if rule == BUDGET_RULE and figures.ucj.target_percent is not None:
        return {"target_kind": TargetKind.UCJ, "target_percent": str(figures.ucj.target_percent)}
    if rule == ARREARS_RULE:
        return {"target_kind": TargetKind.PAID, "target_percent": FULL}
    return {}


def _village_proposals(rule: str, rows: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(rows, start=start):
        if rule == HALF_QUOTA_RULE:
            title = gettext("Desa %(name)s mengisi 100 %% kuotanya") % {"name": row["name"]}
            target = TargetKind.COMMITMENT
        else:
            title = gettext("Desa %(name)s melunasi tunggakan iuran pesertanya") % {"name": row["name"]}
            target = TargetKind.PAID
        out.append(
            _proposal(
                f"p{i}",
                rule,
                title,
                "",
                villages=[row["code"]],
                target_kind=target,
                target_percent=FULL,
                target_region=row["code"],
            )
        )
    return out


def proposals_from(figures: Figures) -> list[dict[str, Any]]:
    """The proposals of the figures' recommendations, numbered ``p0``, ``p1`` … in the order shown."""
    out: list[dict[str, Any]] = []
    with translation.override("id"):
        for rec in figures.recommendations:
            region = {"target_region": figures.region_code, **_region_target(figures, rec.rule)}
            text = rec.text + ("\n" + "\n".join(rec.items) if rec.items else "")
            out.append(
                _proposal(f"p{len(out)}", rec.rule, rec.title, text, agency=_AGENCY[rec.rule], **region)
            )
            if rec.rule in (HALF_QUOTA_RULE, ARREARS_RULE):
                out += _village_proposals(rec.rule, rec.rows, len(out))
    return out
