"""Umbrella APBDes schemes for tests: Kapuas's "1 desa 100" paid from every village's own APBDes."""

from __future__ import annotations

from typing import Any

from lindung.programmes.models import Programme
from lindung.programmes.umbrella import umbrella_lines_set
from lindung.programmes.umbrella_selectors import umbrella_overview

from .builders import make_programme

# 100 people × Rp 16.800 × 12 months: what a village's line holds.
VILLAGE_AMOUNT = 20_160_000


def make_umbrella(actor=None, **overrides: Any) -> Programme:
    values = dict(
        name="1 Desa 100 Pekerja Rentan (APBDes)",
        funding_source="apbdes",
        apbdes_sub_source="",
        umbrella=True,
        quota_per_village=None,
    )
    return make_programme(actor=actor, **(values | overrides))


def line(village: str, **overrides: Any) -> dict[str, Any]:
    values = dict(
        village=village,
        amount=VILLAGE_AMOUNT,
        perdes_number="3/2025",
        perdes_date="2025-12-20",
        sub_source="add",
        quota=100,
    )
    return values | overrides


def budget_every_village(programme: Programme, actor=None, *, leave_out: int = 0) -> list[str]:
    """A line of 100 people for every village of the coverage (but the last ``leave_out``); their codes."""
    villages = [v.code for v in umbrella_overview(programme).villages]
    chosen = villages[: len(villages) - leave_out]
    umbrella_lines_set(actor=actor, programme=programme, lines=[line(code) for code in chosen])
    return chosen
