from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in the test's thread, and figures read outside a request
    # put their labels, recommendations and numbers into words in the active language: start from the
    # default one, as a command or the task worker does. (override(None) would switch translation off, and
    # numbers would then take Django's global formats, "1234.5", which no reader ever sees.)
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def dataset(db):
    data = make_dataset()
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    return data
