"""Background work for claims, run by the task worker on the daily schedule (``settings.LINDUNG_DAILY_JOBS``)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from lindung.core.schedule import scheduled_run_finish

from .services import reminders_mark_overdue


@task()
def claims_daily_task(run_id: int | None = None, day: str | None = None) -> str:
    """Mark the claim deadlines missed by ``day`` (``YYYY-MM-DD``, default today); reports to its ScheduledRun."""
    try:
        marked = reminders_mark_overdue(today=dt.date.fromisoformat(day) if day else None)
    except Exception as exc:
        if run_id is not None:
            scheduled_run_finish(run_id, summary=str(exc)[:500], failed=True)
        raise
    summary = f"{marked} pengingat klaim lewat batas waktu"
    if run_id is not None:
        scheduled_run_finish(run_id, summary=summary)
    return summary
