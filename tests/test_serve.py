"""scripts/serve restarts a background worker that dies, and leaves no process behind when stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_members(sid: int) -> set[int]:
    """Pids of the live (not zombie) processes in session ``sid``: serve, gunicorn and the worker."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.add(int(entry.name))
    return found


def worker_pid(data: Path, *, other_than: int | None = None, timeout: float) -> int:
    """The live worker's pid, from the file serve writes, once it is a running ``lindung jobs worker``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid = int((data / "worker.pid").read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            pid, cmdline = 0, b""
        if pid and pid != other_than and b"jobs\0worker" in cmdline:
            return pid
        time.sleep(0.1)
    pytest.fail(f"no worker process within {timeout} s")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_serve_restarts_a_killed_worker_and_stops_everything_on_exit(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "LINDUNG_DATA_DIR": str(tmp_path),
        "BIN": str(BIN),
        "PORT": str(free_port()),
        "WORKERS": "1",
    }
    migrated = subprocess.run(
        [str(BIN / "lindung"), "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, timeout=120, check=False
    )
    assert migrated.returncode == 0
    serve = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        first = worker_pid(tmp_path, timeout=20)
        os.kill(first, signal.SIGKILL)
        second = worker_pid(tmp_path, other_than=first, timeout=10)
        assert second != first
        assert "berhenti dengan kode" in (tmp_path / "worker.log").read_text()
        assert session_members(serve.pid) >= {serve.pid, second}

        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=20)
        deadline = time.monotonic() + 10
        while session_members(serve.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session_members(serve.pid) == set()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(serve.pid, signal.SIGKILL)
        serve.wait(timeout=10)
