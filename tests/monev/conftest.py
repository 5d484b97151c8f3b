from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from lindung.monev.selectors import forget_state
from lindung.monev.services import monev_refresh

from .builders import PERIOD, make_dataset


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures are cached per build; tests build the same month many times, so start each one empty.
    cache.clear()
    forget_state()
    yield
    cache.clear()
    forget_state()


@pytest.fixture
def dataset(db):
    data = make_dataset()
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    return data
