"""The lindung console script."""

from __future__ import annotations

import os

import pytest

from lindung import cli
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record


@pytest.mark.django_db
def test_a_cli_run_records_the_command_and_the_operating_system_user(monkeypatch):
    monkeypatch.setattr(cli.getpass, "getuser", lambda: "budi")
    monkeypatch.setenv("LINDUNG_ACTOR_LABEL", cli.run_label(["import", "desa.xlsx"]))
    event = audit_record(actor=None, action=AuditAction.REGIONS_LOAD, summary="uji")
    assert event.actor_label == "sistem (lindung import, budi)"


def test_the_console_script_names_its_run_before_django_starts(monkeypatch):
    monkeypatch.delenv("LINDUNG_ACTOR_LABEL", raising=False)
    monkeypatch.setattr(cli.getpass, "getuser", lambda: "budi")
    monkeypatch.setattr(cli, "execute_from_command_line", lambda argv: None)
    try:
        cli.main(["version"])
        assert os.environ["LINDUNG_ACTOR_LABEL"] == "sistem (lindung version, budi)"
    finally:
        os.environ.pop("LINDUNG_ACTOR_LABEL", None)


@pytest.mark.django_db
def test_lindung_itself_in_a_server_process_is_sistem(monkeypatch):
    monkeypatch.delenv("LINDUNG_ACTOR_LABEL", raising=False)
    assert audit_record(actor=None, action=AuditAction.REGIONS_LOAD).actor_label == "sistem"
