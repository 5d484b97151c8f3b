"""The daily lapse job runs in the background worker: no cron file."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from lindung.billing.selectors import last_due_month
from lindung.billing.tasks import billing_daily_task
from lindung.core.models import AuditEvent, ScheduledRun
from lindung.core.months import month_add, month_of, month_range
from lindung.enrolment.models import Status
from lindung.portal.jobs import run_worker
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme


def member_four_months_behind():
    today = timezone.localdate()
    start = month_add(month_of(today), -8)
    programme = make_programme(fiscal_year=start.year, start_month=f"{start:%Y-%m}")
    due = month_range(start, last_due_month(segment="BPU", as_of=today))
    return make_enrolment(Status.ACTIVE, programme=programme, paid_months=len(due) - 4, today=today)


@override_settings(
    LINDUNG_DAILY_JOBS=[("billing_daily", "lindung.billing.tasks.billing_daily_task", "00:00")]
)
def test_the_worker_loop_runs_the_daily_job_and_lapses_the_member(seeded):
    enrolment = member_four_months_behind()
    run_worker(queue_names=["default"], interval=0, recover_every=3600, batch=True)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.NON_ACTIVE
    run = ScheduledRun.objects.get(name="billing_daily", day=timezone.localdate())
    assert run.finished_at and not run.failed and "1 peserta telah dinonaktifkan" in run.summary
    assert AuditEvent.objects.filter(action="schedule.run", object_id=str(run.pk)).exists()
    # A second worker on the same day finds the run taken.
    run_worker(queue_names=["default"], interval=0, recover_every=3600, batch=True)
    assert ScheduledRun.objects.count() == 1


@pytest.mark.django_db
def test_the_task_marks_a_failed_run(monkeypatch):
    run = ScheduledRun.objects.create(name="billing_daily", day=timezone.localdate())

    def broken(**kwargs):
        raise RuntimeError("basis data terkunci")

    monkeypatch.setattr("lindung.billing.tasks.billing_daily", broken)
    with pytest.raises(RuntimeError):
        billing_daily_task.call(run_id=run.pk, day="2026-05-20")
    run.refresh_from_db()
    assert run.failed and run.summary == "basis data terkunci"


@pytest.mark.django_db
def test_the_lapse_command_runs_the_same_service_and_can_only_count():
    behind = make_enrolment(Status.ACTIVE, paid_months=7)
    out = StringIO()
    call_command("lapse", "--date", "2026-11-22", "--dry-run", stdout=out)
    assert out.getvalue().startswith("Per 22-11-2026: 1 peserta akan dinonaktifkan")
    behind.refresh_from_db()
    assert behind.status == Status.ACTIVE
    call_command("lapse", "--date", "2026-11-22", stdout=out)
    behind.refresh_from_db()
    assert behind.status == Status.NON_ACTIVE
    with pytest.raises(CommandError, match="TTTT-BB-HH"):
        call_command("lapse", "--date", "22-11-2026")
