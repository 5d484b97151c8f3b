"""Background work for billing, run by the task worker (``lindung jobs worker``) on the daily schedule."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from lindung.core.schedule import scheduled_run_finish

from .services import billing_daily


@task()
def billing_daily_task(run_id: int | None = None, day: str | None = None) -> str:
    """Lapse and reactivation as of ``day`` (``YYYY-MM-DD``, default today); reports to its ScheduledRun."""
    try:
        report = billing_daily(actor=None, as_of=dt.date.fromisoformat(day) if day else None)
    except Exception as exc:
        if run_id is not None:
            scheduled_run_finish(run_id, summary=str(exc)[:500], failed=True)
        raise
    if run_id is not None:
        scheduled_run_finish(run_id, summary=report.summary)
    return report.summary
