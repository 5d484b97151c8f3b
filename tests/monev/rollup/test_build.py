"""The rollup build: exact counts at every level, money, arrears, breakdowns, the threshold row in force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lindung.monev.models import CoverageRollup, Dimension, MonevThreshold
from lindung.monev.services import monev_refresh
from lindung.regions import codes

from ..builders import BATAGUH, KALBAR, KALTENG, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD

pytestmark = pytest.mark.django_db


def total(code: str, period: dt.date = PERIOD) -> CoverageRollup:
    return CoverageRollup.objects.get(period=period, region_code=code, dimension=Dimension.TOTAL, key="")


def test_village_rows_count_every_status(dataset):
    row = total(MAMBULAU)
    assert (row.proposed, row.verified, row.submitted, row.active, row.rejected, row.ended) == (
        1,
        1,
        1,
        4,
        1,
        0,
    )
    assert (row.quota, row.villages, row.villages_below_half) == (10, 1, 0)
    assert row.commitment_permille == 700  # 7 places of 10


def test_levels_add_up_from_village_to_country(dataset):
    kecamatan, kabupaten, province, country = total(BATAGUH), total(KAPUAS), total(KALTENG), total("")
    assert kecamatan.active == kabupaten.active == province.active == 6
    assert country.active == 6 + 5  # Bengkayang's five
    assert total(KALBAR).active == 5
    # Every desa of Kapuas has the default quota of 10; 62.03.17.2003 is one of the villages below half.
    desa = CoverageRollup.objects.filter(
        codes.subtree_q("region_code", KAPUAS), period=PERIOD, level=4, dimension=Dimension.TOTAL
    )
    assert kabupaten.quota == 10 * desa.filter(quota__gt=0).count()
    assert kabupaten.villages_below_half == kabupaten.villages - 1  # only Pulau Mambulau is at or above half


def test_neighbour_village_is_below_half(dataset):
    row = total(NEIGHBOUR)
    assert (row.active, row.ended, row.quota, row.villages_below_half) == (2, 1, 10, 1)
    assert row.commitment_permille == 200


def test_money_is_the_calculators_year_per_funded_person(dataset):
    # Funded = proposed, verified, submitted, active: 7 in Pulau Mambulau at Rp 16.800 × 12.
    assert total(MAMBULAU).committed == 7 * 16_800 * 12
    # Paid: Jan-Mar + Jan + Jan-Feb = 6 months.
    assert total(MAMBULAU).realised == 6 * 16_800


def test_at_risk_are_active_people_two_or_three_months_unpaid(dataset):
    # "Jan only" (Feb, Mar unpaid) and "nothing" (Jan-Mar unpaid); "Jan-Feb" has one month unpaid.
    assert total(MAMBULAU).at_risk == 2
    # Bengkayang records no payments in Lindung: nobody there is counted as in arrears.
    assert total(KALBAR).at_risk == 0


def test_a_fourth_unpaid_month_is_no_longer_at_risk_but_lapsing(dataset):
    monev_refresh(period=dt.date(2026, 4, 1), today=dt.date(2026, 4, 30))
    april = CoverageRollup.objects.get(
        period=dt.date(2026, 4, 1), region_code=MAMBULAU, dimension="total", key=""
    )
    # April: "nothing" is 4 months unpaid (lapsing, not at risk); "Jan only" 3; "Jan-Feb" 2.
    assert april.at_risk == 2


def test_breakdown_rows_split_the_total(dataset):
    rows = CoverageRollup.objects.filter(period=PERIOD, region_code=MAMBULAU, dimension=Dimension.GENDER)
    assert {r.key: r.active for r in rows} == {"L": 2, "P": 2}
    assert sum(r.proposed + r.verified + r.submitted + r.active + r.rejected for r in rows) == 8


def test_villages_behind_are_counted_with_the_threshold_row_in_force_for_the_month(dataset):
    # From April a village is behind below 75 % of its quota: Pulau Mambulau (70 %) joins its neighbour.
    MonevThreshold.objects.create(
        key=MonevThreshold.Key.QUOTA_BEHIND,
        percent=Decimal("75"),
        valid_from=dt.date(2026, 4, 1),
        legal_basis="Kesepakatan uji",
    )
    april = dt.date(2026, 4, 1)
    monev_refresh(period=april, today=dt.date(2026, 4, 30))
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    assert (total(MAMBULAU, april).villages_below_half, total(NEIGHBOUR, april).villages_below_half) == (1, 1)
    assert total(MAMBULAU).villages_below_half == 0  # March keeps the 50 % row
    assert total(BATAGUH, april).villages_below_half == total(BATAGUH, april).villages


def test_a_village_exactly_at_the_threshold_is_not_behind(dataset):
    MonevThreshold.objects.create(
        key=MonevThreshold.Key.QUOTA_BEHIND,
        percent=Decimal("70"),
        valid_from=dt.date(2026, 4, 1),
        legal_basis="Kesepakatan uji",
    )
    april = dt.date(2026, 4, 1)
    monev_refresh(period=april, today=dt.date(2026, 4, 30))
    assert total(MAMBULAU, april).villages_below_half == 0  # 7 of 10 = 70 %, not below 70 %
