"""The demo's synthetic DTSEN extract goes through the real reader and service."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.demo.programmes.registry import registry_demo
from lindung.registry.models import DecileRule, RegistryEdition, WorkerRegistryMatch
from tests.people.builders import make_worker
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def test_the_demo_extract_is_imported_with_its_refused_rows_and_a_decile_rule():
    workers = [make_worker(serial=i, full_name=f"Siti Aminah {chr(65 + i)}") for i in range(1, 10)]
    make_programme(code="kps-rentan")
    registry_demo(dt.date(2026, 11, 22))
    edition = RegistryEdition.objects.get()
    assert edition.edition_date == dt.date(2026, 10, 1)
    assert (edition.rows_imported, edition.rows_rejected) == (9, 3)
    assert WorkerRegistryMatch.objects.filter(worker__in=workers).count() == 9
    assert WorkerRegistryMatch.objects.filter(method="name").count() == 1
    assert DecileRule.objects.get().max_decile == 4
