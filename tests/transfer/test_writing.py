"""The set-based writes: re-uploads are idempotent, empty cells keep values, bulk loads rebuild indexes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from lindung.core.models import AuditEvent
from lindung.people.models import Worker
from lindung.transfer import writing
from tests.people.builders import PULAU_MAMBULAU, make_worker

from .builders import (
    TODAY,
    csv_bytes,
    outcome,
    person,
    run,
    sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def test_same_file_twice_updates_nothing_and_never_duplicates(tmp_path):
    data = xlsx_bytes(sheet_rows([person(i) for i in range(1, 6)]))
    first = run(tmp_path, "desa.xlsx", data, today=TODAY)
    assert (first.inserted, first.updated, first.unchanged) == (5, 0, 0)
    stamps = dict(Worker.objects.values_list("nik", "updated_at"))
    second = run(tmp_path, "desa.xlsx", data, today=TODAY)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 5)
    assert Worker.objects.count() == 5
    assert dict(Worker.objects.values_list("nik", "updated_at")) == stamps
    assert not AuditEvent.objects.filter(action="worker.update").exists()


def test_reupload_with_a_correction_updates_that_record_only_and_audits_it(tmp_path):
    people = [person(i) for i in range(1, 4)]
    run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows(people)), today=TODAY)
    people[1][2] = "Bima Santoso Putra"
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows(people)), today=TODAY)
    assert (batch.inserted, batch.updated, batch.unchanged) == (0, 1, 2)
    changed = Worker.objects.get(nik=people[1][1])
    assert changed.full_name == "Bima Santoso Putra" and changed.name_normalized == "bima santoso putra"
    events = AuditEvent.objects.filter(action="worker.update")
    assert list(events.values_list("object_id", flat=True)) == [str(changed.pk)]
    assert events.get().region_code == PULAU_MAMBULAU
    assert AuditEvent.objects.filter(action="import.run").count() == 2


def test_an_empty_cell_keeps_the_registered_value(tmp_path):
    make_worker(serial=1, full_name="Ana Santoso", phone="0813 1111 2222", birth=dt.date(1985, 8, 17))
    row = person(1)
    row[7] = ""
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.unchanged == 1
    assert Worker.objects.get().phone == "+6281311112222"


def test_nobody_is_saved_when_every_row_is_rejected(tmp_path):
    rows = [person(1)[:1] + ["", "Tanpa NIK"] + person(1)[3:]]
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows(rows)), today=TODAY)
    assert (batch.rejected, batch.inserted) == (1, 0)
    assert "NIK wajib diisi" in outcome(batch)[5][1]


def test_a_first_bulk_load_rebuilds_the_indexes_it_dropped(tmp_path, monkeypatch):
    def indexes():
        with connection.cursor() as cursor:
            return connection.introspection.get_constraints(cursor, Worker._meta.db_table)

    before = indexes()
    monkeypatch.setattr(writing, "BULK_LOAD_MIN", 2)
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(i) for i in range(1, 6)])), today=TODAY)
    assert batch.inserted == 5
    assert indexes() == before
    assert Worker.objects.filter(name_normalized="ana santoso").count() == 1
