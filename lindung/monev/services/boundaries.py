"""Loading region outlines for the coverage map from a GeoJSON FeatureCollection keyed by Kemendagri code.

All or nothing: a feature without a known code or without a polygon stops the load, and every such feature
is named (its number in the file, its code, the reason). Outlines are geography, not personal data; who may
load them is who manages monev (``monev.manage``), for the regions in their scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.models import Region

from ..models import RegionBoundary

# Property names that hold the Kemendagri code in the boundary sets seen in the wild; ``key`` overrides.
CODE_KEYS = (
    "kode",
    "kode_wilayah",
    "kode_kemendagri",
    "kemendagri",
    "code",
    "kdepum",
    "KODE",
    "KODE_WILAYAH",
)
DECIMALS = 4


class BoundariesRefused(Exception):
    """The file cannot be loaded; ``problems`` names every feature that stopped it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class BoundaryLoadReport:
    loaded: int
    codes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return _("%(n)s batas wilayah dimuat.") % {"n": self.loaded}


def _code(properties: dict[str, Any], key: str) -> str:
    keys = (key,) if key else CODE_KEYS
    for name in keys:
        value = properties.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _ring(ring: list) -> list[list[float]]:
    points: list[list[float]] = []
    for point in ring:
        pair = [round(float(point[0]), DECIMALS), round(float(point[1]), DECIMALS)]
        if not points or points[-1] != pair:
            points.append(pair)
    return points


def _polygons(geometry: dict[str, Any] | None) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon as MultiPolygon coordinates; an empty list for anything else."""
    kind = (geometry or {}).get("type")
    coordinates = (geometry or {}).get("coordinates") or []
    if kind == "Polygon":
        coordinates = [coordinates]
    elif kind != "MultiPolygon":
        return []
    polygons = [[_ring(ring) for ring in polygon if len(ring) >= 4] for polygon in coordinates]
    return [polygon for polygon in polygons if polygon]


def boundaries_read(data: dict[str, Any], *, key: str = "") -> tuple[dict[str, list], list[str]]:
    """The outlines in a GeoJSON document by code, and the problems found (feature number, code, reason)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return {}, [_("Berkas bukan GeoJSON FeatureCollection.")]
    outlines: dict[str, list] = {}
    problems: list[str] = []
    for number, feature in enumerate(data.get("features") or [], 1):
        code = _code((feature or {}).get("properties") or {}, key)
        if not code:
            problems.append(
                _("Fitur %(n)s: tidak ada kode Kemendagri (properti %(keys)s).")
                % {"n": number, "keys": key or "/".join(CODE_KEYS[:4])}
            )
            continue
        try:
            polygons = _polygons(feature.get("geometry"))
        except (TypeError, ValueError, IndexError):
            polygons = []
        if not polygons:
            problems.append(
                _("Fitur %(n)s (%(code)s): geometri bukan Polygon/MultiPolygon yang sah.")
                % {"n": number, "code": code}
            )
        elif code in outlines:
            problems.append(
                _("Fitur %(n)s (%(code)s): kode ini sudah ada di fitur sebelumnya.")
                % {"n": number, "code": code}
            )
        else:
            outlines[code] = polygons
    if not outlines and not problems:
        problems.append(_("Berkas tidak berisi fitur."))
    return outlines, problems


def _bounds(polygons: list) -> tuple[float, float, float, float]:
    lons = [p[0] for polygon in polygons for ring in polygon for p in ring]
    lats = [p[1] for polygon in polygons for ring in polygon for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


@transaction.atomic
def boundaries_load(*, actor, data: dict[str, Any], source: str, key: str = "") -> BoundaryLoadReport:
    """Load or replace the outlines of every region in ``data``; nothing is loaded if one feature is refused.

    Steps: check the actor may manage monev; read the features; refuse unknown codes and codes outside the
    actor's scope; replace the rows of those codes in one bulk write; audit once.
    """
    scope = access_require(actor, "monev.manage", object_type="region_boundary", what="memuat batas wilayah")
    outlines, problems = boundaries_read(data, key=key)
    known = set(Region.objects.filter(code__in=list(outlines)).values_list("code", flat=True))
    problems += [
        _("Kode %(code)s: tidak ada di data wilayah Kemendagri.") % {"code": code}
        for code in outlines
        if code not in known
    ]
    problems += [
        _("Kode %(code)s: di luar wilayah akun Anda.") % {"code": code}
        for code in known
        if not scope.covers(code)
    ]
    if problems:
        raise BoundariesRefused(problems)
    now = timezone.now()
    rows = []
    for code, polygons in outlines.items():
        min_lon, min_lat, max_lon, max_lat = _bounds(polygons)
        rows.append(
            RegionBoundary(
                region_id=code,
                polygons=polygons,
                min_lon=min_lon,
                min_lat=min_lat,
                max_lon=max_lon,
                max_lat=max_lat,
                source=source[:200],
                loaded_at=now,
            )
        )
    RegionBoundary.objects.filter(region_id__in=list(outlines)).delete()
    RegionBoundary.objects.bulk_create(rows, batch_size=500)
    codes = sorted(outlines)
    audit_record(
        actor=actor,
        action=AuditAction.REGIONS_LOAD,
        object_type="region_boundary",
        summary=f"Memuat {len(codes)} batas wilayah dari {source[:100]}",
        detail={"source": source[:200], "codes": codes[:200], "count": len(codes)},
    )
    return BoundaryLoadReport(loaded=len(codes), codes=codes)
