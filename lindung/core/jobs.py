"""Who runs a long job and whether it still runs, so that work a killed process left "running" is found.

A job (or an import batch) records its owner, ``host:pid:start``, when it starts, and touches ``updated_at``
as it goes: the heartbeat. It is stale when:

- its owner ran on this host and that process is gone, a zombie, or its pid now belongs to another process
  (the start time differs): a kill -9 or a crash, found at once;
- otherwise (owned on another host, or by nobody known) when its heartbeat is older than
  ``settings.JOB_STALE_MINUTES``.

A live owner on this host is never stale however quiet it is: an import writes in one transaction, and on
PostgreSQL nobody else sees a heartbeat written inside it until it commits.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Worker ids in django_tasks_db are at most 64 characters; the owner doubles as one.
OWNER_MAX = 64


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int
    start: str

    def __str__(self) -> str:
        tail = f":{self.pid}:{self.start}"
        return self.host[: OWNER_MAX - len(tail)] + tail


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux ``/proc``); "" where there is no /proc,
    None when the process does not exist or is a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None if Path("/proc/self/stat").exists() else ""
    except OSError:
        return ""
    # The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] in {"Z", "X"} else fields[19]


def _host() -> str:
    return socket.gethostname()


def process_owner() -> str:
    """This process as a job owner: ``host:pid:start``."""
    pid = os.getpid()
    return str(Owner(_host(), pid, _start_time(pid) or ""))


def parse_owner(text: str) -> Owner | None:
    host, _, rest = (text or "").rpartition(":")
    host, _, pid = host.rpartition(":")
    if not host or not pid.isdigit():
        return None
    return Owner(host, int(pid), rest)


def owner_alive(text: str) -> bool | None:
    """True or False for an owner on this host; None when it cannot be told (another host, no owner)."""
    owner = parse_owner(text)
    if owner is None or str(Owner(_host(), owner.pid, owner.start)) != text:
        return None
    start = _start_time(owner.pid)
    if start is None:
        return False
    if start == "":
        try:
            os.kill(owner.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return start == owner.start


def is_stale(*, owner: str, heartbeat: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether work marked running by ``owner``, last heard of at ``heartbeat``, has been abandoned."""
    alive = owner_alive(owner)
    if alive is not None:
        return not alive
    return heartbeat is None or heartbeat < now - dt.timedelta(minutes=settings.JOB_STALE_MINUTES)
