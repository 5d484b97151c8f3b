from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def nik_check(*args: str) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("nik", "check", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), code


def test_valid_nik_prints_region_path_birth_date_and_gender():
    text, code = nik_check("6203174508850001")
    assert code == 0
    assert "Kalimantan Tengah › Kabupaten Kapuas › Bataguh" in text
    assert "1985-08-05" in text and "perempuan" in text


def test_json_output_for_a_mangled_nik_explains_in_indonesian():
    text, code = nik_check("6.20317170885e+15", "--json")
    data = json.loads(text)
    assert code == 1
    assert data["valid"] is False
    assert data["findings"][0]["code"] == "nik_lost_digits"
    assert "Lindung tidak menebak digit yang hilang" in data["findings"][0]["message"]


@pytest.mark.parametrize(
    ("nik", "phrase"),
    [
        ("620317170885001", "16 digit; yang diisi 15 digit"),
        ("6203177208850001", "41–71 untuk perempuan"),
        ("6203171708850000", "tidak boleh 0000"),
        ("9901011708850001", "tidak ada dalam data wilayah"),
    ],
)
def test_each_bad_case_is_explained(nik, phrase):
    text, code = nik_check(nik)
    assert code == 1
    assert "TIDAK SAH" in text and phrase in text
