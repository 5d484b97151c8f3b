"""The month's money and moves in the rollup: billed, paid by the period's end, lapsed, reactivated, and the
arrears counts read with billing's one definition of "in arrears"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lindung.billing.models import Bill, BillLine, Payment
from lindung.billing.selectors import enrolments_in_arrears
from lindung.contributions.selectors import RuleBook
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.monev.models import CoverageRollup, Dimension
from lindung.monev.selectors import monev_figures
from lindung.monev.services import monev_refresh
from tests.people.builders import make_worker

from ..builders import KAPUAS, MAMBULAU, MONTHLY, NEIGHBOUR, PERIOD, enrol, make_programme

pytestmark = pytest.mark.django_db
MARCH_END = dt.date(2026, 3, 31)


def total(code: str) -> CoverageRollup:
    return CoverageRollup.objects.get(period=PERIOD, region_code=code, dimension=Dimension.TOTAL, key="")


def person(serial: int, programme, status: str = Status.ACTIVE, *, village: str = MAMBULAU, start=None):
    return enrol(make_worker(serial=serial, village_code=village), programme, status, start=start)


def pay(enrolment: Enrolment, month: int, *, year: int = 2026, paid_on: dt.date | None = None) -> None:
    month_start = dt.date(year, month, 1)
    Payment.objects.create(
        enrolment=enrolment, month=month_start, amount=MONTHLY, paid_on=paid_on or month_start.replace(day=10)
    )


def moved(enrolment: Enrolment, from_status: str, to_status: str, day: dt.date, *, on=None) -> None:
    event = EnrolmentEvent.objects.create(
        enrolment=enrolment, from_status=from_status, to_status=to_status, detail={"on": on} if on else {}
    )
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    EnrolmentEvent.objects.filter(pk=event.pk).update(at=at)


@pytest.fixture
def programme(db):
    # Started in October 2025, so that by March 2026 a member can owe more months than the rule tolerates.
    return make_programme("kapuas-money", KAPUAS, fiscal_year=2025, start_month=dt.date(2025, 10, 1))


def test_billed_is_every_line_of_the_months_bills(programme):
    a, b = person(1, programme), person(2, programme, village=NEIGHBOUR)
    march = Bill.objects.create(
        programme=programme, month=PERIOD, number="T-03", due_date=dt.date(2026, 3, 16)
    )
    february = Bill.objects.create(
        programme=programme, month=dt.date(2026, 2, 1), number="T-02", due_date=dt.date(2026, 2, 16)
    )
    for e in (a, b):
        BillLine.objects.create(
            bill=march, enrolment=e, village_id=e.village_id, month=PERIOD, amount=MONTHLY
        )
        BillLine.objects.create(
            bill=february, enrolment=e, village_id=e.village_id, month=february.month, amount=MONTHLY
        )
    BillLine.objects.create(
        bill=march, enrolment=a, village_id=MAMBULAU, month=PERIOD, kind="adjustment", amount=-800, reason="x"
    )
    BillLine.objects.create(
        bill=march, enrolment=a, village_id=MAMBULAU, month=PERIOD, kind="credit", amount=-500, reason="y"
    )
    monev_refresh(period=PERIOD, today=MARCH_END)
    assert total(MAMBULAU).billed == MONTHLY - 800 - 500
    assert total(NEIGHBOUR).billed == MONTHLY
    assert total(KAPUAS).billed == 2 * MONTHLY - 1300
    row = CoverageRollup.objects.get(
        period=PERIOD, region_code=KAPUAS, dimension=Dimension.PROGRAMME, key=str(programme.pk)
    )
    assert row.billed == 2 * MONTHLY - 1300


def test_paid_counts_the_months_payments_made_by_the_periods_end(programme):
    on_time, late, prepaid = person(1, programme), person(2, programme), person(3, programme)
    pay(on_time, 3)
    pay(late, 3, paid_on=dt.date(2026, 4, 2))
    pay(prepaid, 4, paid_on=dt.date(2026, 3, 2))
    monev_refresh(period=PERIOD, today=dt.date(2026, 4, 30))
    row = total(MAMBULAU)
    assert row.paid == MONTHLY
    # Realised (months up to March) also leaves out what was paid after March ended.
    assert row.realised == MONTHLY


def test_lapsed_and_reactivated_are_the_months_moves(programme):
    lapsed = person(1, programme, Status.NON_ACTIVE)
    back = person(2, programme)
    earlier = person(3, programme, Status.NON_ACTIVE)
    moved(lapsed, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 3, 20))
    moved(back, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 2, 20))
    moved(back, Status.NON_ACTIVE, Status.ACTIVE, dt.date(2026, 3, 5))
    moved(earlier, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 2, 25))
    moved(earlier, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 4, 1))
    # Written on 2 March by a late run of the daily job, taking effect on 27 February: February's move.
    late_run = person(4, programme, Status.NON_ACTIVE)
    moved(late_run, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 3, 2), on="2026-02-27")
    # Written on 1 April, taking effect on 31 March: March's.
    last_day = person(5, programme, Status.NON_ACTIVE)
    moved(last_day, Status.ACTIVE, Status.NON_ACTIVE, dt.date(2026, 4, 1), on="2026-03-31")
    monev_refresh(period=PERIOD, today=MARCH_END)
    row = total(MAMBULAU)
    assert (row.lapsed, row.reactivated, row.non_active, row.active) == (2, 1, 4, 1)
    figures = monev_figures(KAPUAS, PERIOD).to_dict()
    assert (figures["people"]["lapsed"], figures["people"]["reactivated"]) == (2, 1)


def _arrears_people(programme) -> dict[str, Enrolment]:
    """Active members whose unpaid run on 31 March 2026 is 0, 1, 2, 3, 3 (March paid late), 4 and 6 months."""
    e = {
        name: person(i, programme, start=dt.date(2025, 10, 3))
        for i, name in enumerate(["paid", "one", "two", "three", "late", "four", "none"], start=1)
    }
    months = {"paid": 6, "one": 5, "two": 4, "three": 3, "late": 3, "four": 2, "none": 0}
    for name, count in months.items():
        for month in [10, 11, 12, 1, 2, 3][:count]:
            pay(e[name], month, year=2025 if month >= 10 else 2026)
    pay(e["late"], 3, paid_on=dt.date(2026, 4, 6))  # after the period: does not end the run on 31 March
    e["new"] = person(9, programme, start=dt.date(2026, 3, 5))  # owes March only
    return e


def test_at_risk_is_billings_arrears_definition_and_past_the_limit_is_counted_apart(programme):
    _arrears_people(programme)
    monev_refresh(period=PERIOD, today=MARCH_END)
    limit = RuleBook.load().payment_rule(programme.segment, PERIOD).lapse_after_unpaid_months
    two_or_more = enrolments_in_arrears(as_of=MARCH_END, at_least=2).count()
    past_limit = enrolments_in_arrears(as_of=MARCH_END, at_least=limit + 1).count()
    row = total(MAMBULAU)
    assert row.at_risk == two_or_more - past_limit == 3  # two, three, late
    assert row.lapse_due == past_limit == 2  # four, none: still active until the daily job runs
    assert row.active == 8


def test_arrears_count_only_payments_made_by_the_as_of_day(programme):
    e = _arrears_people(programme)
    monev_refresh(period=PERIOD, today=MARCH_END)
    assert total(MAMBULAU).at_risk == 3
    # The late March payment of "late" now ends its run, but only in a build made after it was paid.
    Payment.objects.filter(enrolment=e["late"]).update(paid_on=dt.date(2026, 3, 30))
    monev_refresh(period=PERIOD, today=MARCH_END)
    assert total(MAMBULAU).at_risk == 2


def test_a_programme_covering_one_village_builds(db):
    # Its subtree range ends one character past a village code (a PostgreSQL varchar(13) once refused it).
    village = make_programme("desa-money", MAMBULAU)
    pay(person(1, village), 3)
    monev_refresh(period=PERIOD, today=MARCH_END)
    assert (total(MAMBULAU).active, total(MAMBULAU).paid) == (1, MONTHLY)
