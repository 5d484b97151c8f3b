"""``lindung import FILE``: the same service as the web and the API, with a JSON report."""

from __future__ import annotations

import importlib
import io
import json

import fastexcel
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lindung.enrolment.models import Enrolment
from lindung.people.models import Worker
from lindung.transfer import writing
from lindung.transfer.models import ImportBatch
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import OTHER_VILLAGE, csv_bytes, denials, person, sheet_rows, write, xlsx_bytes

pytestmark = pytest.mark.django_db
# The command's module is called ``import``, which no import statement can name.
command = importlib.import_module("lindung.transfer.management.commands.import")


def run_cli(*args) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_cli_imports_and_reports_every_row_not_accepted_as_json(tmp_path):
    bad = person(2)
    bad[1] = "62031717088500"
    path = write(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([person(1), bad])))
    report = json.loads(run_cli(str(path), "--village", PULAU_MAMBULAU, "--json"))
    assert report["status"] == "done"
    assert report["counts"] | {} == {
        **report["counts"],
        "rows_total": 3,
        "accepted": 1,
        "rejected": 1,
        "skipped": 1,
    }
    assert [(r["row"], r["state"]) for r in report["rows"]] == [(6, "rejected"), (7, "skipped")]
    assert report["rows"][0]["reason"].startswith("NIK: NIK harus 16 digit")
    assert Worker.objects.count() == 1


def test_cli_with_programme_proposes_and_writes_the_result_workbook(tmp_path):
    programme = make_programme()
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1), person(2)])))
    result = tmp_path / "hasil.xlsx"
    text = run_cli(
        str(path), "--village", PULAU_MAMBULAU, "--programme", programme.code, "--result", str(result)
    )
    assert "2 diterima" in text and "2 diusulkan ke program" in text
    assert Enrolment.objects.filter(programme=programme).count() == 2
    assert fastexcel.read_excel(str(result)).sheet_names == ["Hasil", "Ringkasan"]


def test_cli_refusal_exits_non_zero_with_the_reason(tmp_path, capsys):
    path = write(tmp_path, "foto.xlsx", b"\x89PNG\r\n\x1a\nxxxx")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(path), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "gambar PNG" in err.getvalue()


def test_cli_unknown_village_is_an_error(tmp_path):
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    with pytest.raises(CommandError, match="tidak dikenal"):
        run_cli(str(path), "--village", "99.99.99.9999")


def test_cli_reports_a_crash_without_a_traceback_and_changes_nothing(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(writing, "workers_insert", explode)
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    with pytest.raises(CommandError, match="dibatalkan seluruhnya.*disk penuh"):
        run_cli(str(path), "--village", PULAU_MAMBULAU)
    assert not Worker.objects.exists()


def test_cli_refuses_a_user_whose_role_may_not_upload_and_audits_it(tmp_path):
    auditor = make_user("auditor", "62.03")
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    with pytest.raises(CommandError, match="tidak boleh mengunggah daftar pekerja"):
        run_cli(str(path), "--village", PULAU_MAMBULAU, "--user", auditor.username)
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.detail["attempt"]) == (auditor, "import.upload")


def test_cli_refuses_a_village_outside_the_users_region_and_audits_it(tmp_path):
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    with pytest.raises(CommandError, match="di luar wilayah akun Anda"):
        run_cli(str(path), "--village", OTHER_VILLAGE, "--user", operator.username)
    assert not Worker.objects.exists()
    [event] = denials()
    assert (event.actor, event.region_code) == (operator, OTHER_VILLAGE)


def test_the_progress_bar_shows_the_percentage_and_the_step():
    stream = io.StringIO()
    bar = command.progress_bar(stream)
    step = command.advance(bar)
    step(0.25, "Memeriksa data")
    step(0.6, "Menyimpan")
    bar.close()
    shown = stream.getvalue()
    assert " 25 % |" in shown and "Memeriksa data" in shown
    assert " 60 % |" in shown and shown.rstrip().endswith("Menyimpan")
