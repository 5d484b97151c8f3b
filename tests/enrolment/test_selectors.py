"""Reads on enrolments shared by pages and the API: the quota usage of many programmes at once."""

from __future__ import annotations

import pytest

from lindung.enrolment.models import Status
from lindung.enrolment.selectors import programme_quota_usage, programmes_quota_usage
from lindung.enrolment.services import village_quotas_set
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import make_enrolment, new_worker

pytestmark = pytest.mark.django_db
NEIGHBOUR = "62.03.17.2003"


def _programmes(count: int) -> list:
    """Programmes with places taken in two villages, a given-back place, and overrides in some of them."""
    programmes = []
    for i in range(count):
        programme = make_programme(quota_per_village=10 + i, total_quota=None if i % 2 else 500)
        make_enrolment(programme=programme)
        make_enrolment(programme=programme, worker=new_worker(village_code=NEIGHBOUR))
        make_enrolment(Status.REJECTED, programme=programme)
        if i % 2 == 0:
            village_quotas_set(actor=None, programme=programme, quotas={PULAU_MAMBULAU: 20 + i})
        programmes.append(programme)
    programmes.append(make_programme())  # nothing taken, no override
    return programmes


def test_quota_usage_of_many_programmes_is_the_usage_of_each():
    programmes = _programmes(3)
    assert programmes_quota_usage(programmes) == {p.pk: programme_quota_usage(p) for p in programmes}


def test_quota_usage_of_many_programmes_limited_to_villages_is_the_usage_of_each():
    programmes = _programmes(3)
    villages = [PULAU_MAMBULAU]
    assert programmes_quota_usage(programmes, villages=villages) == {
        p.pk: programme_quota_usage(p, villages=villages) for p in programmes
    }


@pytest.mark.parametrize("villages", [None, [PULAU_MAMBULAU]])
def test_quota_usage_of_many_programmes_takes_three_queries_at_most(villages, django_assert_max_num_queries):
    programmes = _programmes(4)
    with django_assert_max_num_queries(3):
        programmes_quota_usage(programmes, villages=villages)
