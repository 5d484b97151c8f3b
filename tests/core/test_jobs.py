"""Telling an abandoned job from a quiet one, and failing the abandoned ones (``lindung jobs recover``)."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from lindung.core.audit import AuditAction
from lindung.core.jobs import is_stale, owner_alive, process_owner
from lindung.core.models import AuditEvent, Job
from lindung.core.services import JOB_STALE_REASON, job_progress, job_start, jobs_recover

LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def dead_owner() -> str:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    stat = Path(f"/proc/{child.pid}/stat").read_text()
    start = stat[stat.rindex(")") + 2 :].split()[19]
    child.kill()
    child.wait()
    return process_owner().rsplit(":", 2)[0] + f":{child.pid}:{start}"


def test_this_process_is_a_live_owner_and_never_stale_however_quiet():
    assert owner_alive(process_owner()) is True
    assert not is_stale(owner=process_owner(), heartbeat=LONG_AGO, now=timezone.now())


def test_a_killed_process_on_this_host_is_stale_at_once():
    owner = dead_owner()
    assert owner_alive(owner) is False
    assert is_stale(owner=owner, heartbeat=timezone.now(), now=timezone.now())


def test_a_reused_pid_is_not_the_process_that_owned_the_job():
    host, pid, _ = process_owner().rsplit(":", 2)
    assert int(pid) == os.getpid()
    assert owner_alive(f"{host}:{pid}:1") is False


def test_an_owner_elsewhere_is_stale_only_after_the_heartbeat_timeout(settings):
    settings.JOB_STALE_MINUTES = 30
    now = timezone.now()
    assert owner_alive("elsewhere.example:123:456") is None
    assert not is_stale(owner="elsewhere.example:123:456", heartbeat=now - dt.timedelta(minutes=29), now=now)
    assert is_stale(owner="elsewhere.example:123:456", heartbeat=now - dt.timedelta(minutes=31), now=now)
    assert is_stale(owner="", heartbeat=now - dt.timedelta(minutes=31), now=now)


@pytest.mark.django_db
def test_job_start_and_progress_record_the_owner_and_touch_the_heartbeat():
    job = Job.objects.create(kind="report")
    Job.objects.filter(pk=job.pk).update(updated_at=LONG_AGO)
    job_start(job)
    job.refresh_from_db()
    assert (job.status, job.owner) == (Job.Status.RUNNING, process_owner())
    assert job.updated_at > LONG_AGO
    Job.objects.filter(pk=job.pk).update(updated_at=LONG_AGO)
    job_progress(job, done=5, total=10)
    job.refresh_from_db()
    assert job.updated_at > LONG_AGO


@pytest.mark.django_db
def test_a_job_whose_process_died_is_failed_and_audited_and_a_live_one_kept():
    dead = Job.objects.create(kind="report", status=Job.Status.RUNNING, owner=dead_owner())
    live = Job.objects.create(kind="report", status=Job.Status.RUNNING, owner=process_owner())

    assert [j.pk for j in jobs_recover()] == [dead.pk]

    dead.refresh_from_db()
    live.refresh_from_db()
    assert (dead.status, dead.message) == (Job.Status.FAILED, JOB_STALE_REASON[:255])
    assert live.status == Job.Status.RUNNING
    event = AuditEvent.objects.get(action=AuditAction.JOB_RECOVER)
    assert (event.object_type, event.object_id, event.actor_label) == ("job", str(dead.pk), "sistem")


@pytest.mark.django_db
def test_jobs_recover_command_reports_what_it_failed():
    dead = Job.objects.create(kind="report", status=Job.Status.RUNNING, owner=dead_owner())
    out = io.StringIO()
    call_command("jobs", "recover", stdout=out)
    assert f"Pekerjaan report #{dead.pk}: ditandai gagal" in out.getvalue()
    assert "1 pekerjaan terhenti ditandai gagal." in out.getvalue()
    assert Job.objects.get(pk=dead.pk).status == Job.Status.FAILED
