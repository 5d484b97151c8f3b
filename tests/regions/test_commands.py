from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_show_kapuas_json_counts_214_desa():
    data = json.loads(run("regions", "show", "62.03", "--json"))
    assert data["name"] == "Kabupaten Kapuas"
    assert data["descendants"] == {"desa": 214, "kecamatan": 17, "kelurahan": 17}
    assert data["children"] == {"kecamatan": 17}
    assert [p["code"] for p in data["path"]] == ["62", "62.03"]


def test_show_accepts_undotted_code_and_prints_path():
    text = run("regions", "show", "6203172002")
    assert "Pulau Mambulau" in text
    assert "Kalimantan Tengah › Kabupaten Kapuas › Bataguh › Pulau Mambulau" in text


def test_show_unknown_code_is_explained_in_indonesian():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run("regions", "show", "99.99")


def test_load_rerun_reports_no_change():
    assert "Tidak ada perubahan" in run("regions", "load")
