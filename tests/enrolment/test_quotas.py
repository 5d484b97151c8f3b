"""Village quotas and the places enrolments take in them."""

from __future__ import annotations

import pytest

from lindung.enrolment.models import Status
from lindung.enrolment.selectors import (
    programme_quota_usage,
    programmes_places_used,
    quota_used,
    village_quota,
)
from lindung.enrolment.services import QuotaRefused, village_quota_set, village_quotas_set
from lindung.programmes.models import VillageQuota
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import make_enrolment

pytestmark = pytest.mark.django_db


def test_quota_usage_counts_occupying_statuses_per_village():
    programme = make_programme(quota_per_village=10, total_quota=500)
    for status in (Status.PROPOSED, Status.ACTIVE, Status.NON_ACTIVE, Status.REJECTED, Status.ENDED):
        make_enrolment(status, programme=programme)
    usage = programme_quota_usage(programme)
    assert usage.used_by_village == {PULAU_MAMBULAU: 3} and usage.total_used == 3
    assert usage.remaining_for(PULAU_MAMBULAU) == 7 and usage.quota_for("62.03.17.1001") == 10
    assert quota_used(programme, PULAU_MAMBULAU) == 3 and quota_used(programme) == 3


def test_village_quota_override_and_back_to_default():
    programme = make_programme(quota_per_village=100)
    assert village_quota_set(actor=None, programme=programme, village_code=PULAU_MAMBULAU, quota=150) == 150
    assert village_quota(programme, PULAU_MAMBULAU) == 150
    village_quota_set(actor=None, programme=programme, village_code=PULAU_MAMBULAU, quota=None)
    assert village_quota(programme, PULAU_MAMBULAU) == 100 and not VillageQuota.objects.exists()


@pytest.mark.parametrize(
    ("code", "quota", "phrase"),
    [
        ("62.03.17", 10, "bukan kode desa"),
        ("61.07.04.2003", 10, "di luar wilayah cakupan"),
        (PULAU_MAMBULAU, -5, "tidak negatif"),
    ],
)
def test_village_quota_refusals_name_the_village(code, quota, phrase):
    programme = make_programme()
    with pytest.raises(QuotaRefused) as exc:
        village_quota_set(actor=None, programme=programme, village_code=code, quota=quota)
    assert phrase in exc.value.errors[code]


def test_village_quota_cannot_drop_below_places_taken():
    enrolment = make_enrolment()
    with pytest.raises(QuotaRefused) as exc:
        village_quota_set(actor=None, programme=enrolment.programme, village_code=PULAU_MAMBULAU, quota=0)
    assert "sudah terdaftar (1 orang)" in exc.value.errors[PULAU_MAMBULAU]


def test_many_village_quotas_are_set_all_or_nothing():
    programme = make_programme()
    with pytest.raises(QuotaRefused):
        village_quotas_set(actor=None, programme=programme, quotas={PULAU_MAMBULAU: 5, "62.03.17": 5})
    assert not VillageQuota.objects.exists()
    assert (
        village_quotas_set(actor=None, programme=programme, quotas={PULAU_MAMBULAU: 5, "62.03.17.1001": 0})
        == 2
    )


def test_places_used_of_many_programmes_in_one_query(django_assert_num_queries):
    first = make_programme()
    second = make_programme()
    make_enrolment(Status.PROPOSED, programme=first)
    make_enrolment(Status.REJECTED, programme=second)
    with django_assert_num_queries(1):
        used = programmes_places_used([first, second])
    assert used == {first.pk: 1, second.pk: 0}
