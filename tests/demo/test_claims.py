"""The demo's claims: every status, one refused for arrears, one death of a person never enrolled."""

from __future__ import annotations

import pytest

from lindung.claims.models import Claim, ClaimStatus
from lindung.enrolment.models import Enrolment, Status
from lindung.monev.selectors.claims import monev_claims

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_every_claim_status_appears(loaded):
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(ClaimStatus.values)
    assert "Klaim demo: 6 kasus." in loaded[0]


def test_one_claim_is_refused_for_arrears_of_a_lapsed_member(loaded):
    refused = Claim.objects.get(status=ClaimStatus.REFUSED)
    assert refused.refused_reason.startswith(
        "Menunggak lebih dari 3 bulan pada tanggal kejadian; hak gugur ("
    )
    assert not refused.covered and refused.enrolment.status == Status.NON_ACTIVE
    arrears = next(a for a in refused.entitlement if a["question"] == "Tunggakan menggugurkan hak")
    assert arrears["yes"] is True and arrears["basis"]


def test_one_death_is_of_a_person_never_enrolled(loaded):
    stranger = Claim.objects.get(worker__isnull=True)
    assert stranger.kind == "death" and stranger.full_name == "Jumadi" and len(stranger.nik) == 16
    assert not stranger.covered and stranger.expected_amount in (None, 0)
    assert not Enrolment.objects.filter(worker__nik=stranger.nik).exists()


def test_the_paid_death_is_paid_its_computed_amount_and_monev_shows_it(loaded):
    paid = Claim.objects.get(status=ClaimStatus.PAID)
    assert paid.kind == "death" and paid.paid_amount == paid.expected_amount == 42_000_000
    assert not paid.amount_differs and paid.heirs.exists()
    assert paid.paid_on < TODAY
    assert monev_claims("62.03").total.phrase == "Rp 42.000.000 untuk 1 keluarga"


def test_deaths_end_the_memberships_with_reason_death(loaded):
    for claim in Claim.objects.filter(kind="death", worker__isnull=False):
        assert claim.enrolment.status == Status.ENDED and claim.enrolment.end_reason == "death"
