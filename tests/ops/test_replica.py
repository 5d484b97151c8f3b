"""A real streaming replica (``WITH_REPLICA=1 scripts/with-postgres``, as ``make test-postgres`` runs): monev's
pages read from it, writes go to the primary, and reads fall back to the primary when it stops."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lindung.monev.models import RollupState
from lindung.ops import routers
from lindung.ops.routers import replica_reads

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="streaming replicas are PostgreSQL's"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_REPLICA_URL"),
        reason="no replica: run WITH_REPLICA=1 scripts/with-postgres (make test-postgres does)",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def _port(alias: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT inet_server_port()")
        return cursor.fetchone()[0]


def _wait_until_replayed() -> None:
    """The replica is asynchronous: wait until it has replayed what the primary has written so far."""
    with connection.cursor() as cursor:
        # The insert position: with synchronous_commit=off a commit may not be written out yet.
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        target = cursor.fetchone()[0]
    for _ in range(100):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up in 10 s")


@pytest.fixture
def replica():
    routers.health.forget()
    yield
    subprocess.run([os.environ["LINDUNG_REPLICA_CTL"], "start"], capture_output=True)  # noqa: S603
    routers.health.forget()
    connections["replica"].close()


def test_the_replica_is_a_standby_of_the_primary(replica):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    assert _port("replica") != _port("default")


def test_monev_pages_read_from_the_replica_and_write_to_the_primary(replica, regions, client):
    _wait_until_replayed()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        # An unknown region is answered from the region tree alone (other tests' flushes may have emptied
        # the seeded rule rows the figures need); the lookup shows where the page reads.
        response = client.get("/monev/publik/", {"wilayah": "99.99"})
    assert response.status_code == 404
    assert on_replica.captured_queries, "the public page read nothing from the replica"
    with replica_reads():
        assert RollupState.objects.all().db == "replica"
        now = timezone.now()
        state = RollupState.objects.create(
            period=dt.date(2026, 11, 1), refreshed_at=now, full_refreshed_at=now
        )
        assert state._state.db == "default"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM monev_rollupstate WHERE period = %s", [state.period])
        assert cursor.fetchone()[0] == 1
    _wait_until_replayed()
    with replica_reads():
        assert RollupState.objects.filter(period=state.period).exists()


def test_reads_fall_back_to_the_primary_when_the_replica_stops(replica):
    with replica_reads():
        assert RollupState.objects.all().db == "replica"
    subprocess.run([os.environ["LINDUNG_REPLICA_CTL"], "stop"], check=True, capture_output=True)  # noqa: S603
    routers.health.forget()
    with replica_reads(), CaptureQueriesContext(connection) as on_primary:
        assert RollupState.objects.all().db == "default"
        list(RollupState.objects.all())
    assert on_primary.captured_queries
