from __future__ import annotations

import pytest
from django.core.cache import cache

from lindung.monev.selectors import forget_state


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Monev figures are cached per build; tests rebuild the same months, so each one starts empty.
    cache.clear()
    forget_state()
    yield
    cache.clear()
    forget_state()
