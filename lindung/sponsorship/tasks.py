"""Background work for sponsorships, run by the task worker (``lindung jobs worker``) on the daily schedule."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from lindung.core.schedule import scheduled_run_finish

from .services import sponsorships_close_due


@task()
def sponsorships_close_task(run_id: int | None = None, day: str | None = None) -> str:
    """End every sponsorship whose end date has passed as of ``day`` (default today); reports to its run."""
    try:
        report = sponsorships_close_due(actor=None, as_of=dt.date.fromisoformat(day) if day else None)
    except Exception as exc:
        if run_id is not None:
            scheduled_run_finish(run_id, summary=str(exc)[:500], failed=True)
        raise
    if run_id is not None:
        scheduled_run_finish(run_id, summary=report.summary)
    return report.summary
