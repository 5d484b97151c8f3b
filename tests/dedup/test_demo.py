"""The demo plants a few duplicates and the scan finds them."""

import pytest

from lindung.dedup.models import DuplicatePair
from lindung.demo.programmes.dedup import demo_duplicates
from tests.people.builders import make_worker

pytestmark = pytest.mark.django_db


def test_the_demo_plants_duplicates_the_scan_finds(seeded):
    make_worker(full_name="Yusuf Hidayat", serial=11)
    make_worker(full_name="Siti Rahayu", serial=12, gender_="P")
    summary = demo_duplicates(count=2)
    assert "Data ganda: 2 ditanam" in summary
    assert DuplicatePair.objects.count() >= 2
