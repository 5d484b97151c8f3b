"""Rebuilding a month, whole or in part, and finding what changed since its last build."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.monev.models import CoverageRollup, Dimension, RollupState
from lindung.monev.services import monev_refresh, stale_regions

from ..builders import KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD, make_dataset

pytestmark = pytest.mark.django_db


def total(code: str) -> CoverageRollup:
    return CoverageRollup.objects.get(period=PERIOD, region_code=code, dimension=Dimension.TOTAL, key="")


def test_reads_of_personal_data_do_not_make_the_rollup_stale(dataset):
    audit_record(actor=None, action="worker.view", object_type="worker", object_id=1, region_code=MAMBULAU)
    assert stale_regions(PERIOD) == []


@pytest.mark.parametrize("action", sorted(a for a in AuditAction if not a.changes_data))
def test_no_action_that_only_reads_makes_the_rollup_stale(dataset, action):
    audit_record(actor=None, action=action, object_type="uji", region_code=MAMBULAU)
    assert stale_regions(PERIOD) == []


@pytest.mark.parametrize("action", sorted(AuditAction.data_changing()))
def test_every_data_changing_action_makes_its_region_stale(dataset, action):
    audit_record(actor=None, action=action, object_type="uji", region_code=MAMBULAU)
    assert stale_regions(PERIOD) == [MAMBULAU]


def test_stale_regions_are_the_fewest_subtrees_that_cover_the_changes(dataset):
    for code in (MAMBULAU, NEIGHBOUR, KAPUAS):
        audit_record(actor=None, action=AuditAction.WORKER_UPDATE, object_type="worker", region_code=code)
    assert stale_regions(PERIOD) == [KAPUAS]


def test_partial_refresh_of_an_unbuilt_month_builds_everything(db):
    make_dataset()
    report = monev_refresh(period=PERIOD, regions=[MAMBULAU], today=dt.date(2026, 3, 31))
    assert report.full
    assert total("").active == 11


def test_a_refresh_moves_the_audit_mark_and_records_itself(dataset):
    before = RollupState.objects.get(period=PERIOD).audit_mark
    audit_record(actor=None, action=AuditAction.WORKER_UPDATE, object_type="worker", region_code=MAMBULAU)
    report = monev_refresh(period=PERIOD, regions=[MAMBULAU], today=dt.date(2026, 3, 31))
    assert not report.full and report.scope == [MAMBULAU]
    assert RollupState.objects.get(period=PERIOD).audit_mark > before
    assert stale_regions(PERIOD) == []  # its own monev.refresh event is no change


def test_village_breakdowns_are_kept_for_the_two_latest_months(dataset):
    for month in (4, 5):
        monev_refresh(period=dt.date(2026, month, 1), today=dt.date(2026, month, 28))
    march = CoverageRollup.objects.filter(period=PERIOD)
    assert not march.filter(level=4, dimension=Dimension.GENDER).exists()
    assert march.filter(level=4, dimension=Dimension.TOTAL, region_code=MAMBULAU).exists()
    assert march.filter(level=3, dimension=Dimension.GENDER).exists()
    assert CoverageRollup.objects.filter(
        period=dt.date(2026, 4, 1), level=4, dimension=Dimension.GENDER
    ).exists()
