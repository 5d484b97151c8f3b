"""The Kemendagri region tree. Region codes and names are public data, so every signed-in role may read
the whole tree; people in a region are scoped elsewhere."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.regions.selectors import region_children, region_get, region_summary

from ..schemas import RegionCode, answers

router = Router(tags=["regions"])


class RegionRow(Schema):
    code: str
    name: str
    level: int
    type: str


class PathItem(Schema):
    code: str
    name: str
    type: str


class RegionDetailOut(Schema):
    code: str
    name: str
    level: int
    type: str
    postal_code: str | None
    retired: bool
    path: list[PathItem]
    children: dict[str, int]
    descendants: dict[str, int]


def _rows(code: str | None) -> list[dict]:
    return [
        {"code": r.code, "name": r.name, "level": r.level, "type": r.type}
        for r in region_children(code).only("code", "name", "level", "type")
    ]


@router.get("/", response=answers(list[RegionRow]))
def provinces(request):
    """The provinces (level 1)."""
    return _rows(None)


@router.get("/{code}", response=answers(RegionDetailOut, 404))
def region(request, code: RegionCode):
    """One region with its path from the province and counts of what lies below it."""
    summary = region_summary(code)
    if summary is None:
        raise HttpError(404, f'Kode wilayah "{code}" tidak ditemukan.')
    return summary.to_dict()


@router.get("/{code}/children", response=answers(list[RegionRow], 404))
def children(request, code: RegionCode):
    """The regions directly below one region (kabupaten of a province, kecamatan of a kabupaten, ...)."""
    region = region_get(code)
    if region is None:
        raise HttpError(404, f'Kode wilayah "{code}" tidak ditemukan.')
    return _rows(region.code)
