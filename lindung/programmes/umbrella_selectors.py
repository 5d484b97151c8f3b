"""Reads on umbrella APBDes schemes: every village of the kabupaten at once, budgeted or not yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from lindung.regions import codes
from lindung.regions.codes import subtree_q
from lindung.regions.models import Region

from .models import Programme, VillageBudgetLine

UMBRELLA_VILLAGE_TYPES = ("desa", "desa_adat")  # kelurahan have no APBDes


@dataclass
class UmbrellaVillage:
    code: str
    name: str
    kecamatan: str
    line: VillageBudgetLine | None

    @property
    def budgeted(self) -> bool:
        return self.line is not None


@dataclass
class UmbrellaOverview:
    programme: Programme
    villages: list[UmbrellaVillage] = field(default_factory=list)

    @property
    def budgeted(self) -> list[UmbrellaVillage]:
        return [v for v in self.villages if v.budgeted]

    @property
    def not_budgeted(self) -> list[UmbrellaVillage]:
        return [v for v in self.villages if not v.budgeted]

    @property
    def total_amount(self) -> int:
        return sum(v.line.amount for v in self.villages if v.line is not None)

    @property
    def total_quota(self) -> int:
        return sum(v.line.quota for v in self.villages if v.line is not None)

    def to_dict(self) -> dict:
        return {
            "programme": self.programme.code,
            "villages": len(self.villages),
            "budgeted": len(self.budgeted),
            "not_budgeted": [v.code for v in self.not_budgeted],
            "total_amount": self.total_amount,
            "total_quota": self.total_quota,
            "lines": [umbrella_line_dict(v.line) for v in self.villages if v.line is not None],
        }


def umbrella_line_dict(line: VillageBudgetLine) -> dict:
    return {
        "village": line.village_id,
        "kind": line.kind,
        "amount": line.amount,
        "perdes_number": line.perdes_number,
        "perdes_date": line.perdes_date.isoformat(),
        "sub_source": line.sub_source,
        "quota": line.quota,
    }


def umbrella_overview(programme: Programme) -> UmbrellaOverview:
    """Every village in the scheme's coverage with its line, in code order (two queries)."""
    coverage = programme.coverage_region_id
    villages = Region.objects.filter(
        subtree_q("code", coverage),
        level=codes.VILLAGE,
        type__in=UMBRELLA_VILLAGE_TYPES,
        retired_at__isnull=True,
    ).order_by("code")
    districts = dict(
        Region.objects.filter(subtree_q("code", coverage), level=codes.DISTRICT).values_list("code", "name")
    )
    lines = {line.village_id: line for line in VillageBudgetLine.objects.filter(programme=programme)}
    rows = [
        UmbrellaVillage(code=c, name=n, kecamatan=districts.get(codes.parent(c), ""), line=lines.get(c))
        for c, n in villages.values_list("code", "name")
    ]
    return UmbrellaOverview(programme=programme, villages=rows)
