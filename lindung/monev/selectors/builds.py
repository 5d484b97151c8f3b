"""Which months are built, and what each process remembers per build of a month.

Every page of a month reads the same few small tables: the month's programmes and their quota totals, the
year's UCJ targets and person-year cost, the month's rule values, the built months and their build states.
Each process keeps them in its ``memo`` cache (``settings.CACHES``: local memory, not the shared file cache
that a page would read a file from), the month-bound ones per build of the month: a rebuild gives them a new
key. An edited target shows within ``CACHE_SECONDS``, as in the figures it feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.utils import timezone

from lindung.core.months import month_of

from ..models import RollupState

T = TypeVar("T")

MEMO = "memo"
CACHE_SECONDS = 600
PUBLIC_CACHE_SECONDS = 300
# A page asks for the month's build state three or four times (cache keys, figures, programmes). Within one
# process it is remembered for a second: a rebuild shows at most a second later, and a page does one query.
STATE_SECONDS = 1.0
# Part of every figures key: a cached Figures from before a change of its fields is never read back.
FIGURES_VERSION = 2
_MISSING = object()


def remembered(key: str, read: Callable[[], T], seconds: float = CACHE_SECONDS) -> T:
    """``read()``, kept in this process's memo cache for ``seconds`` under ``key`` (see above)."""
    memo = caches[MEMO]
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        value = read()
        memo.set(key, value, seconds)
    return value


def period_remembered(period: dt.date, name: str, read: Callable[[], T]) -> T:
    """``read()`` remembered for the current build of ``period``."""
    return remembered(f"{figures_cache_key('', period)}:{name}", read)


def forget_state() -> None:
    """Drop this process's memo of build states and month tables (after a build here, and in tests)."""
    caches[MEMO].clear()


def build_state(period: dt.date) -> RollupState | None:
    return remembered(
        f"monev:state:{period:%Y-%m}",
        lambda: RollupState.objects.filter(period=period).first(),
        seconds=STATE_SECONDS,
    )


def latest_period() -> dt.date:
    """The most recent month that has been built, or this month when none has."""
    latest = RollupState.objects.order_by("-period").values_list("period", flat=True).first()
    return latest or month_of(timezone.localdate())


def available_periods() -> list[dt.date]:
    """The built months, newest first (the period picker of every page)."""
    return remembered(
        "monev:periods",
        lambda: list(RollupState.objects.order_by("-period").values_list("period", flat=True)[:36]),
        seconds=STATE_SECONDS,
    )


def cache_key(code: str, period: dt.date, public: bool, state: RollupState | None) -> str:
    stamp = state.refreshed_at.timestamp() if state else 0
    kind = "pub" if public else "all"
    return f"monev:fig{FIGURES_VERSION}:{kind}:{code}:{period:%Y-%m}:{stamp}"


def figures_cache_key(code: str, period: dt.date, *, public: bool = False) -> str:
    """The cache key of a region's figures for a month: it changes with every build of that month."""
    period = month_of(period)
    return cache_key(code or "", period, public, build_state(period))
