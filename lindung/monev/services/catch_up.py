"""Keeping the current month's rollup up to date with the audit trail, from a page or the background worker."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from lindung.regions import codes

from ..models import RollupState
from ..tasks import monev_refresh_task
from .refresh import monev_refresh, stale_regions

log = logging.getLogger(__name__)

# A catch-up touching more than this many subtrees, or any province or the whole country, runs in the
# background worker instead of inside a page request.
INLINE_LIMIT = 200
INLINE_MIN_LEVEL = codes.REGENCY
# A queued rebuild is not queued again for this long: the worker may be busy with a national build.
REQUEUE_AFTER = dt.timedelta(minutes=15)


def monev_catch_up(*, period: dt.date, inline_limit: int = INLINE_LIMIT) -> str:
    """Bring a month's rollup up to date with the audit trail. Returns "fresh", "refreshed", "queued" or "missing".

    Small changes (some villages, kecamatan or a kabupaten) are rebuilt at once; larger ones go to the
    background worker (``monev_refresh_task``), at most once per quarter hour.
    """
    stale = stale_regions(period)
    if stale is None:
        return "missing"
    if stale == []:
        return "fresh"
    if len(stale) <= inline_limit and all(codes.level(c) >= INLINE_MIN_LEVEL for c in stale):
        monev_refresh(period=period, regions=stale, audit=False)
        return "refreshed"
    return _enqueue(period)


def _enqueue(period: dt.date) -> str:
    now = timezone.now()
    queued = RollupState.objects.filter(period=period).values_list("queued_at", flat=True).first()
    if queued and now - queued < REQUEUE_AFTER:
        return "queued"
    try:
        monev_refresh_task.enqueue(period=period.isoformat()[:7])
    except Exception:  # noqa: BLE001 - a missing worker must not break the page; the nightly run catches up
        log.exception("monev: could not enqueue the refresh of %s", period)
        return "stale"
    RollupState.objects.filter(period=period).update(queued_at=now)
    return "queued"
