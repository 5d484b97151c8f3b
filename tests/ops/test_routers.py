"""The replica router's rule, on any database: which reads may go to the replica, and the cached probe."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import RequestFactory

from lindung.core.models import AuditEvent
from lindung.monev.models import RollupState
from lindung.ops import routers
from lindung.ops.middleware import serves_from_replica


@pytest.fixture
def replica_up(monkeypatch):
    probes = []
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    monkeypatch.setattr(routers, "probe", lambda: probes.append(1) or True)
    routers.health.forget()
    yield probes
    routers.health.forget()


def test_reads_go_to_the_replica_only_inside_replica_reads(replica_up):
    router = routers.ReplicaRouter()
    assert router.db_for_read(RollupState) is None
    with routers.replica_reads():
        assert router.db_for_read(RollupState) == "replica"
        assert router.db_for_read(AuditEvent) == "replica"
    assert router.db_for_read(RollupState) is None


def test_sign_in_and_sessions_are_always_read_from_the_primary(replica_up):
    with routers.replica_reads():
        assert routers.ReplicaRouter().db_for_read(get_user_model()) is None
        assert routers.ReplicaRouter().db_for_read(Session) is None


def test_writes_always_go_to_the_primary(replica_up):
    with routers.replica_reads():
        assert routers.ReplicaRouter().db_for_write(RollupState) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_there(replica_up):
    with routers.replica_reads(), transaction.atomic():
        assert routers.ReplicaRouter().db_for_read(RollupState) is None


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary(monkeypatch, replica_up):
    monkeypatch.setattr(routers, "probe", lambda: False)
    routers.health.forget()
    with routers.replica_reads():
        assert routers.ReplicaRouter().db_for_read(RollupState) is None


def test_the_probe_is_remembered_for_a_few_seconds(replica_up, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(routers.time, "monotonic", lambda: clock[0])
    with routers.replica_reads():
        for _ in range(5):
            routers.ReplicaRouter().db_for_read(RollupState)
        assert len(replica_up) == 1
        clock[0] += routers.CHECK_SECONDS + 0.1
        routers.ReplicaRouter().db_for_read(RollupState)
    assert len(replica_up) == 2


def test_without_a_replica_nothing_is_routed(monkeypatch):
    monkeypatch.setattr(routers, "replica_configured", lambda: False)
    with routers.replica_reads():
        assert routers.ReplicaRouter().db_for_read(RollupState) is None


def test_only_the_primary_is_migrated():
    assert routers.ReplicaRouter().allow_migrate("default", "monev")
    assert not routers.ReplicaRouter().allow_migrate("replica", "monev")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/monev/", True),
        ("GET", "/monev/publik/", True),
        ("GET", "/monev/laporan.pdf", True),
        ("GET", "/api/monev/figures", True),
        ("POST", "/monev/perbarui/", False),
        ("GET", "/pekerja/", False),
        ("GET", "/tidak-ada/", False),
    ],
)
def test_monev_pages_reports_and_api_are_served_from_the_replica(method, path, expected):
    request = RequestFactory().generic(method, path)
    assert serves_from_replica(request) is expected
