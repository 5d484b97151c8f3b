"""Demo duplicates: a few registered people written a second time, as village lists do, then one scan.

Deterministic: the originals are the first Kapuas workers by id; each copy gets a new NIK (same kecamatan,
birth date and gender, a high serial) and one of the Indonesian naming habits the scan knows: a title, an
old spelling, a typo, a swapped day and month. All synthetic, as every demo person is.
"""

from __future__ import annotations

import datetime as dt

from lindung.dedup.services import duplicates_scan
from lindung.people.models import Worker
from lindung.people.services import worker_save
from lindung.regions import codes

OLD_SPELLING = (("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"))


def _variant(name: str, n: int, gender: str) -> str:
    if n == 0:
        return f"Hj. {name}" if gender == "P" else f"H. {name}"
    if n == 1:
        for new, old in OLD_SPELLING:
            if new in name.lower():
                return name.lower().replace(new, old, 1).title()
    if n == 2 and len(name) > 4:
        return name[:3] + name[3] + name[3:]
    return name + ", S.Pd"


def _copy(worker: Worker, n: int) -> None:
    born = worker.birth_date
    if n == 3 and born.day <= 12 and born.day != born.month:
        born = dt.date(born.year, born.day, born.month)
    district = codes.at_level(worker.village_id, 3).replace(".", "")
    day = born.day + (40 if worker.gender == "P" else 0)
    nik = f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{9900 + n:04d}"
    worker_save(
        actor=None,
        data={
            "nik": nik,
            "full_name": _variant(worker.full_name, n, worker.gender),
            "birth_place": worker.birth_place,
            "birth_date": born,
            "gender": worker.gender,
            "village_code": worker.village_id,
            "occupation_1": worker.occupation_1,
            "category": worker.category,
            "wage_status": worker.wage_status,
        },
    )


def demo_duplicates(count: int = 5) -> str:
    """Plant ``count`` duplicates of Kapuas people and scan the registry once (the queue then shows them)."""
    originals = list(Worker.objects.filter(codes.subtree_q("village_id", "62.03")).order_by("id")[:count])
    for n, worker in enumerate(originals):
        _copy(worker, n % 4)
    result = duplicates_scan(actor=None, region_code="")
    return f" Data ganda: {len(originals)} ditanam; pemindaian menemukan {result.found} pasangan."
