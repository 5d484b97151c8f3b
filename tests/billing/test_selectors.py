from __future__ import annotations

import datetime as dt

import pytest

from lindung.billing.selectors import due_date, enrolment_arrears, enrolments_due_to_lapse, last_due_month
from lindung.billing.services import payment_record
from lindung.enrolment.models import Status
from tests.enrolment.builders import make_enrolment

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("month", "due"),
    [
        (D(2026, 1, 1), D(2026, 1, 15)),  # Thursday
        (D(2026, 3, 1), D(2026, 3, 16)),  # the 15th is a Sunday
        (D(2026, 5, 1), D(2026, 5, 18)),  # Friday 15 May is cuti bersama (Kenaikan Yesus Kristus)
        (D(2026, 8, 1), D(2026, 8, 18)),  # Saturday 15th, Sunday, then 17 August
    ],
)
def test_bpu_due_date_is_the_15th_of_the_month_itself_or_the_next_working_day(month, due):
    assert due_date(segment="BPU", month=month) == due


def test_pu_due_date_is_the_15th_of_the_following_month():
    # 15 February 2026 is a Sunday, 16 February cuti bersama and 17 February Imlek.
    assert due_date(segment="PU", month=D(2026, 1, 1)) == D(2026, 2, 18)
    assert due_date(segment="PU", month=D(2026, 3, 1)) == D(2026, 4, 15)


def test_pp_49_2020_moved_the_deadline_to_the_30th():
    # 2020 is outside the holiday calendar: only weekends move the deadline.
    assert due_date(segment="BPU", month=D(2020, 9, 1)) == D(2020, 9, 30)
    assert due_date(segment="BPU", month=D(2020, 8, 1)) == D(2020, 8, 31)  # Sunday 30th
    assert due_date(segment="BPU", month=D(2020, 7, 1)) == D(2020, 7, 15)
    assert due_date(segment="BPU", month=D(2021, 2, 1)) == D(2021, 2, 15)


def test_last_due_month_counts_a_deadline_only_once_it_has_passed():
    assert last_due_month(segment="BPU", as_of=D(2026, 1, 15)) == D(2025, 12, 1)
    assert last_due_month(segment="BPU", as_of=D(2026, 1, 16)) == D(2026, 1, 1)
    assert last_due_month(segment="PU", as_of=D(2026, 1, 16)) == D(2025, 12, 1)
    assert last_due_month(segment="PU", as_of=D(2026, 1, 15)) == D(2025, 11, 1)


def test_arrears_list_the_unpaid_months_and_the_run_at_the_end():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=3)
    payment_record(actor=None, enrolment=enrolment, month=D(2026, 6, 1), paid_on=D(2026, 6, 10))
    arrears = enrolment_arrears(enrolment, as_of=D(2026, 9, 20))
    assert arrears.unpaid == [D(2026, 4, 1), D(2026, 5, 1), D(2026, 7, 1), D(2026, 8, 1), D(2026, 9, 1)]
    assert arrears.streak == 3 and not arrears.lapses
    assert enrolment_arrears(enrolment, as_of=D(2026, 10, 16)).lapses


def test_months_before_membership_began_are_not_owed():
    enrolment = make_enrolment(Status.SUBMITTED)
    payment_record(actor=None, enrolment=enrolment, month=D(2026, 6, 1), paid_on=D(2026, 6, 3))
    from lindung.billing.services import enrolment_activate

    enrolment = enrolment_activate(actor=None, enrolment=enrolment, kpj="11122233344", today=D(2026, 6, 3))
    assert enrolment_arrears(enrolment, as_of=D(2026, 6, 20)).unpaid == []


def test_after_the_programme_ends_no_month_is_owed():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=12)
    assert enrolment_arrears(enrolment, as_of=D(2027, 6, 1)).unpaid == []
    assert enrolments_due_to_lapse(as_of=D(2027, 6, 1)) == []
