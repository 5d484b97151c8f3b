"""The lifecycle API follows the payment rule rows: no reactivation in arrears, no lapse without them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.billing.selectors import last_due_month
from lindung.core.months import month_add, month_of, month_range
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def member_with_unpaid(status: str, unpaid: int) -> Enrolment:
    """A member of a programme that began 8 months ago, with ``unpaid`` due months unpaid as of today."""
    today = timezone.localdate()
    start = month_add(month_of(today), -8)
    programme = make_programme(fiscal_year=start.year, start_month=f"{start:%Y-%m}")
    due = month_range(start, last_due_month(segment="BPU", as_of=today))
    return make_enrolment(status, programme=programme, paid_months=len(due) - unpaid, today=today)


def post_transition(client, enrolment: Enrolment, to_status: str) -> dict:
    response = client.post(
        "/api/enrolments/transition",
        {"ids": [enrolment.pk], "to_status": to_status},
        content_type="application/json",
    )
    assert response.status_code == 200
    return response.json()


def test_the_insurer_officer_cannot_reactivate_a_member_with_five_unpaid_months(client):
    enrolment = member_with_unpaid(Status.NON_ACTIVE, 5)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    data = post_transition(client, enrolment, Status.ACTIVE)
    assert data["moved"] == []
    assert "belum dapat diaktifkan kembali" in data["refused"][0]["reason"]
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.NON_ACTIVE


def test_the_insurer_officer_cannot_lapse_a_member_with_nothing_unpaid(client):
    enrolment = member_with_unpaid(Status.ACTIVE, 0)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    data = post_transition(client, enrolment, Status.NON_ACTIVE)
    assert data["moved"] == []
    assert "tunggakan berturut-turut 0 bulan" in data["refused"][0]["reason"]
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.ACTIVE


def test_a_lapse_through_the_api_records_the_day_it_took_effect(client):
    enrolment = member_with_unpaid(Status.ACTIVE, 4)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    data = post_transition(client, enrolment, Status.NON_ACTIVE)
    assert data["moved"] == [enrolment.pk]
    assert enrolment.events.last().detail == {"on": timezone.localdate().isoformat()}
