"""The worker-list run: duplicates in the file, malformed KPJs, and a crash that changes nothing."""

from __future__ import annotations

import pytest

from lindung.core.models import AuditEvent
from lindung.people.models import Worker
from lindung.transfer import writing
from lindung.transfer.models import ImportBatch

from .builders import (
    HEADER,
    TODAY,
    csv_bytes,
    outcome,
    person,
    run,
    sheet_rows,
)

pytestmark = pytest.mark.django_db


def test_the_same_nik_twice_in_a_file_rejects_the_later_row_naming_the_first(tmp_path):
    rows = [person(1), person(2), person(1)]
    batch = run(tmp_path, "dobel.csv", csv_bytes(sheet_rows(rows)), today=TODAY)
    assert (batch.accepted, batch.rejected) == (2, 1)
    assert "NIK yang sama sudah ada di baris 5" in outcome(batch)[7][1]


def test_kpj_in_non_latin_digits_is_malformed_not_a_database_error(tmp_path):
    rows = sheet_rows([person(1)])
    rows[3] = [*HEADER, "KPJ"]
    rows[4] = [*person(1), "\u0661" * 11]
    batch = run(tmp_path, "kpj.csv", csv_bytes(rows), today=TODAY)
    assert batch.rejected == 1 and "Nomor KPJ harus 11 digit angka" in outcome(batch)[5][1]


def test_a_crash_in_the_middle_leaves_the_database_as_before(tmp_path, monkeypatch):
    run(tmp_path, "awal.csv", csv_bytes(sheet_rows([person(1)])), today=TODAY)
    before = list(Worker.objects.order_by("nik").values_list("nik", "full_name", "updated_at"))
    events = AuditEvent.objects.count()
    people = [person(1, name="Nama Baru"), person(2), person(3)]

    def explode(*args, **kwargs):
        raise RuntimeError("listrik padam")

    monkeypatch.setattr(writing, "workers_update", explode)
    with pytest.raises(RuntimeError):
        run(tmp_path, "kedua.csv", csv_bytes(sheet_rows(people)), today=TODAY)
    assert list(Worker.objects.order_by("nik").values_list("nik", "full_name", "updated_at")) == before
    assert AuditEvent.objects.filter(action__in=["import.run", "worker.update"]).count() == 1
    assert AuditEvent.objects.count() == events + 1  # the second upload itself is recorded, nothing else
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.FAILED
    assert "dibatalkan seluruhnya" in batch.message and "listrik padam" in batch.message
