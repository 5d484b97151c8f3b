"""The rollup build: exact counts at every level, the live computation agreeing with it, catch-up."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.core.services import audit_record
from lindung.enrolment.models import Status
from lindung.monev.models import CoverageRollup, Dimension, RollupState
from lindung.monev.selectors import monev_figures
from lindung.monev.services import monev_catch_up, monev_refresh, stale_regions

from .builders import BATAGUH, KALBAR, KALTENG, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD, make_dataset

pytestmark = pytest.mark.django_db


def total(code: str) -> CoverageRollup:
    return CoverageRollup.objects.get(period=PERIOD, region_code=code, dimension=Dimension.TOTAL, key="")


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
        period=PERIOD, level=4, dimension=Dimension.TOTAL, region_code__startswith="62.03."
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


@pytest.mark.parametrize("code", ["", KALTENG, KAPUAS, BATAGUH, MAMBULAU, KALBAR])
def test_live_computation_agrees_with_the_rollup(dataset, code):
    rolled = monev_figures(code, PERIOD).to_dict()
    live = monev_figures(code, PERIOD, live=True).to_dict()
    for key in (
        "people",
        "breakdowns",
        "children",
        "villages_below_half",
        "villages_at_risk",
        "ucj",
        "budget",
    ):
        assert live[key] == rolled[key], key


def test_catch_up_rebuilds_only_what_the_audit_trail_names(dataset):
    assert monev_catch_up(period=PERIOD) == "fresh"
    enrolment = dataset.enrolments["proposed"]
    enrolment.status = Status.VERIFIED
    enrolment.save()
    audit_record(
        actor=None,
        action="enrolment.verify",
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=MAMBULAU,
    )
    assert stale_regions(PERIOD) == [MAMBULAU]
    before = RollupState.objects.get(period=PERIOD).audit_mark
    assert monev_catch_up(period=PERIOD) == "refreshed"
    assert (total(MAMBULAU).proposed, total(MAMBULAU).verified) == (0, 2)
    assert (total(KAPUAS).proposed, total("").verified) == (0, 2)
    assert RollupState.objects.get(period=PERIOD).audit_mark > before
    assert monev_catch_up(period=PERIOD) == "fresh"


def test_reads_of_personal_data_do_not_make_the_rollup_stale(dataset):
    audit_record(actor=None, action="worker.view", object_type="worker", object_id=1, region_code=MAMBULAU)
    assert stale_regions(PERIOD) == []


def test_a_month_never_built_is_reported_missing(db):
    make_dataset()
    assert monev_catch_up(period=PERIOD) == "missing"
    assert stale_regions(PERIOD) is None


def test_partial_refresh_of_an_unbuilt_month_builds_everything(db):
    make_dataset()
    report = monev_refresh(period=PERIOD, regions=[MAMBULAU], today=dt.date(2026, 3, 31))
    assert report.full
    assert total("").active == 11


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
