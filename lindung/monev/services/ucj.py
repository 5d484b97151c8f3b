"""Entering a region's vulnerable-worker count: the use case in front of ``regions.services.vulnerable_count_set``
(regions sits below accounts and cannot check a capability itself)."""

from __future__ import annotations

from lindung.accounts.access import access_require
from lindung.regions.models import VulnerableWorkerCount
from lindung.regions.services import vulnerable_count_set

CAPABILITY = "monev.manage"


def vulnerable_count_enter(
    *, actor, region_code: str, year: int, count: int, source_note: str, goal_percent=None
) -> VulnerableWorkerCount:
    """Store the count a region's office entered (``source = entered``), with its own goal %, if the actor
    manages monev in that region; a refusal is audited."""
    access_require(
        actor,
        CAPABILITY,
        region_code=region_code or "",
        object_type="vulnerable_worker_count",
        what=f"jumlah pekerja rentan {region_code} {year}",
    )
    return vulnerable_count_set(
        actor=actor,
        region_code=region_code,
        year=year,
        count=count,
        source_note=source_note,
        goal_percent=goal_percent,
        source=VulnerableWorkerCount.Source.ENTERED,
    )
