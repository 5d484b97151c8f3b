"""An extract's row problems are stored in Indonesian and shown in the reader's language."""

from __future__ import annotations

import polars as pl
from django.utils import translation

from lindung.registry.problem_text import TEMPLATES, problem_shown
from lindung.registry.rows import judge


def test_every_problem_has_an_english_wording_with_the_same_values():
    with translation.override("en"):
        for template in TEMPLATES:
            stored = template.format(*(f"v{i}" for i in range(template.count("{}"))))
            shown = problem_shown(stored)
            assert shown != stored
            assert all(f"v{i}" in shown for i in range(template.count("{}")))


def test_a_stored_problem_reads_in_english_and_stays_indonesian_otherwise():
    stored = (
        "Desa 61.07.04.2003 berada di luar wilayah edisi ini (62.03); orang di wilayah lain tidak diimpor."
    )
    with translation.override("en"):
        assert problem_shown(stored) == (
            "Village 61.07.04.2003 is outside this edition's region (62.03); people in other regions are not imported."
        )
    assert problem_shown(stored) == stored
    assert problem_shown("something else") == "something else"


def test_problems_are_worded_in_indonesian_even_when_an_english_reader_imports():
    row = {
        "row_number": 2,
        "nik": "",
        "nik_lost": False,
        "full_name": "Siti",
        "kk_number": "",
        "decile_text": "3",
        "address": "",
        "village_code": "62.03.17.2002",
        "birth_date": None,
        "birth_date_text": "",
    }
    frame = pl.DataFrame([row], schema_overrides={"birth_date": pl.Date})
    with translation.override("en"):
        _entries, problems = judge(frame, region_code="62.03", known_villages={"62.03.17.2002"})
    assert problems.get_column("message").to_list() == ["NIK kosong."]
