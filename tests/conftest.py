"""Suite-wide fixtures. The Kemendagri regions are loaded once per test database: every test sees all of them."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

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


@pytest.fixture(autouse=True)
def indonesian_first():
    """Every test starts in Bahasa Indonesia. Django's LocaleMiddleware leaves the last request's language
    active in the thread, so a test that switched to English would otherwise leak it into the next one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The rule rows that data migrations seed. A transactional test (live server, threads, subprocesses)
# empties every table when it ends, so the next one puts them back.
SEEDS = [
    "lindung.contributions.migrations.0003_seed_rules",
    "lindung.people.migrations.0004_seed_age_limit",
    "lindung.programmes.migrations.0005_seed_funding_source_policy",
    "lindung.programmes.migrations.0007_seed_legal_bases_and_source_rules",
    "lindung.regions.migrations.0003_seed_coverage_targets",
    "lindung.regions.migrations.0006_seed_coverage_target_2024",
    "lindung.sponsorship.migrations.0002_seed_notice_rule",
    "lindung.dedup.migrations.0002_seed_thresholds",
    "lindung.dedup.migrations.0004_seed_nik_thresholds",
    "lindung.monev.migrations.0003_threshold",
    "lindung.claims.migrations.0002_seed_claim_rules",
]


@pytest.fixture
def seeded(regions):
    """All regions and every seeded rule row, in a transactional test."""
    for name in SEEDS:
        module = importlib.import_module(name)
        module.unseed(apps, None)
        module.seed(apps, None)
