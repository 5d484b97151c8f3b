"""Writes of monev: rebuilding the derived rollup. Nothing here changes data that anyone entered.

``monev_refresh`` rebuilds a month, for the whole country or for some subtrees. ``monev_catch_up`` finds the
villages whose data changed since the last build, through the audit trail that every service already
writes (``AuditEvent.region_code``), and rebuilds only those. No other app has to remember to call monev.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from lindung.core.models import AuditEvent
from lindung.core.services import audit_record
from lindung.programmes.months import month_label, month_of

from .models import CoverageRollup, RollupState
from .rollup import RollupBuild, level_of, minimal_prefixes, month_end, programme_windows

log = logging.getLogger(__name__)

# Audit actions that change what monev counts. Reads (``*.view``) and monev's own events are not changes.
CHANGING_PREFIXES = ("enrolment.", "payment.", "worker.", "programme.", "import.")
# Village-level breakdown rows (category, sex, age, funding) are most of the rollup; they are kept for the
# latest built months only. Older months keep every total, programme and higher-level row (docs/adr/0004).
VILLAGE_DETAIL_MONTHS = 2
# A catch-up touching more than this many subtrees, or any province or the whole country, runs in the
# background worker instead of inside a page request.
INLINE_LIMIT = 200
INLINE_MIN_LEVEL = 2


@dataclass(frozen=True)
class RefreshReport:
    period: dt.date
    scope: list[str] | None
    rows: int
    seconds: float
    full: bool
    timings: dict | None = None  # seconds per build step

    @property
    def summary(self) -> str:
        where = "seluruh Indonesia" if self.full else f"{len(self.scope or [])} wilayah"
        return f"Rekap monev {month_label(self.period)} diperbarui ({where}): {self.rows} baris, {self.seconds:.1f} detik"


def _lock(cursor) -> None:
    """One build at a time. SQLite's IMMEDIATE transactions already serialise writers."""
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(4242006)")


def _as_of(period: dt.date, today: dt.date) -> dt.date:
    return min(today, month_end(period))


def monev_refresh(
    *,
    actor=None,
    period: dt.date | None = None,
    regions: list[str] | None = None,
    today: dt.date | None = None,
    audit: bool = True,
) -> RefreshReport:
    """Rebuild the rollup of one month (default: this month), whole or for the subtrees in ``regions``.

    1. Note the newest audit event id: changes after it are left for the next catch-up.
    2. Build inside one transaction, so readers see the old month or the new one, never half of each.
    3. A partial build of a month that has never been built fully becomes a full build.
    """
    today = today or timezone.localdate()
    period = month_of(period or today)
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            _lock(cursor)
            state = RollupState.objects.filter(period=period).first()
            scope = None if regions is None or state is None else minimal_prefixes(regions)
            if scope == [""]:
                scope = None
            mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            as_of = _as_of(period, today)
            t = time.perf_counter()
            windows = programme_windows(period, as_of=as_of, scope=scope)
            build = RollupBuild(period=period, programmes=windows, scope=scope, as_of=as_of)
            build.timings["programmes and contributions"] = time.perf_counter() - t
            rows = build.build(cursor) if scope is None or scope else 0
        if scope is None:
            _prune_village_detail(period)
        now = timezone.now()
        seconds = round(time.perf_counter() - started, 3)
        total_rows = CoverageRollup.objects.filter(period=period).count() if scope is None else None
        RollupState.objects.update_or_create(
            period=period,
            defaults={
                "refreshed_at": now,
                "audit_mark": max(mark, state.audit_mark if state else 0),
                "full_refreshed_at": now if scope is None else state.full_refreshed_at,
                "seconds": seconds,
                "queued_at": None,
                **({"rows": total_rows} if total_rows is not None else {}),
            },
        )
        from .selectors import forget_state

        transaction.on_commit(forget_state)
        forget_state()
        report = RefreshReport(
            period=period, scope=scope, rows=rows, seconds=seconds, full=scope is None, timings=build.timings
        )
        if audit:
            audit_record(
                actor=actor,
                action="monev.refresh",
                object_type="monev",
                object_id=period.isoformat()[:7],
                summary=report.summary,
                detail={"scope": scope, "rows": rows, "seconds": seconds},
            )
    return report


def _prune_village_detail(period: dt.date) -> int:
    """Drop village breakdown rows of months older than the latest ``VILLAGE_DETAIL_MONTHS`` built ones."""
    from .models import Dimension

    built = {*RollupState.objects.values_list("period", flat=True), period}
    keep = sorted(built, reverse=True)[:VILLAGE_DETAIL_MONTHS]
    qs = CoverageRollup.objects.filter(level=4).exclude(dimension__in=[Dimension.TOTAL, Dimension.PROGRAMME])
    return qs.exclude(period__in=keep).delete()[0]


def stale_regions(period: dt.date) -> list[str] | None:
    """Subtrees changed since the month's last build (minimal prefixes); None when it was never built."""
    state = RollupState.objects.filter(period=period).first()
    if state is None:
        return None
    codes = (
        AuditEvent.objects.filter(id__gt=state.audit_mark)
        .filter(_changing_actions())
        .values_list("region_code", flat=True)
        .distinct()
    )
    return minimal_prefixes(codes)


def _changing_actions():
    from django.db.models import Q

    q = Q()
    for prefix in CHANGING_PREFIXES:
        q |= Q(action__startswith=prefix)
    return q & ~Q(action__endswith=".view")


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
    if len(stale) <= inline_limit and all(level_of(c) >= INLINE_MIN_LEVEL for c in stale):
        monev_refresh(period=period, regions=stale, audit=False)
        return "refreshed"
    return _enqueue(period)


def _enqueue(period: dt.date) -> str:
    now = timezone.now()
    queued = RollupState.objects.filter(period=period).values_list("queued_at", flat=True).first()
    if queued and now - queued < dt.timedelta(minutes=15):
        return "queued"
    from .tasks import monev_refresh_task

    try:
        monev_refresh_task.enqueue(period=period.isoformat()[:7])
    except Exception:  # noqa: BLE001 - a missing worker must not break the page; the nightly run catches up
        log.exception("monev: could not enqueue the refresh of %s", period)
        return "stale"
    RollupState.objects.filter(period=period).update(queued_at=now)
    return "queued"
