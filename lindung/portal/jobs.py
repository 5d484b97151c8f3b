"""The background worker and the recovery of work a killed process left "running".

``recover_all`` fails, with the reason and an audit event, every import (``transfer.recovery``) and job
(``core.services.jobs_recover``) whose process is gone, and the task-queue rows such a worker had claimed.
``run_worker`` is django-tasks' database worker (``lindung db_worker``) that recovers when it starts, then
every ``recover_every`` seconds from a thread of its own, so a restarted worker cleans up after the one that
died and an idle one still notices a killed ``lindung import``. The same thread starts the daily jobs
(``core.schedule.schedule_due``: the lapse and reactivation run), so no cron file is needed.
"""

from __future__ import annotations

import logging
import threading

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lindung.core.jobs import owner_alive, process_owner
from lindung.core.schedule import schedule_due
from lindung.core.services import jobs_recover
from lindung.transfer.recovery import import_recover

log = logging.getLogger(__name__)


class WorkerDied(Exception):
    """The worker that had claimed this task was killed before it finished."""


def task_results_recover() -> int:
    """Fail the queue's "running" rows whose worker (its id is its owner, ``host:pid:start``) is gone."""
    count = 0
    for row in DBTaskResult.objects.running():
        if row.worker_ids and owner_alive(row.worker_ids[-1]) is False:
            row.set_failed(WorkerDied(f"Pekerja latar {row.worker_ids[-1]} berhenti sebelum tugas selesai."))
            count += 1
    return count


def recover_all() -> list[str]:
    """Recover everything abandoned; one line per import or job failed, for the CLI and the worker's log."""
    lines = [
        f"Impor #{b.pk} {b.original_name}: ditandai gagal (proses {b.owner or '?'} berhenti)"
        for b in import_recover()
    ]
    lines += [
        f"Pekerjaan {j.kind} #{j.pk}: ditandai gagal (proses {j.owner or '?'} berhenti)"
        for j in jobs_recover()
    ]
    if tasks := task_results_recover():
        lines.append(f"{tasks} tugas antrean milik pekerja yang berhenti ditandai gagal")
    return lines


def _recover_logged() -> None:
    try:
        for line in recover_all():
            log.warning("%s", line)
    except Exception:
        # A locked SQLite database or a lost connection: try again next round rather than stop the worker.
        log.exception("recovery of abandoned jobs failed; retrying later")
    finally:
        connections.close_all()


def _schedule_logged() -> None:
    try:
        for run in schedule_due():
            log.warning("pekerjaan terjadwal %s %s masuk antrean", run.name, run.day)
    except Exception:
        log.exception("starting the daily jobs failed; retrying later")
    finally:
        connections.close_all()


def _recover_periodically(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        _recover_logged()
        _schedule_logged()


def run_worker(*, queue_names: list[str], interval: float, recover_every: float, batch: bool = False) -> None:
    """Recover and start the daily jobs that are due, then run the database task worker with a thread beside
    it that does both again every ``recover_every`` seconds, until it is stopped (``batch``: until the queue
    is empty)."""
    _recover_logged()
    _schedule_logged()
    stop = threading.Event()
    thread = threading.Thread(
        target=_recover_periodically, args=(stop, recover_every), name="lindung-recover", daemon=True
    )
    thread.start()
    worker = Worker(
        queue_names=queue_names,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=process_owner(),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()
