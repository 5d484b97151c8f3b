"""Rule values read as the row in force for the month: the "village behind" threshold, the arrears limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lindung.monev.models import MonevThreshold
from lindung.monev.selectors.rules import (
    MonevThresholdMissing,
    behind_permille,
    lapse_limit,
    quota_threshold,
    threshold_in_force,
)

from ..builders import PERIOD

pytestmark = pytest.mark.django_db
BEHIND = MonevThreshold.Key.QUOTA_BEHIND


def test_the_seeded_threshold_is_half_the_quota_and_says_it_is_a_convention():
    row = threshold_in_force(BEHIND, PERIOD)
    assert row.percent == Decimal("50.0") and row.valid_to is None
    assert row.legal_basis == "Kesepakatan monev program (ambang setengah kuota)"
    assert "bukan peraturan" in row.note
    assert (quota_threshold(PERIOD), behind_permille(PERIOD)) == (Decimal("50.0"), 500)


def test_the_row_in_force_is_the_latest_one_started_and_not_ended():
    MonevThreshold.objects.create(
        key=BEHIND, percent=Decimal("60"), valid_from=dt.date(2026, 4, 1), legal_basis="Kesepakatan 2026"
    )
    MonevThreshold.objects.create(
        key=BEHIND,
        percent=Decimal("37.5"),
        valid_from=dt.date(2026, 2, 1),
        valid_to=dt.date(2026, 2, 1),
        legal_basis="Uji satu bulan",
    )
    assert threshold_in_force(BEHIND, dt.date(2026, 1, 1)).percent == Decimal("50.0")
    assert threshold_in_force(BEHIND, dt.date(2026, 2, 20)).percent == Decimal("37.5")
    assert behind_permille(dt.date(2026, 2, 1)) == 375
    assert threshold_in_force(BEHIND, PERIOD).percent == Decimal("50.0")
    assert threshold_in_force(BEHIND, dt.date(2026, 5, 1)).percent == Decimal("60.0")


def test_a_month_without_a_threshold_row_names_the_table_to_complete():
    MonevThreshold.objects.all().delete()
    with pytest.raises(MonevThresholdMissing, match="ambang monev"):
        threshold_in_force(BEHIND, PERIOD)


def test_the_arrears_limit_is_the_payment_rules():
    assert lapse_limit(PERIOD) == 3  # PP 44/2015 Art 39(2), as seeded
