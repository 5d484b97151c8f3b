"""The words of the monev figures: level names, breakdown labels, ceiling notes and months, all lazy.

Figures are cached once for every language and hold keys; these tables put them into words when read.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

from lindung.enrolment.models import Status
from lindung.people.models import Category, Gender
from lindung.programmes.models import FundingSource

from ..models import Dimension
from ..rollup import AGE_GROUPS

STATUS_ORDER = (
    Status.PROPOSED,
    Status.VERIFIED,
    Status.SUBMITTED,
    Status.ACTIVE,
    Status.NON_ACTIVE,
    Status.ENDED,
    Status.REJECTED,
)
# The API's key for a level (never translated); LEVEL_NAMES are the same words for people to read.
LEVEL_KEYS = {0: "nasional", 1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
LEVEL_NAMES = {
    0: _("nasional"),
    1: _("provinsi"),
    2: _("kabupaten/kota"),
    3: _("kecamatan"),
    4: _("desa/kelurahan"),
}
CHILD_LEVEL_NAMES = {0: _("Provinsi"), 1: _("Kabupaten/kota"), 2: _("Kecamatan"), 3: _("Desa/kelurahan")}
# The regions one level down as a group: whole sentences, because English needs the plural there and the
# bare names above are singular in the catalogue ("Kecamatan" heads a column elsewhere).
CHILDREN_TITLES = {
    0: _("Provinsi di %(region)s"),
    1: _("Kabupaten/kota di %(region)s"),
    2: _("Kecamatan di %(region)s"),
    3: _("Desa/kelurahan di %(region)s"),
}
# The age groups as pages show them; rollup.AGE_GROUPS keeps the Indonesian ones the build itself uses.
AGE_LABELS = {"a00_24": _("di bawah 25"), "a65": _("65 ke atas")}
# Why a programme's ceiling is or is not attributed to a region in full (ProgrammeLine.ceiling_basis).
CEILING_NOTES = {
    "unset": _("pagu belum diisi"),
    "no_village_quota": _("program tanpa kuota desa: pagu tidak dapat dibagi per wilayah"),
    "by_quota": _("sebanding kuota"),
}


def month_name(period: dt.date) -> str:
    """``Maret 2026`` (``March 2026`` in English): the month in the active language, as templates write it."""
    return dateformat.format(period, "F Y")


@functools.cache
def breakdown_labels() -> dict[str, dict[str, Any]]:
    """Breakdown labels by dimension and key, still lazy: they are put into words in the reader's language."""
    return {
        Dimension.CATEGORY: dict(Category.choices),
        Dimension.GENDER: dict(Gender.choices),
        Dimension.AGE: {key: AGE_LABELS.get(key, label) for key, _upper, label in AGE_GROUPS},
        Dimension.FUNDING: dict(FundingSource.choices),
    }
