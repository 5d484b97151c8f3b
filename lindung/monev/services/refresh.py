"""Rebuilding a month's rollup, and finding what changed since its last build.

Changes are found through the audit trail that every service already writes (``AuditEvent.region_code``):
only actions that change data (``AuditAction.data_changing()``) make a region stale, so reading a list, a
person's file or a monev page never queues a rebuild. No other app has to remember to call monev.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.months import month_label, month_of
from lindung.core.services import audit_record
from lindung.regions import codes

from ..models import CoverageRollup, Dimension, RollupState
from ..rollup import RollupBuild, month_end, programme_windows
from ..selectors.builds import forget_state
from ..selectors.rules import behind_permille

# Village-level breakdown rows (category, sex, age, funding) are most of the rollup; they are kept for the
# latest built months only. Older months keep every total, programme and higher-level row (docs/adr/0004).
VILLAGE_DETAIL_MONTHS = 2


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
            scope = None if regions is None or state is None else codes.minimal(regions)
            if scope == [""]:
                scope = None
            mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            as_of = min(today, month_end(period))
            t = time.perf_counter()
            windows = programme_windows(period, as_of=as_of, scope=scope)
            build = RollupBuild(
                period=period,
                programmes=windows,
                scope=scope,
                behind_permille=behind_permille(period),
                as_of=as_of,
            )
            build.timings["programmes and contributions"] = time.perf_counter() - t
            rows = build.build(cursor) if scope is None or scope else 0
        if scope is None:
            _prune_village_detail(period)
        seconds = round(time.perf_counter() - started, 3)
        _record_state(period, state, mark=mark, full=scope is None, seconds=seconds)
        transaction.on_commit(forget_state)
        forget_state()
        report = RefreshReport(
            period=period, scope=scope, rows=rows, seconds=seconds, full=scope is None, timings=build.timings
        )
        if audit:
            audit_record(
                actor=actor,
                action=AuditAction.MONEV_REFRESH,
                object_type="monev",
                object_id=period.isoformat()[:7],
                summary=report.summary,
                detail={"scope": scope, "rows": rows, "seconds": seconds},
            )
    return report


def _record_state(
    period: dt.date, state: RollupState | None, *, mark: int, full: bool, seconds: float
) -> None:
    now = timezone.now()
    total_rows = CoverageRollup.objects.filter(period=period).count() if full else None
    RollupState.objects.update_or_create(
        period=period,
        defaults={
            "refreshed_at": now,
            "audit_mark": max(mark, state.audit_mark if state else 0),
            # A month without a state row is always built whole (``monev_refresh``), so ``full`` then.
            "full_refreshed_at": now if full or state is None else state.full_refreshed_at,
            "seconds": seconds,
            "queued_at": None,
            **({"rows": total_rows} if total_rows is not None else {}),
        },
    )


def _prune_village_detail(period: dt.date) -> int:
    """Drop village breakdown rows of months older than the latest ``VILLAGE_DETAIL_MONTHS`` built ones."""
    built = {*RollupState.objects.values_list("period", flat=True), period}
    keep = sorted(built, reverse=True)[:VILLAGE_DETAIL_MONTHS]
    qs = CoverageRollup.objects.filter(level=4).exclude(dimension__in=[Dimension.TOTAL, Dimension.PROGRAMME])
    return qs.exclude(period__in=keep).delete()[0]


def stale_regions(period: dt.date) -> list[str] | None:
    """Subtrees whose data changed since the month's last build (fewest codes); None when it was never built."""
    state = RollupState.objects.filter(period=period).first()
    if state is None:
        return None
    changed = (
        AuditEvent.objects.filter(id__gt=state.audit_mark, action__in=AuditAction.data_changing())
        .values_list("region_code", flat=True)
        .distinct()
    )
    return codes.minimal(changed)
