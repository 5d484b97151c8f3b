"""Suite-wide fixtures. The Kemendagri regions are loaded once per test database: every test sees all of them."""

from __future__ import annotations

import pytest

from lindung.regions.models import Region
from lindung.regions.services import regions_load


def ensure_regions() -> None:
    # Transactional tests (live server) truncate tables, so later ones reload what they need.
    if not Region.objects.filter(level=4).exists():
        regions_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_regions()


@pytest.fixture
def regions(transactional_db):
    ensure_regions()
