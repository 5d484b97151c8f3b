"""Background work of enrolment, run by the daily schedule (``settings.LINDUNG_DAILY_JOBS``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from lindung.core.months import month_of
from lindung.core.schedule import scheduled_run_finish
from lindung.programmes.models import Programme

from .models import Enrolment
from .renewal_selectors import HANDED_OVER
from .services.handover import programme_members_end, programme_renewed_end


def programmes_to_close(today: dt.date):
    """Programmes whose last month is over and that still hold active or non-active members."""
    # A programme of m months ends before the month (start + m) begins; months is 1–12, so the candidates
    # are those that started at least a month ago, filtered exactly in Python (few rows).
    members = Enrolment.objects.filter(programme_id=OuterRef("pk"), status__in=HANDED_OVER)
    started = Programme.objects.filter(Exists(members), start_month__lt=month_of(today))
    return [p for p in started.order_by("start_month", "pk") if p.end_month < month_of(today)]


def close_ended_programmes(today: dt.date | None = None) -> dict[str, int]:
    """Budget year closing: end the members of programmes whose last month is over, citing the programme's
    legal basis (``programme_over``). Members a later programme took over (renewal) end here too, with a reason
    that says so and no hand-over notice: the new programme pays for them.

    Returns the number ended per programme code. Runs as Lindung itself (``actor=None``).
    """
    today = today or timezone.localdate()
    ended: dict[str, int] = {}
    for programme in programmes_to_close(today):
        moved = programme_members_end(actor=None, programme=programme, today=today)
        programme_renewed_end(actor=None, programme=programme, today=today)
        if moved:
            ended[programme.code] = len(moved)
    return ended


@task()
def close_ended_programmes_task(run_id: int | None = None, day: str | None = None) -> str:
    """``close_ended_programmes`` as of ``day`` (``YYYY-MM-DD``, default today); reports to its ScheduledRun."""
    try:
        ended = close_ended_programmes(dt.date.fromisoformat(day) if day else None)
    except Exception as exc:
        if run_id is not None:
            scheduled_run_finish(run_id, summary=str(exc)[:500], failed=True)
        raise
    summary = (
        "Program berakhir: " + ", ".join(f"{code} ({n} peserta diakhiri)" for code, n in ended.items())
        if ended
        else "Tidak ada program yang berakhir."
    )
    if run_id is not None:
        scheduled_run_finish(run_id, summary=summary[:500])
    return summary


__all__ = ["close_ended_programmes", "close_ended_programmes_task", "programmes_to_close"]
