from __future__ import annotations

import pytest

from lindung.programmes.selectors import programmes_for_region
from tests.people.builders import PULAU_MAMBULAU

from .builders import make_programme

pytestmark = pytest.mark.django_db


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
