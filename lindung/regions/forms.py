"""Region pickers for forms: the regions below a user's own, as choices. Labels are names, codes after."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import codes
from .models import Region
from .selectors import regions_below

# Above this many villages in a user's region, the village is typed as a code instead of picked from a list.
VILLAGE_SELECT_LIMIT = 600


def _indent(region: Region, base_level: int) -> str:
    return "\u00a0\u00a0" * max(region.level - base_level - 1, 0) + f"{region.name} ({region.code})"


def region_filter_choices(region_code: str) -> list[tuple[str, str]]:
    """The two levels below a user's region, for the list filters: kecamatan and desa for a regency."""
    level = codes.level(region_code)
    if level >= codes.VILLAGE:
        return []
    levels = [level + 1, level + 2] if level < codes.DISTRICT else [codes.VILLAGE]
    rows = (
        regions_below(region_code or None)
        .filter(level__in=levels)
        .order_by("code")
        .only("code", "name", "level")
    )
    return [("", _("Semua wilayah"))] + [(r.code, _indent(r, level)) for r in rows]


def village_choices(region_code: str) -> list[tuple[str, str]] | None:
    """Villages a user may register people in, or None when there are too many to list."""
    if codes.is_village(region_code):
        region = Region.objects.filter(code=region_code).first()
        return [(region_code, f"{region.name} ({region_code})" if region else region_code)]
    qs = regions_below(region_code or None, level=4).order_by("code").only("code", "name")
    if qs[: VILLAGE_SELECT_LIMIT + 1].count() > VILLAGE_SELECT_LIMIT:
        return None
    return [("", _("Pilih desa/kelurahan"))] + [(r.code, f"{r.name} ({r.code})") for r in qs]
