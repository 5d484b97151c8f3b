"""The demo's sponsors: an ASN with three people ending inside the warning, and a CSR commitment half paid."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.demo.programmes.sponsorship import demo_sponsorships
from lindung.enrolment.models import Status
from lindung.sponsorship.models import CsrCommitment, Sponsorship
from lindung.sponsorship.selectors import ending_warnings
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import current_programme

from .builders import kapuas_worker, make_company

pytestmark = pytest.mark.django_db


def test_demo_sponsorships_end_inside_the_warning_and_the_commitment_is_half_paid():
    today = timezone.localdate()
    company = make_company()
    programme = current_programme(code="kps-rentan")
    current_programme(code="csr-sawit-mantangai", funding_source="csr", sponsor=company.pk)
    for i in range(13):
        make_enrolment(Status.ACTIVE, programme=programme, worker=kapuas_worker(f"Warga {i}"))
    summary = demo_sponsorships(today, company)
    assert "3 pekerja" in summary
    assert Sponsorship.objects.count() == 3
    (group,) = ending_warnings(None, today=today).groups
    assert len(group.people) == 3 and group.days_left == 51
    commitment = CsrCommitment.objects.get()
    assert commitment.payments.get().amount * 2 == commitment.amount
    assert demo_sponsorships(today, company) == ""
