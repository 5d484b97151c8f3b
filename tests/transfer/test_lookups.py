"""Registry look-ups: probed or read whole, with the same answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from lindung.people.models import Worker
from lindung.transfer import lookups
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker

from .builders import (
    TODAY,
    csv_bytes,
    letters,
    outcome,
    person,
    run,
    sheet_rows,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("registered", [1, 8])
def test_lookups_work_whether_the_registry_is_scanned_or_probed(tmp_path, registered):
    # A registry no bigger than twice the file is read whole; a bigger one is probed NIK by NIK.
    for serial in range(1, registered + 1):
        make_worker(serial=serial + 100, full_name=f"Orang {letters(serial)}")
    make_worker(serial=1, full_name="Ana Santoso")
    rows = [person(1, name="Ana Santoso Baru"), person(2, name="Orang Ana")]
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows(rows)), today=TODAY)
    assert (batch.inserted, batch.updated, batch.flagged) == (1, 1, 1)
    assert "Nama dan tanggal lahir sama dengan pekerja terdaftar NIK 6203********0101" in outcome(batch)[6][1]


def test_the_whole_registry_is_read_back_exactly_whatever_its_names_hold():
    # The whole-registry read serialises rows (JSON lines on SQLite, CSV on PostgreSQL): names carrying
    # quotes, backslashes, commas or a newline must come back as they are stored.
    with connection.cursor() as cursor:
        assert lookups.registry_rows(cursor).height == 0
    awkward = ['d\'ana "ucok", jr', "back\\slash", "two\nlines", ""]
    for serial, name in enumerate(awkward, start=1):
        worker = make_worker(serial=serial, kpj="12345678901" if serial == 1 else "")
        Worker.objects.filter(pk=worker.pk).update(name_normalized=name)
    with connection.cursor() as cursor:
        rows = lookups.registry_rows(cursor).sort("worker_id")
    assert rows["name"].to_list() == awkward
    assert rows["nik"].to_list() == [make_nik(serial=s) for s in range(1, 5)]
    assert rows["birth"].to_list() == [dt.date(1985, 8, 17)] * 4
    assert rows["old_village"].unique().to_list() == [PULAU_MAMBULAU]
    assert rows["old_kpj"].to_list()[0] == "12345678901"
