from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.billing.models import Bill, BillLine
from lindung.billing.selectors import (
    arrears_list,
    arrears_streaks,
    due_date,
    enrolment_arrears,
    enrolments_due_to_lapse,
    last_due_month,
)
from lindung.billing.services import billing_daily, payment_record
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from lindung.people.selectors import nik_for_display
from tests.accounts.builders import make_user
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


def test_arrears_list_names_each_member_with_months_amount_and_lapse_date(django_assert_max_num_queries):

    behind = make_enrolment(Status.ACTIVE, paid_months=7)
    programme = behind.programme
    make_enrolment(Status.ACTIVE, programme=programme, paid_months=9)  # paid up on 20 September
    billed = make_enrolment(Status.ACTIVE, programme=programme, paid_months=8)
    bill = Bill.objects.create(
        programme=programme, month=D(2026, 9, 1), number="T-1", due_date=D(2026, 9, 15)
    )
    BillLine.objects.create(
        bill=bill,
        enrolment=billed,
        village_id=billed.village_id,
        month=D(2026, 9, 1),
        amount=8_400,
        gross=16_800,
    )
    user = make_user(Role.OPERATOR_DESA, "62.03.17.2002")
    with django_assert_max_num_queries(12):
        result = arrears_list(actor=user, as_of=D(2026, 9, 20), programme=programme.code)
    rows = {r.enrolment_id: r for r in result.rows}
    assert set(rows) == {behind.pk, billed.pk}
    row = rows[behind.pk]
    assert row.unpaid_labels == ["Agustus 2026", "September 2026"] and row.streak == 2
    assert row.amount == 33_600 and row.lapses_on == D(2026, 11, 16)
    assert row.note == "non-aktif bila belum dibayar sampai 16-11-2026"
    assert row.nik == nik_for_display(user, behind.worker.nik) and row.kpj == behind.kpj
    assert rows[billed.pk].amount == 8_400
    event = AuditEvent.objects.get(action="arrears.view")
    assert sorted(event.detail["workers"]) == sorted([behind.worker_id, billed.worker_id])


def test_arrears_list_says_since_when_a_member_is_non_active_and_hides_other_regions():

    lapsed = make_enrolment(Status.ACTIVE, paid_months=1)
    billing_daily(as_of=D(2026, 5, 19))
    [row] = arrears_list(actor=None, as_of=D(2026, 6, 1)).rows
    assert row.enrolment_id == lapsed.pk and row.note == "non-aktif sejak 19-05-2026"
    outsider = make_user(Role.ADMIN_PROGRAM, "61.07")
    assert arrears_list(actor=outsider, as_of=D(2026, 6, 1)).rows == []


def test_arrears_streaks_count_exact_runs_with_payments_made_by_the_day():

    programme = make_enrolment(Status.ACTIVE, paid_months=9).programme
    make_enrolment(Status.ACTIVE, programme=programme, paid_months=8)
    late = make_enrolment(Status.ACTIVE, programme=programme, paid_months=7)
    payment_record(actor=None, enrolment=late, month=D(2026, 8, 1), paid_on=D(2026, 10, 21))
    # On 20 October (October due on the 15th): 1, 2 and 3 months unpaid; the late August payment not yet made.
    assert arrears_streaks(as_of=D(2026, 10, 20)) == {1: 1, 2: 1, 3: 1, 4: 0}
    assert arrears_streaks(as_of=D(2026, 10, 22)) == {1: 1, 2: 2, 3: 0, 4: 0}
