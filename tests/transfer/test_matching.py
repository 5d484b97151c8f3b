"""What the registry already knows: people registered elsewhere, outside the region, moved, or twins."""

from __future__ import annotations

import pytest

from lindung.people.models import Worker
from lindung.regions.models import Region
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker

from .builders import (
    HEADER,
    OTHER_VILLAGE,
    TODAY,
    csv_bytes,
    outcome,
    person,
    run,
    sheet_rows,
)

pytestmark = pytest.mark.django_db


def test_same_person_under_another_nik_is_flagged_for_the_verifier(tmp_path):
    registered = make_worker(serial=9, full_name="Ana Santoso")
    row = person(1, name="Hj. ANA  Santoso")
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.flagged == 1
    reason = outcome(batch)[5][1]
    assert "Nama dan tanggal lahir sama dengan pekerja terdaftar NIK 6203********0009" in reason
    assert registered.nik not in reason


def test_operator_cannot_overwrite_a_person_registered_in_another_village(tmp_path):
    make_worker(serial=1, village_code=OTHER_VILLAGE)
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    batch = run(
        tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1), person(2)])), actor=operator, today=TODAY
    )
    assert (batch.accepted, batch.rejected) == (1, 1)
    assert Worker.objects.get(nik=make_nik(serial=1)).village_id == OTHER_VILLAGE


def test_a_row_registered_outside_the_region_never_names_the_foreign_village(tmp_path):
    make_worker(serial=1, village_code=OTHER_VILLAGE)
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])), actor=operator, today=TODAY)
    state, reason = outcome(batch)[5]
    assert state == "rejected"
    assert "sudah terdaftar di luar wilayah Anda; verifikator dinas dapat menyelesaikannya" in reason
    foreign = Region.objects.get(code=OTHER_VILLAGE)
    assert OTHER_VILLAGE not in reason and foreign.name not in reason
    assert "Sebelumnya terdaftar" not in reason


def test_a_namesake_registered_outside_the_region_is_not_disclosed(tmp_path):
    make_worker(serial=9, full_name="Ana Santoso", village_code=OTHER_VILLAGE)
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    row = person(1, name="Ana Santoso")
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([row])), actor=operator, today=TODAY)
    state, reason = outcome(batch)[5]
    assert state == "accepted", reason
    assert OTHER_VILLAGE not in reason and "6203********0009" not in reason


def test_rows_for_a_village_outside_the_uploaders_region_are_rejected(tmp_path):
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    rows = sheet_rows([person(1)])
    rows[3] = [*HEADER, "KODE DESA"]
    rows[4] = [*person(1), OTHER_VILLAGE]
    batch = run(tmp_path, "desa.csv", csv_bytes(rows), actor=operator, today=TODAY)
    assert batch.rejected == 1
    assert f"Desa {OTHER_VILLAGE} berada di luar wilayah akun Anda" in outcome(batch)[5][1]


def test_kecamatan_officer_moving_a_person_between_villages_is_flagged(tmp_path):
    make_worker(serial=1, village_code=OTHER_VILLAGE)
    officer = make_user("admin_program", "62.03.17")
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])), actor=officer, today=TODAY)
    assert (batch.flagged, batch.updated) == (1, 1)
    assert f"Sebelumnya terdaftar di desa {OTHER_VILLAGE}" in outcome(batch)[5][1]
    assert Worker.objects.get().village_id == PULAU_MAMBULAU
