"""Which rows are data and what their words mean: genders, formulas read as their values."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.people.models import Worker
from tests.people.builders import make_nik

from .builders import (
    TODAY,
    Formula,
    outcome,
    person,
    run,
    sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "gender"),
    [
        ("L", "L"),
        ("P", "P"),
        ("Laki-laki", "L"),
        ("Perempuan", "P"),
        ("LK", "L"),
        ("pr", "P"),
        ("Wanita", "P"),
    ],
)
def test_gender_words_are_read(tmp_path, cell, gender):
    birth = dt.date(1990, 3, 5)
    row = person(1, birth=birth, gender=gender)
    row[4] = cell
    batch = run(tmp_path, "jk.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1
    assert Worker.objects.get().gender == gender


def test_unknown_gender_word_is_refused_with_its_value(tmp_path):
    row = person(1)
    row[4] = "X"
    batch = run(tmp_path, "jk.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert 'L/P: Jenis kelamin "X" tidak dikenal' in outcome(batch)[5][1]


def test_formula_cells_are_read_as_their_values_never_evaluated(tmp_path):
    row = person(1)
    row[1] = Formula('="620317"&"1708850001"', make_nik())
    row[2] = Formula("=1+1", "Ana Santoso")
    batch = run(tmp_path, "rumus.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1
    assert Worker.objects.get().full_name == "Ana Santoso"
