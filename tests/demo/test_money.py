"""The demo's year of money: bills for every covered month, paid whole (some late) or by name, the daily job's
lapses and reactivation in the demo month, and one insurer statement with every outcome."""

from __future__ import annotations

import pytest
from django.db.models import F

from lindung.billing.models import Bill, BillPayment, Outcome, Payment, Statement
from lindung.core.months import month_of, month_range
from lindung.enrolment.models import EnrolmentEvent, Status
from lindung.monev.models import CoverageRollup, Dimension
from lindung.monev.services import monev_refresh
from lindung.programmes.models import Programme

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def moved_on(day, from_status: str, to_status: str) -> list[int]:
    return list(
        EnrolmentEvent.objects.filter(
            from_status=from_status, to_status=to_status, detail__on=day.isoformat()
        ).values_list("enrolment_id", flat=True)
    )


def test_every_covered_month_up_to_the_demo_month_has_its_bill(loaded):
    # A programme nobody is enrolled in yet (the demo's umbrella scheme and DBH sawit plan) has nothing to bill.
    for programme in Programme.objects.filter(enrolments__isnull=False).distinct():
        months = month_range(programme.start_month, min(month_of(TODAY), programme.end_month))
        issued = list(
            Bill.objects.filter(programme=programme).order_by("month").values_list("month", flat=True)
        )
        assert issued == months, programme.code


def test_most_bills_are_paid_whole_and_some_after_the_due_date(loaded):
    due = Bill.objects.filter(due_date__lt=TODAY)
    whole = BillPayment.objects.filter(status=BillPayment.Status.APPLIED)
    assert whole.count() * 2 > due.count()
    assert whole.filter(paid_on__gt=F("bill__due_date")).count() >= 4
    assert (
        Payment.objects.filter(source=Payment.Source.BILL).count()
        > Payment.objects.filter(source=Payment.Source.MANUAL).count()
    )


def test_the_daily_job_lapses_two_and_reactivates_one_on_the_demo_day(loaded):
    lapsed = moved_on(TODAY, Status.ACTIVE, Status.NON_ACTIVE)
    back = moved_on(TODAY, Status.NON_ACTIVE, Status.ACTIVE)
    assert len(lapsed) == 2 and len(back) == 1
    assert set(lapsed) | set(back) <= set(
        Programme.objects.get(code="kps-rentan").enrolments.values_list("id", flat=True)
    )
    reason = EnrolmentEvent.objects.filter(enrolment_id=lapsed[0], to_status=Status.NON_ACTIVE).last().reason
    assert "PP 44/2015" in reason
    # The one reactivated lapsed earlier, and its arrears were paid on the demo day by the statement.
    assert EnrolmentEvent.objects.filter(enrolment_id=back[0], to_status=Status.NON_ACTIVE).exists()
    assert Payment.objects.filter(
        enrolment_id=back[0], source=Payment.Source.STATEMENT, paid_on=TODAY
    ).exists()


def test_the_insurer_statement_holds_every_outcome(loaded):
    statement = Statement.objects.get(kind=Statement.Kind.INSURER)
    outcomes = set(statement.lines.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    not_covered = statement.lines.filter(outcome=Outcome.NOT_COVERED).values_list("message", flat=True)
    assert any("meninggal" in m for m in not_covered) and any("diusulkan" in m for m in not_covered)


def test_monev_shows_the_demo_months_lapses_reactivation_and_money(loaded):
    monev_refresh(period=TODAY, today=TODAY)
    row = CoverageRollup.objects.get(
        period=month_of(TODAY), region_code="", dimension=Dimension.TOTAL, key=""
    )
    assert (row.lapsed, row.reactivated, row.lapse_due) == (2, 1, 0)
    assert row.billed > 0 and 0 < row.paid <= row.billed + 16_800
    assert row.at_risk > 0
