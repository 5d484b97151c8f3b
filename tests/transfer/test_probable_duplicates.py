"""The import's probable-duplicate flag: the dedup name key and the birth date in either day/month order, in
the file and against the registry. A flag names the other person and the score; it never rejects."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.people.models import Worker
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU, make_worker

from .builders import OTHER_VILLAGE, TODAY, csv_bytes, outcome, person, run, sheet_rows

pytestmark = pytest.mark.django_db

BORN = dt.date(1985, 8, 7)
SWAPPED = dt.date(1985, 7, 8)


def _import(tmp_path, rows, **kwargs):
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows(rows)), today=TODAY, **kwargs)
    return batch, outcome(batch)


def test_abbreviation_and_old_spelling_in_the_file_are_flagged_with_the_other_row_named(tmp_path):
    rows = [person(1, name="Muhammad Yusuf", birth=BORN), person(2, name="Moh. Djoesoef", birth=BORN)]
    batch, states = _import(tmp_path, rows)
    assert (batch.accepted, batch.flagged, batch.rejected) == (1, 1, 0)
    state, reason = states[6]
    assert state == "flagged"
    assert "Kemungkinan data ganda dengan baris 5 berkas ini (Muhammad Yusuf)" in reason
    assert "kemiripan tulisan " in reason
    assert Worker.objects.count() == 2


def test_a_swapped_day_and_month_in_the_file_is_flagged(tmp_path):
    rows = [person(1, name="Budi Raharjo", birth=BORN), person(2, name="H. Budi Raharjo", birth=SWAPPED)]
    batch, states = _import(tmp_path, rows)
    assert batch.flagged == 1
    assert "Kemungkinan data ganda dengan baris 5 berkas ini (Budi Raharjo)" in states[6][1]


def test_the_same_written_name_and_date_is_a_twin_not_also_a_probable_duplicate(tmp_path):
    rows = [person(1, name="Budi Raharjo", birth=BORN), person(2, name="Budi Raharjo", birth=BORN)]
    _, states = _import(tmp_path, rows)
    reason = states[6][1]
    assert "Nama dan tanggal lahir sama dengan baris 5" in reason
    assert "Kemungkinan data ganda" not in reason


def test_different_people_born_the_same_day_are_not_flagged(tmp_path):
    rows = [person(1, name="Budi Raharjo", birth=BORN), person(2, name="Dewi Lestari", birth=BORN)]
    batch, _ = _import(tmp_path, rows)
    assert (batch.accepted, batch.flagged) == (2, 0)


def test_a_registered_person_under_another_nik_is_named_with_a_masked_nik_and_a_score(tmp_path):
    # Three registered people and a one-row file: the registry is probed by birth date.
    registered = make_worker(serial=9, full_name="Muhammad Yusuf", birth=BORN)
    make_worker(serial=10, full_name="Dewi Lestari", birth=BORN)
    make_worker(serial=11, full_name="Eka Putri", birth=dt.date(1990, 1, 1))
    batch, states = _import(tmp_path, [person(1, name="Moh. Joesoef", birth=BORN)])
    assert (batch.flagged, batch.rejected) == (1, 0)
    reason = states[5][1]
    assert (
        "Kemungkinan data ganda dengan pekerja terdaftar Muhammad Yusuf (NIK 6203********0009, desa" in reason
    )
    assert registered.nik not in reason
    assert "kemiripan tulisan 40 dari 100" in reason


def test_a_registered_person_with_day_and_month_swapped_is_flagged_when_the_registry_is_read_whole(tmp_path):
    # One registered person and a two-row file: the registry is read whole.
    make_worker(serial=9, full_name="Siti Aminah", birth=SWAPPED, gender_="P")
    rows = [person(1, name="Hj. Siti Aminah, S.Pd", birth=BORN, gender="P"), person(2, name="Dodi")]
    batch, states = _import(tmp_path, rows)
    assert batch.flagged == 1
    assert "Kemungkinan data ganda dengan pekerja terdaftar Siti Aminah (NIK" in states[5][1]


def test_a_probable_duplicate_registered_outside_the_region_is_not_disclosed(tmp_path):
    make_worker(serial=9, full_name="Muhammad Yusuf", birth=BORN, village_code=OTHER_VILLAGE)
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    batch, states = _import(tmp_path, [person(1, name="Moh. Yusuf", birth=BORN)], actor=operator)
    assert batch.accepted == 1, states
    assert "Kemungkinan data ganda" not in states[5][1]


def test_a_re_upload_does_not_flag_people_against_their_own_first_upload(tmp_path):
    rows = [person(1, name="Muhammad Yusuf", birth=BORN), person(2, name="Dewi Lestari", birth=BORN)]
    _import(tmp_path, rows)
    batch, states = _import(tmp_path, rows)
    assert not any("Kemungkinan data ganda" in reason for _, reason in states.values())
    assert batch.rejected == 0
