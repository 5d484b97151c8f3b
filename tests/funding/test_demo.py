"""The demo's funding: an umbrella APBDes scheme with a few villages not yet budgeted, and DBH sawit."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.demo.programmes.funding import NOT_YET, demo_funding
from lindung.funding.selectors import funding_picture

pytestmark = pytest.mark.django_db


def test_the_demo_funding_shows_in_the_picture_and_loads_once():
    summary = demo_funding(dt.date(2026, 3, 1))
    assert f"{214 - NOT_YET} desa" in summary and demo_funding(dt.date(2026, 3, 1)) == ""
    picture = funding_picture(actor=None, region_code="62.03", year=2026)
    assert picture.planned == (214 - NOT_YET) * 100 + 500
