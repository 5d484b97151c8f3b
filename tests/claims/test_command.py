"""``lindung claim``: the same services as the pages, as the named user."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.claims.models import Claim
from lindung.core.models import AuditEvent
from tests.accounts.builders import make_user
from tests.claims.builders import member

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("claim", *args, stdout=out)
    return out.getvalue()


def test_report_show_and_refuse_from_the_command_line():
    enrolment = member()
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="operator")
    make_user(Role.PETUGAS_BPJS, "62.03", username="petugas")
    out = run(
        "report",
        "--kind",
        "death",
        "--date",
        "2026-05-19",
        "--place",
        "Rumah",
        "--account",
        "Sakit",
        "--nik",
        enrolment.worker.nik,
        "--user",
        "operator",
    )
    claim = Claim.objects.get()
    assert f"Klaim #{claim.pk} dicatat." in out and "1 kepesertaan diakhiri sejak 19-05-2026" in out
    shown = run("show", str(claim.pk), "--user", "petugas")
    assert "Perkiraan total: Rp 42.000.000" in shown and "Terlindungi pada tanggal kejadian: ya." in shown
    assert AuditEvent.objects.filter(action="claim.view", actor__username="petugas").exists()
    refused = run(
        "status", str(claim.pk), "--to", "refused", "--reason", "Data tidak cocok", "--user", "petugas"
    )
    assert "ditolak" in refused
    with pytest.raises(CommandError, match="sudah ditolak"):
        run("status", str(claim.pk), "--to", "refused", "--reason", "lagi", "--user", "petugas")
    with pytest.raises(CommandError, match="belum terjadi"):
        run(
            "report",
            "--kind",
            "death",
            "--date",
            "2999-01-01",
            "--place",
            "x",
            "--account",
            "x",
            "--name",
            "A",
            "--village",
            "62.03.17.2002",
            "--user",
            "operator",
        )
