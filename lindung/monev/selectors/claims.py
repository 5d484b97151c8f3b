"""Claims in monev: per region, programme and year, the claims reported, paid and refused, and the rupiah
paid out, phrased as a monev meeting and a regent's speech use it: "Rp X untuk N keluarga".

Aggregates only, never a name: one grouped query over the claims of the region (``village_id`` in its subtree)
and one for the total, straight from ``claims.Claim`` (a paid claim shows at once; claims are few beside
enrolments, so they are not in the rollup). The year is the year of the event. A family is a person's NIK
among the paid claims (a claim without a NIK counts as its own family). The public version shows counts of
1 or 2 as "<3", and hides the amount of fewer than 3 families, as the public breakdowns do (``PUBLIC_MIN_CELL``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext, ngettext

from lindung.claims.models import OPEN_STATUSES, Claim, ClaimStatus
from lindung.core.money import rupiah
from lindung.regions.codes import subtree_q

from .types import PUBLIC_MIN_CELL

PAID = Q(status=ClaimStatus.PAID)
COUNTS = ("reported", "paid", "refused", "open")


@dataclass(frozen=True)
class ClaimRow:
    """One programme and year (or the total): counts, rupiah paid, families paid; None where suppressed."""

    programme_code: str
    programme_name: str
    year: int | None
    reported: int | None
    paid: int | None
    refused: int | None
    open: int | None
    amount_paid: int | None
    families: int | None
    suppressed: bool = False

    @property
    def phrase(self) -> str:
        """``Rp 42.000.000 untuk 1 keluarga``; "" when nothing was paid or the public cell is suppressed."""
        if not self.amount_paid or self.families is None:
            return ""
        return ngettext(
            "%(amount)s untuk %(n)s keluarga", "%(amount)s untuk %(n)s keluarga", self.families
        ) % {"amount": rupiah(self.amount_paid), "n": self.families}

    def to_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme_code,
            "programme_name": self.programme_name,
            "year": self.year,
            "reported": self.reported,
            "paid": self.paid,
            "refused": self.refused,
            "open": self.open,
            "amount_paid": self.amount_paid,
            "families_paid": self.families,
            "text": self.phrase,
            "suppressed": self.suppressed,
        }


@dataclass
class ClaimTable:
    region_code: str
    rows: list[ClaimRow] = field(default_factory=list)
    total: ClaimRow | None = None
    public: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [r.to_dict() for r in self.rows],
            "total": self.total.to_dict() if self.total else None,
        }


def _measures() -> dict[str, Any]:
    return {
        "reported": Count("id"),
        "paid": Count("id", filter=PAID),
        "refused": Count("id", filter=Q(status=ClaimStatus.REFUSED)),
        "open": Count("id", filter=Q(status__in=OPEN_STATUSES)),
        "amount_paid": Sum("paid_amount", filter=PAID),
        "families_nik": Count("nik", filter=PAID & ~Q(nik=""), distinct=True),
        "families_no_nik": Count("id", filter=PAID & Q(nik="")),
    }


def _row(values: Mapping[str, Any], *, code: str = "", name: str = "", year: int | None = None) -> ClaimRow:
    return ClaimRow(
        programme_code=code,
        programme_name=name,
        year=year,
        reported=int(values.get("reported") or 0),
        paid=int(values.get("paid") or 0),
        refused=int(values.get("refused") or 0),
        open=int(values.get("open") or 0),
        amount_paid=int(values.get("amount_paid") or 0),
        families=int(values.get("families_nik") or 0) + int(values.get("families_no_nik") or 0),
    )


def region_claims(code: str) -> QuerySet[Claim]:
    """The claims of a region ("" = Indonesia): the event's village lies in it."""
    return Claim.objects.filter(subtree_q("village_id", code))


def monev_claims(code: str, *, up_to: dt.date | None = None, public: bool = False) -> ClaimTable:
    """Claims of a region by programme and year of the event (up to ``up_to``'s year), and their total."""
    claims = region_claims(code or "")
    if up_to is not None:
        claims = claims.filter(event_date__lt=dt.date(up_to.year + 1, 1, 1))
    grouped = (
        claims.annotate(year=ExtractYear("event_date"))
        .values("programme__code", "programme__name", "year")
        .annotate(**_measures())
        .order_by("-year", "programme__code")
    )
    none = gettext("tanpa program (tidak berhak)")
    rows = [
        _row(v, code=v["programme__code"] or "", name=v["programme__name"] or none, year=v["year"])
        for v in grouped
    ]
    table = ClaimTable(region_code=code or "", rows=rows, total=_row(claims.aggregate(**_measures())))
    return public_claims(table) if public else table


def _suppress(row: ClaimRow) -> ClaimRow:
    small = {c: 0 < (getattr(row, c) or 0) < PUBLIC_MIN_CELL for c in COUNTS}
    few_families = 0 < (row.families or 0) < PUBLIC_MIN_CELL
    if not any(small.values()) and not few_families:
        return row
    hidden: dict[str, Any] = {c: None for c, is_small in small.items() if is_small}
    if few_families:
        hidden |= {"families": None, "amount_paid": None}
    return replace(row, suppressed=True, **hidden)


def public_claims(table: ClaimTable) -> ClaimTable:
    """The public version: counts of 1-2 and the amount paid to fewer than 3 families are not shown."""
    return replace(
        table,
        public=True,
        rows=[_suppress(r) for r in table.rows],
        total=_suppress(table.total) if table.total else None,
    )
