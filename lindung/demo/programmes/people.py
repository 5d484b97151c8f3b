"""Synthetic people for the demo programmes: a NIK that fits the domicile kecamatan and the birth date."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from lindung.people.models import Worker
from lindung.people.names import normalize_name
from lindung.regions import codes
from lindung.regions.models import Region

from .names import FAMILY, MEN, OCCUPATIONS, WOMEN
from .plans import Plan

# Share of women drawn: fewer among village officials in the demo, half everywhere else.
_WOMEN_SHARE = {"kepala_desa": 0.35, "perangkat_desa": 0.35}


def _nik(district: str, birth: dt.date, gender: str, serials: Counter, taken: set[str]) -> str:
    """A NIK: kecamatan code without its dots, birth date (day + 40 for women), an unused serial (DOMAIN.md §8)."""
    prefix = district.replace(codes.SEPARATOR, "")
    day = birth.day + (40 if gender == "P" else 0)
    while True:
        serials[district] += 1
        nik = f"{prefix}{day:02d}{birth:%m}{birth:%y}{serials[district]:04d}"
        if nik not in taken:
            taken.add(nik)
            return nik


def _person(rng: random.Random, plan: Plan, village: str, place: Region, nik_for, today: dt.date) -> Worker:
    category = rng.choice(plan.categories)
    gender = "P" if rng.random() < _WOMEN_SHARE.get(category, 0.5) else "L"
    birth = dt.date(today.year - rng.randint(20, 58), rng.randint(1, 12), rng.randint(1, 28))
    name = f"{rng.choice(WOMEN if gender == 'P' else MEN)} {rng.choice(FAMILY)}"
    pu = bool(plan.pu_incomes)
    street = rng.choice(["Sungai", "Handil", "Pasar", "Masjid", "Dermaga"])
    return Worker(
        nik=nik_for(birth, gender),
        full_name=name,
        name_normalized=normalize_name(name),
        birth_place=place.name.title(),
        birth_date=birth,
        gender=gender,
        village_id=village,
        address=f"Jl. {street} No. {rng.randint(1, 90)}",
        rt=f"{rng.randint(1, 12):03d}",
        rw=f"{rng.randint(1, 4):03d}",
        phone=f"+628{rng.choice(['12', '13', '21', '52', '53'])}{rng.randint(10_000_000, 99_999_999)}",
        occupation_1=rng.choice(OCCUPATIONS[category]),
        category=category,
        wage_status="PU" if pu else "BPU",
        fixed_income=rng.choice(plan.pu_incomes) if pu else None,
    )


def demo_workers(
    rng: random.Random,
    plan: Plan,
    regions: dict[str, Region],
    serials: Counter,
    taken: set[str],
    today: dt.date,
) -> list[Worker]:
    """The plan's people, unsaved: so many per village, living there, with unique NIKs."""
    placements = [(v, plan.per_village) for v in plan.villages or []] + plan.explicit
    people: list[Worker] = []
    for village, count in placements:
        district = codes.parent(village)

        def nik_for(birth: dt.date, gender: str, district: str = district) -> str:
            return _nik(district, birth, gender, serials, taken)

        people += [_person(rng, plan, village, regions[village], nik_for, today) for _ in range(count)]
    return people
