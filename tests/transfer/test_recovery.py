"""An import killed with SIGKILL has written nothing, and ``lindung jobs recover`` fails its batch.

The kill tests run the real CLI (``lindung import``) as a subprocess against a database of their own, made
with ``lindung migrate`` in a temporary data folder: on SQLite a file there, on PostgreSQL (``DATABASE_URL``,
as under scripts/with-postgres) a new database in the same cluster, dropped at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from lindung.core.audit import AuditAction
from lindung.core.jobs import process_owner
from lindung.core.models import AuditEvent, Job
from lindung.transfer.models import ImportBatch
from lindung.transfer.recovery import STALE_REASON, import_recover
from lindung.transfer.storage import upload_dir
from tests.people.builders import PULAU_MAMBULAU
from tests.transfer.builders import HEADER, person

LINDUNG = str(Path(sys.executable).with_name("lindung"))
# Big enough that an import on this 2-core machine is still running at the last kill point (SQLite writes
# 60,000 rows in under a second).
ROWS = 240_000


def dead_owner() -> str:
    """The owner token of a process that has been killed (on this host, so it is known to be dead)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    stat = Path(f"/proc/{child.pid}/stat").read_text()
    start = stat[stat.rindex(")") + 2 :].split()[19]
    child.kill()
    child.wait()
    return process_owner().rsplit(":", 2)[0] + f":{child.pid}:{start}"


def running_batch(owner: str, **fields) -> ImportBatch:
    return ImportBatch.objects.create(
        status=ImportBatch.Status.RUNNING, original_name="pekerja.xlsx", owner=owner, **fields
    )


@pytest.mark.django_db
def test_a_batch_whose_process_died_is_failed_with_its_leftovers_removed_and_audited(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = Job.objects.create(kind="import", status=Job.Status.RUNNING)
    batch = running_batch(dead_owner(), job=job, region_code=PULAU_MAMBULAU, stored_name="x.upload")
    leftover = upload_dir() / f"{batch.pk:07d}-rows.parquet"
    leftover.write_bytes(b"half")
    upload = upload_dir() / f"{batch.pk:07d}.upload"
    upload.write_bytes(b"file")

    assert [b.pk for b in import_recover()] == [batch.pk]

    batch.refresh_from_db()
    job.refresh_from_db()
    assert (batch.status, batch.message, batch.rows_name) == (ImportBatch.Status.FAILED, STALE_REASON, "")
    assert batch.finished_at is not None
    assert job.status == Job.Status.FAILED
    assert not leftover.exists() and upload.exists()
    event = AuditEvent.objects.get(action=AuditAction.JOB_RECOVER, object_id=str(batch.pk))
    assert (event.object_type, event.region_code) == ("import_batch", PULAU_MAMBULAU)
    assert event.detail["removed"] == [leftover.name]


@pytest.mark.django_db
def test_a_running_import_of_a_live_process_is_left_alone_however_quiet(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    batch = running_batch(process_owner())
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    assert import_recover() == []
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING
    assert not AuditEvent.objects.filter(action=AuditAction.JOB_RECOVER).exists()


@pytest.mark.django_db
def test_a_batch_owned_on_another_host_is_failed_only_once_its_heartbeat_is_old(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOB_STALE_MINUTES = 30
    batch = running_batch("elsewhere.example:123:456")
    now = batch.updated_at

    assert import_recover(now=now + dt.timedelta(minutes=29)) == []
    assert [b.pk for b in import_recover(now=now + dt.timedelta(minutes=31))] == [batch.pk]


# --- The real thing: kill -9 the CLI mid-import ----------------------------------------------------------


class Database:
    """The subprocesses' own database and a way to read it from here."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.env = {**os.environ, "LINDUNG_DATA_DIR": str(data_dir), "LINDUNG_LOG_LEVEL": "ERROR"}
        self.pg_admin = os.environ.get("DATABASE_URL")
        if self.pg_admin:
            self.name = f"lindung_kill_{uuid.uuid4().hex[:8]}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            parts = urlsplit(self.pg_admin)
            self.env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.name}"))

    def _admin(self, statement: str) -> None:
        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            conn.execute(statement)

    def rows(self, query: str) -> list[tuple]:
        if self.pg_admin:
            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
                return conn.execute(query).fetchall()
        with sqlite3.connect(self.data_dir / "lindung.sqlite3", timeout=20) as conn:
            return conn.execute(query).fetchall()

    def lindung(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [LINDUNG, *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )

    def drop(self) -> None:
        if self.pg_admin:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def killdb(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("killdata"))
    try:
        for step in (["migrate", "--noinput", "-v0"], ["regions", "load"]):
            done = db.lindung(*step, timeout=120)
            assert done.returncode == 0, done.stderr
        with (db.data_dir / "big.csv").open("w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(HEADER)
            for i in range(ROWS):
                birth = dt.date(1980, 1, 1) + dt.timedelta(days=i // 9999)
                out.writerow(person(i % 9999 + 1, birth=birth))
        yield db
    finally:
        db.drop()


def _batch_state(db: Database) -> tuple | None:
    rows = db.rows("SELECT id, status, message, rows_name FROM transfer_importbatch ORDER BY id DESC LIMIT 1")
    return rows[0] if rows else None


def _kill_when_running(db: Database, proc: subprocess.Popen, known: int | None, delay: float) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = _batch_state(db)
        if state and state[0] != known and state[1] == "running":
            break
        assert proc.poll() is None, "the import ended before it was seen running"
        time.sleep(0.02)
    else:
        pytest.fail("the import never started running")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5], ids=["at-start", "reading", "checking"])
def test_an_import_killed_mid_way_writes_nothing_and_recovery_fails_its_batch(killdb, delay):
    known = (_batch_state(killdb) or (None,))[0]
    proc = subprocess.Popen(
        [LINDUNG, "import", str(killdb.data_dir / "big.csv"), "--village", PULAU_MAMBULAU, "--json"],
        env=killdb.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _kill_when_running(killdb, proc, known, delay)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    batch_id, status, _, _ = _batch_state(killdb)
    assert status == "running", "the import finished before the kill: make the file bigger"
    assert killdb.rows("SELECT COUNT(*) FROM people_worker") == [(0,)]

    done = killdb.lindung("jobs", "recover")

    assert done.returncode == 0, done.stderr
    assert f"Impor #{batch_id}" in done.stdout
    assert _batch_state(killdb)[1:] == ("failed", STALE_REASON, "")
    transfer = killdb.data_dir / "media" / "transfer"
    assert sorted(p.name for p in transfer.glob(f"{batch_id:07d}-*")) == []
    recover_events = "SELECT object_id FROM core_auditevent WHERE action = 'job.recover'"
    audited = [row for row in killdb.rows(recover_events) if row[0] == str(batch_id)]
    assert len(audited) == 1
    assert killdb.rows("SELECT COUNT(*) FROM people_worker") == [(0,)]


def test_an_import_killed_before_it_starts_leaves_nothing_to_recover(killdb):
    before = killdb.rows("SELECT COUNT(*) FROM transfer_importbatch WHERE status = 'running'")
    proc = subprocess.Popen(
        [LINDUNG, "import", str(killdb.data_dir / "big.csv"), "--village", PULAU_MAMBULAU],
        env=killdb.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.2)
    proc.kill()
    proc.wait(timeout=10)
    assert killdb.rows("SELECT COUNT(*) FROM transfer_importbatch WHERE status = 'running'") == before
    assert killdb.rows("SELECT COUNT(*) FROM people_worker") == [(0,)]
