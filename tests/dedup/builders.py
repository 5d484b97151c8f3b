"""Probable duplicate pairs made the way the registry gets them: two workers, then a scan."""

from __future__ import annotations

import datetime as dt

from lindung.dedup.models import DuplicatePair
from lindung.dedup.services import duplicates_scan
from tests.people.builders import make_worker

BORN = dt.date(1985, 8, 7)


def twin_workers(*, first="Siti Aminah", second="Siti Aminnah", serial=40, village_code=None, born=BORN):
    """Two registry records of (probably) one woman: same birth date, names one letter apart."""
    extra = {"village_code": village_code} if village_code else {}
    a = make_worker(full_name=first, birth=born, gender_="P", serial=serial, **extra)
    b = make_worker(full_name=second, birth=born, gender_="P", serial=serial + 1, **extra)
    return a, b


def make_pair(**kwargs) -> DuplicatePair:
    a, b = twin_workers(**kwargs)
    duplicates_scan(actor=None, region_code="")
    return DuplicatePair.objects.get(worker_a=min(a.pk, b.pk), worker_b=max(a.pk, b.pk))
