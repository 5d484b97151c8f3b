"""The coverage map: the outlines of a region's children (``RegionBoundary``), projected for an SVG.

Reads only what the monev figures already hold: the children are the ones the page shows, in the viewer's
scope, and their share comes from the same counts as the heat table, which stays the accessible view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..charts import heat_class
from ..models import RegionBoundary
from .types import Figures

WIDTH = 320.0
MAX_HEIGHT = 420.0
# Points closer than this on screen (px) are one point: a province outline drawn 300 px wide needs no more.
STEP = 0.6


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    path: str
    percent: Decimal | None
    heat: str


@dataclass(frozen=True)
class CoverageMap:
    width: int
    height: int
    areas: list[MapArea]
    missing: list[str]  # names of children without an outline


@dataclass(frozen=True)
class _Projection:
    min_lon: float
    max_lat: float
    kx: float
    scale: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.kx * self.scale, (self.max_lat - lat) * self.scale


def _projection(outlines: list[RegionBoundary]) -> tuple[_Projection, float, float]:
    """Equirectangular, squeezed by cos(latitude) at the middle: near the equator, as Indonesia is, this is
    close to what a reader expects from a map, and needs no GIS library."""
    min_lon = min(b.min_lon for b in outlines)
    max_lon = max(b.max_lon for b in outlines)
    min_lat = min(b.min_lat for b in outlines)
    max_lat = max(b.max_lat for b in outlines)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * kx, 1e-6)
    span_y = max(max_lat - min_lat, 1e-6)
    scale = min(WIDTH / span_x, MAX_HEIGHT / span_y)
    return _Projection(min_lon, max_lat, kx, scale), span_x * scale, span_y * scale


def _path(polygons: list, projection: _Projection) -> str:
    parts: list[str] = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for lon, lat in ring:
                x, y = projection.point(lon, lat)
                if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= STEP:
                    points.append((x, y))
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def coverage_map(figures: Figures) -> CoverageMap | None:
    """The children of the figures' region drawn by active coverage; None when none has an outline."""
    children = list(figures.children)
    if not children:
        return None
    outlines = {
        b.region_id: b for b in RegionBoundary.objects.filter(region_id__in=[c.code for c in children])
    }
    if not outlines:
        return None
    projection, width, height = _projection(list(outlines.values()))
    areas = []
    for child in children:
        outline = outlines.get(child.code)
        if outline is None:
            continue
        percent = child.counts.coverage_percent
        areas.append(
            MapArea(child.code, child.name, _path(outline.polygons, projection), percent, heat_class(percent))
        )
    missing = [c.name for c in children if c.code not in outlines]
    return CoverageMap(width=math.ceil(width), height=math.ceil(height), areas=areas, missing=missing)
