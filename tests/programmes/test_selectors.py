from __future__ import annotations

import pytest

from lindung.enrolment.models import Status
from lindung.programmes.selectors import programme_quota_usage, programmes_for_region, quota_used
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU

from .builders import make_programme

pytestmark = pytest.mark.django_db


def test_quota_usage_counts_occupying_statuses_per_village():
    programme = make_programme(quota_per_village=10, total_quota=500)
    for status in (Status.PROPOSED, Status.ACTIVE, Status.NON_ACTIVE, Status.REJECTED, Status.ENDED):
        make_enrolment(status, programme=programme)
    usage = programme_quota_usage(programme)
    assert usage.used_by_village == {PULAU_MAMBULAU: 3} and usage.total_used == 3
    assert usage.remaining_for(PULAU_MAMBULAU) == 7 and usage.quota_for("62.03.17.1001") == 10
    assert quota_used(programme, PULAU_MAMBULAU) == 3 and quota_used(programme) == 3


def test_a_region_sees_programmes_covering_it_from_above_and_below():
    province = make_programme(owner_region="62", coverage_region="62")
    regency = make_programme()
    village = make_programme(
        owner_region=PULAU_MAMBULAU,
        coverage_region=PULAU_MAMBULAU,
        funding_source="apbdes",
        apbdes_sub_source="add",
    )
    other = make_programme(owner_region="61.07", coverage_region="61.07")
    assert set(programmes_for_region("62.03.17")) == {province, regency, village}
    assert set(programmes_for_region("62")) == {province, regency, village}
    assert set(programmes_for_region("61")) == {other}
    assert set(programmes_for_region(None)) == {province, regency, village, other}
