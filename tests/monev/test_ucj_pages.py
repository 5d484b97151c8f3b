"""The UCJ page, its import and count forms, the API endpoints and the ``lindung ucj`` command: thin doors on
the same services, refusing what the services refuse."""

from __future__ import annotations

import importlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.regions.models import InsurerParticipantCount, VulnerableWorkerCount
from tests.accounts.builders import make_user

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parents[1] / "transfer" / "data" / "insurer_figures_kalbar_2024_10.csv"


@pytest.fixture(autouse=True)
def targets(db):
    for name in (
        "lindung.regions.migrations.0003_seed_coverage_targets",
        "lindung.regions.migrations.0006_seed_coverage_target_2024",
    ):
        module = importlib.import_module(name)
        module.unseed(apps, None)
        module.seed(apps, None)


def _csv(region: str = "62.03", month: str = "2024-10") -> SimpleUploadedFile:
    body = f"Kode Wilayah;Bulan;PU;BPU;Jakon;Penduduk Bekerja\n{region};{month};100;50;10;1.000\n99;{month};1;1;1;\n"
    return SimpleUploadedFile("bpjs.csv", body.encode(), content_type="text/csv")


def test_the_page_shows_the_fallback_label_before_any_import(client):
    client.force_login(make_user(Role.ADMIN_PROGRAM, "62.03"))
    body = client.get("/monev/ucj/", {"periode": "2024-10"}).content.decode()
    assert "angka BPJS belum diimpor" in body
    assert "Impor laporan BPJS" in body and "Simpan jumlah pekerja rentan" in body


def test_the_page_imports_a_file_and_lists_each_refused_row(client):
    client.force_login(make_user(Role.PETUGAS_BPJS, "62.03"))
    response = client.post("/monev/ucj/impor/", {"file": _csv(), "edition": "BPJS Kapuas, Okt 2024"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 baru" in body and "kode wilayah tidak dikenal" in body
    assert InsurerParticipantCount.objects.get(region_id="62.03").active == 160
    page = client.get("/monev/ucj/", {"periode": "2024-10"}).content.decode()
    assert "Peserta aktif menurut BPJS" in page and "16,00 %" in page  # 160 ÷ 1.000
    assert "Simpan jumlah pekerja rentan" not in page  # the insurer's officer does not enter counts


def test_a_verifier_sees_the_page_without_the_forms(client):
    client.force_login(make_user(Role.VERIFIKATOR, "62.03"))
    body = client.get("/monev/ucj/").content.decode()
    assert "Impor laporan BPJS" not in body and "Simpan jumlah pekerja rentan" not in body
    assert client.post("/monev/ucj/impor/", {"file": _csv(), "edition": "x"}).status_code == 403


def test_the_page_enters_a_vulnerable_count_with_the_regency_goal(client):
    client.force_login(make_user(Role.ADMIN_PROGRAM, "62.03"))
    form = {
        "region": "62.03",
        "year": 2024,
        "count": 40_000,
        "goal_percent": "90",
        "source_note": "Pendataan",
    }
    assert client.post("/monev/ucj/pekerja-rentan/", form).status_code == 302
    body = client.get("/monev/ucj/", {"periode": "2024-10"}).content.decode()
    assert "sasaran daerah 90,00 % = 36.000 orang" in body
    bad = client.post("/monev/ucj/pekerja-rentan/", form | {"goal_percent": "150"})
    assert bad.status_code == 200 and "paling besar 100" in bad.content.decode()


def test_the_api_imports_and_reads_the_same_figures(client):
    client.force_login(make_user(Role.ADMIN_PROGRAM, "62.03"))
    created = client.post("/api/monev/insurer-figures", {"file": _csv(), "edition": "BPJS"})
    assert created.status_code == 201
    assert created.json()["refused"] == [
        {"row": 3, "field": "Kode Wilayah", "reason": "kode wilayah tidak dikenal"}
    ]
    again = client.post("/api/monev/insurer-figures", {"file": _csv(), "edition": "BPJS"}).json()
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 1)
    ucj = client.get("/api/monev/ucj", {"period": "2024-10"}).json()["ucj"]
    assert (ucj["basis"], ucj["active"], ucj["percent"], ucj["pu"]) == ("insurer", 160, "16.00", 100)


def test_the_api_enters_a_count_and_refuses_a_foreign_region(client):
    client.force_login(make_user(Role.ADMIN_PROGRAM, "62.03"))
    body = {"region": "62.03", "year": 2026, "count": 500, "source_note": "uji", "goal_percent": "90"}

    def post(b):
        return client.post("/api/monev/vulnerable-counts", json.dumps(b), content_type="application/json")

    assert post(body).status_code == 201
    assert post(body | {"region": "61.07"}).status_code == 403
    assert post(body | {"count": 0}).status_code == 400
    assert list(VulnerableWorkerCount.objects.values_list("region_id", "count")) == [("62.03", 500)]


def test_the_command_imports_and_shows_kalbar(tmp_path):
    path = shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    out = StringIO()
    call_command("ucj", "import", str(path), "--edition", "BPJS sintetis, Okt 2024", stdout=out)
    assert "2 baru" in out.getvalue()
    out = StringIO()
    call_command("ucj", "show", "--region", "61", "--period", "2024-10", stdout=out)
    text = out.getvalue()
    assert "UCJ 35,35 %" in text and "target 50,24 %" in text and "kurang 263.647 orang" in text


def test_the_command_enters_a_count_and_refuses_a_bad_one():
    out = StringIO()
    call_command(
        "ucj",
        "vulnerable",
        "--region",
        "62.03",
        "--year",
        "2026",
        "--count",
        "40000",
        "--source-note",
        "x",
        "--goal",
        "90",
        stdout=out,
    )
    assert "40.000" in out.getvalue() and "90,00 %" in out.getvalue()
    with pytest.raises(CommandError, match="lebih dari 0"):
        call_command(
            "ucj", "vulnerable", "--region", "62.03", "--year", "2026", "--count", "0", "--source-note", "x"
        )
