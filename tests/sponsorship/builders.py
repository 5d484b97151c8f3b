"""Sponsors and sponsorships for tests, made through the services."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from typing import Any

from django.apps import apps
from django.utils import timezone

from lindung.sponsorship.services import sponsor_register, sponsorship_assign
from tests.people.builders import make_worker

KAPUAS = "62.03"
BENGKAYANG = "61.07"
BENGKAYANG_VILLAGE = "61.07.04.2003"
_serials = itertools.count(200)


def asn_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Rina Wati, S.Sos",
        "kind": "asn",
        "nip": "198501012010012001",
        "position": "Analis Kebijakan",
        "institution": "Dinas Sosial Kabupaten Kapuas",
    }
    data.update(overrides)
    return data


def make_sponsor(actor=None, region: str = KAPUAS, **overrides: Any):
    return sponsor_register(actor=actor, region_code=region, data=asn_data(**overrides))


def make_company(actor=None, region: str = KAPUAS, **overrides: Any):
    data = {"name": "PT Sawit Kapuas Lestari", "kind": "csr", "institution": "Perkebunan sawit"} | overrides
    return sponsor_register(actor=actor, region_code=region, data=data)


def kapuas_worker(name: str = "Budi Santoso", **overrides: Any):
    return make_worker(serial=next(_serials), full_name=name, **overrides)


def bengkayang_worker(name: str = "Maria"):
    serial = next(_serials)
    return make_worker(nik=f"610704170885{serial:04d}", full_name=name, village_code=BENGKAYANG_VILLAGE)


def sponsor_people(sponsor, workers, *, start: dt.date | None = None, months: int = 6, actor=None):
    """Sponsor ``workers`` from ``start`` (default today) for about ``months`` months."""
    start = start or timezone.localdate()
    end = start + dt.timedelta(days=30 * months)
    return sponsorship_assign(
        actor=actor, sponsor=sponsor, niks=[w.nik for w in workers], start_date=start, end_date=end
    ).sponsorships


def ensure_notice_rule() -> None:
    """The seeded 60/30-day warning row: a transactional test elsewhere may have emptied the table."""
    importlib.import_module("lindung.sponsorship.migrations.0002_seed_notice_rule").seed(apps, None)
