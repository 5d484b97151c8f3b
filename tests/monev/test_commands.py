from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from lindung.monev.models import RollupState

from .builders import KAPUAS, make_dataset

pytestmark = pytest.mark.django_db


def test_refresh_show_and_report(tmp_path, capsys):
    make_dataset()
    call_command("monev", "refresh", "--period", "2026-03")
    assert RollupState.objects.filter(period="2026-03-01").exists()
    call_command("monev", "show", "--region", KAPUAS, "--period", "2026-03")
    shown = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert shown["people"]["active"] == 6
    out = tmp_path / "kapuas.xlsx"
    call_command(
        "monev", "report", "--region", KAPUAS, "--period", "2026-03", "--format", "xlsx", "-o", str(out)
    )
    assert out.read_bytes()[:2] == b"PK"


def test_unknown_region_is_refused():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("monev", "show", "--region", "99.99")


def test_a_report_into_a_missing_folder_is_refused_before_any_work(tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the report was built before the output folder was checked")

    monkeypatch.setattr("lindung.monev.management.commands.monev.monev_figures", never)
    with pytest.raises(CommandError, match="Folder untuk -o tidak ada"):
        call_command(
            "monev", "report", "--region", KAPUAS, "-o", str(tmp_path / "tidak-ada" / "laporan.xlsx")
        )
