"""The daily schedule: each job once a day, after its time, whichever worker gets there first."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lindung.core import schedule
from lindung.core.models import AuditEvent, ScheduledRun

pytestmark = pytest.mark.django_db
JOBS = [("billing_daily", "lindung.billing.tasks.billing_daily_task", "01:00")]


def at(hour: int, minute: int = 0, day: int = 20) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 5, day, hour, minute))


@override_settings(LINDUNG_DAILY_JOBS=JOBS)
def test_a_job_is_started_once_its_time_has_passed_and_only_once_a_day():
    assert schedule.schedule_due(at(0, 59)) == []
    [run] = schedule.schedule_due(at(1, 0))
    assert schedule.schedule_due(at(13, 0)) == []
    [tomorrow] = schedule.schedule_due(at(1, 5, day=21))
    assert (run.name, run.day, tomorrow.day) == ("billing_daily", dt.date(2026, 5, 20), dt.date(2026, 5, 21))
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [(r.task_path, r.args_kwargs["kwargs"]) for r in queued] == [
        ("lindung.billing.tasks.billing_daily_task", {"run_id": run.pk, "day": "2026-05-20"}),
        ("lindung.billing.tasks.billing_daily_task", {"run_id": tomorrow.pk, "day": "2026-05-21"}),
    ]


@override_settings(LINDUNG_DAILY_JOBS=JOBS)
def test_a_worker_that_loses_the_insert_race_enqueues_nothing():
    real_create = ScheduledRun.objects.create

    def someone_else_first(**kwargs):
        real_create(**kwargs)
        raise IntegrityError("scheduled_run_once_a_day")

    with mock.patch.object(ScheduledRun.objects, "create", side_effect=someone_else_first):
        assert schedule.schedule_due(at(2)) == []
    assert not DBTaskResult.objects.exists()


def test_the_billing_job_runs_at_one_in_the_night_by_default():
    jobs = {job.name: job for job in schedule.daily_jobs()}
    assert (jobs["billing_daily"].task_path, jobs["billing_daily"].at) == (
        "lindung.billing.tasks.billing_daily_task",
        dt.time(1, 0),
    )


def test_a_finished_run_keeps_its_summary_and_is_audited():
    run = ScheduledRun.objects.create(name="billing_daily", day=dt.date(2026, 5, 20))
    schedule.scheduled_run_finish(run.pk, summary="Per 20-05-2026: 2 peserta", failed=False)
    run.refresh_from_db()
    assert run.finished_at and run.summary == "Per 20-05-2026: 2 peserta" and not run.failed
    event = AuditEvent.objects.get(action="schedule.run")
    assert event.summary == "billing_daily 20-05-2026: Per 20-05-2026: 2 peserta"
