"""Reads of the monev side from a PostgreSQL streaming replica, when ``DATABASE_REPLICA_URL`` configures one.

The rule: a read goes to the "replica" alias only
- inside ``replica_reads()``, which ``ops.middleware.ReplicaReadsMiddleware`` opens around GET and HEAD
  requests for monev's pages (dashboard, public page, report downloads) and ``/api/monev/``;
- and not for the apps that must see the latest write (sign-in, sessions, lockouts, the task queue), since
  a replica is a moment behind and a user just signed in must not look signed out;
- and not while the primary is inside a transaction: a rebuild reads what it is about to write, and a
  test's data is only visible in its own transaction;
- and only while the replica answers: a probe with a short connect timeout, remembered for
  ``LINDUNG_REPLICA_CHECK_SECONDS`` (default 5) per process; when it fails, reads fall back to the primary.

Writes always go to "default", and only "default" is migrated.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PRIMARY_ONLY_APPS = frozenset(
    {"auth", "sessions", "accounts", "axes", "django_tasks_db", "admin", "contenttypes"}
)
CHECK_SECONDS = float(os.environ.get("LINDUNG_REPLICA_CHECK_SECONDS", "5"))

log = logging.getLogger(__name__)
_reading_from_replica: ContextVar[bool] = ContextVar("lindung_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside this block may be served by the replica (monev's read side)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class _Health:
    """Whether the replica answered its last probe, probed again at most every CHECK_SECONDS."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.up = False

    def forget(self) -> None:
        with self.lock:
            self.checked_at = float("-inf")

    def is_up(self) -> bool:
        with self.lock:
            if time.monotonic() - self.checked_at < CHECK_SECONDS:
                return self.up
            self.up = probe()
            self.checked_at = time.monotonic()
            if not self.up:
                log.warning("ops: the read replica does not answer; monev reads go to the primary")
            return self.up


def probe() -> bool:
    """Connect (short timeout, see settings) or reuse this thread's connection, and run SELECT 1."""
    connection = connections[REPLICA]
    try:
        if connection.connection is not None and connection.is_usable():
            return True
        connection.close()
        connection.ensure_connection()
        return connection.is_usable()
    except Exception:  # noqa: BLE001 - any failure (refused, timeout, not allowed in a test) means "down"
        with suppress(Exception):  # closing a broken connection may itself fail
            connection.close()
        return False


health = _Health()


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if not _reading_from_replica.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if not replica_configured() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA if health.is_up() else None

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same rows: an object read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
