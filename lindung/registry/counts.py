"""The vulnerable-worker count per region from an edition: people at or below its decile limit, per village
and rolled up to every region between the village and the edition's region (``regions.VulnerableWorkerCount``,
``source = registry``). Only the latest edition of a region writes its counts; the entered counts are left
alone."""

from __future__ import annotations

import polars as pl
from django.utils import timezone

from lindung.regions.codes import ancestors_and_self, level, subtree_q
from lindung.regions.models import VulnerableWorkerCount

from .models import RegistryEdition, RegistryEntry


def _per_region(edition: RegistryEdition) -> dict[str, int]:
    rows = RegistryEntry.objects.filter(
        edition=edition, decile__isnull=False, decile__lte=edition.vulnerable_max_decile
    ).values_list("region_code")
    frame = pl.DataFrame(list(rows), schema={"region_code": pl.String}, orient="row")
    top = level(edition.region_id)
    counts: dict[str, int] = {}
    for code, n in frame.group_by("region_code").len().iter_rows():
        # A few hundred villages per regency: rolled up here, not per person.
        for region in ancestors_and_self(code):
            if level(region) >= top:
                counts[region] = counts.get(region, 0) + n
    return counts


def source_note(edition: RegistryEdition) -> str:
    return (
        f"{edition.get_kind_display()} edisi {edition.edition_date:%d-%m-%Y}, "
        f"desil 1-{edition.vulnerable_max_decile} (edisi #{edition.pk})"
    )


def is_latest(edition: RegistryEdition) -> bool:
    later = RegistryEdition.objects.filter(region_id=edition.region_id, edition_date__gt=edition.edition_date)
    return not later.exists()


def vulnerable_counts_write(edition: RegistryEdition, *, actor_user=None) -> int:
    """Upsert the edition's counts for its year; registry rows of its subtree it no longer counts (nobody at
    or below the limit: a count is never 0) are removed."""
    counts = _per_region(edition)
    year = edition.edition_date.year
    note = source_note(edition)
    now = timezone.now()
    VulnerableWorkerCount.objects.bulk_create(
        [
            VulnerableWorkerCount(
                region_id=code,
                year=year,
                count=n,
                source=VulnerableWorkerCount.Source.REGISTRY,
                source_note=note,
                recorded_at=now,
                recorded_by=actor_user,
            )
            for code, n in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["region", "year", "source"],
        update_fields=["count", "source_note", "recorded_at", "recorded_by"],
    )
    VulnerableWorkerCount.objects.filter(
        subtree_q("region_id", edition.region_id), year=year, source=VulnerableWorkerCount.Source.REGISTRY
    ).exclude(region_id__in=list(counts)).delete()
    return len(counts)
