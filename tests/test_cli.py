"""The lindung console script."""

from __future__ import annotations

import os

import pytest

from lindung import cli
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record


@pytest.mark.django_db
def test_a_cli_run_records_the_command_and_the_operating_system_user(monkeypatch, capsys):
    monkeypatch.delenv("LINDUNG_ACTOR_LABEL", raising=False)
    monkeypatch.setattr(cli.getpass, "getuser", lambda: "budi")
    try:
        cli.main(["check"])
        event = audit_record(actor=None, action=AuditAction.REGIONS_LOAD, summary="uji")
    finally:
        os.environ.pop("LINDUNG_ACTOR_LABEL", None)  # set by main() for the rest of its process
    assert event.actor_label == "sistem (lindung check, budi)"


@pytest.mark.django_db
def test_lindung_itself_in_a_server_process_is_sistem(monkeypatch):
    monkeypatch.delenv("LINDUNG_ACTOR_LABEL", raising=False)
    assert audit_record(actor=None, action=AuditAction.REGIONS_LOAD).actor_label == "sistem"
