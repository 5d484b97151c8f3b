"""The import pipeline end to end: every row ends in one state, re-uploads are idempotent, crashes change nothing."""

from __future__ import annotations

import datetime as dt
import zipfile

import fastexcel
import polars as pl
import pytest

from lindung.core.models import AuditEvent
from lindung.people.models import Worker
from lindung.transfer import writing
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import batch_outcome, import_result_workbook
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker

from .builders import (
    HEADER,
    Formula,
    Number,
    csv_bytes,
    letters,
    ods_bytes,
    person,
    run,
    sheet_rows,
    xls_bytes,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
OTHER_VILLAGE = "62.03.17.2003"


def outcome(batch) -> dict[int, tuple[str, str]]:
    return {r: (s, why) for r, s, why in batch_outcome(batch).iter_rows()}


def test_messy_sheet_every_data_row_ends_in_exactly_one_state(tmp_path):
    rows = [
        ["DAFTAR PEKERJA RENTAN DESA PULAU MAMBULAU"],
        [],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        person(1),
        ["2"],
        person(3)[:1] + ["620317170885001"] + person(3)[2:],
        person(4)[:4] + ["L"] + person(4)[5:],
        [],
        ["", "JUMLAH 3 ORANG"],
        [],
        ["", "", "Kepala Desa Pulau Mambulau"],
    ]
    rows[7][3] = "17-08-1985"
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(rows), today=TODAY)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.header_row == 3
    result = outcome(batch)
    assert sorted(result) == list(range(4, 13))
    assert batch.rows_total == len(result) == 9
    assert batch.accepted + batch.flagged + batch.rejected + batch.skipped == batch.rows_total
    assert {r for r, (s, _) in result.items() if s == "skipped"} == {4, 6, 9, 10, 11, 12}
    assert result[4][1] == "Baris nomor kolom" and result[10][1] == "Baris jumlah/total"
    assert result[6][1] == "Baris kosong"
    assert "bukan data pekerja" in result[12][1]
    assert result[7][0] == "rejected" and result[7][1].startswith(
        "NIK: NIK harus 16 digit; yang diisi 15 digit"
    )
    assert (result[5][0], result[8][0]) == ("accepted", "accepted")
    assert Worker.objects.count() == 2


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


@pytest.mark.parametrize("nik", ["6203 1717 0885 0001", "6203.1717.0885.0001", " 6203171708850001 "])
def test_nik_with_spaces_or_dots_is_stored_as_16_digits(tmp_path, nik):
    row = person(1)
    row[1] = nik
    batch = run(tmp_path, "nik.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1
    assert Worker.objects.get().nik == "6203171708850001"


@pytest.mark.parametrize(
    ("builder", "name", "cell"),
    [
        (xlsx_bytes, "a.xlsx", Number(6203171708850000.0)),
        (xlsx_bytes, "a.xlsx", Number(6203171708850010.0)),
        (xls_bytes, "a.xls", Number(6203171708850000.0)),
        (ods_bytes, "a.ods", Number(6203171708850010.0)),
        (csv_bytes, "a.csv", "6,20317E+15"),
        (csv_bytes, "a.csv", "6.20317170885e+15"),
    ],
)
def test_nik_a_spreadsheet_stored_as_a_number_is_rejected_never_guessed(tmp_path, builder, name, cell):
    row = person(1)
    row[1] = cell
    batch = run(tmp_path, name, builder(sheet_rows([row])), today=TODAY)
    assert batch.rejected == 1
    assert "digitnya hilang" in outcome(batch)[5][1]
    assert not Worker.objects.exists()


def test_number_cell_that_kept_all_16_digits_is_accepted_like_the_form_does(tmp_path):
    row = person(1)
    row[1] = Number(6203171708850001.0)
    batch = run(tmp_path, "a.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1


@pytest.mark.parametrize(
    "phone", ["0812 3456 7890", "+62 812-3456-7890", "6281234567890", "81234567890", "0812.3456.7890"]
)
def test_phone_numbers_in_any_local_form_become_e164(tmp_path, phone):
    row = person(1)
    row[7] = phone
    run(tmp_path, "hp.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert Worker.objects.get().phone == "+6281234567890"


def test_invalid_phone_is_flagged_and_the_row_still_imported(tmp_path):
    row = person(1)
    row[7] = "12345"
    batch = run(tmp_path, "hp.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.flagged == 1
    worker = Worker.objects.get()
    assert worker.needs_review and worker.phone == ""
    assert [f["code"] for f in worker.findings] == ["phone_invalid"]


def test_formula_cells_are_read_as_their_values_never_evaluated(tmp_path):
    row = person(1)
    row[1] = Formula('="620317"&"1708850001"', make_nik())
    row[2] = Formula("=1+1", "Ana Santoso")
    batch = run(tmp_path, "rumus.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1
    assert Worker.objects.get().full_name == "Ana Santoso"


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


def test_the_same_nik_twice_in_a_file_rejects_the_later_row_naming_the_first(tmp_path):
    rows = [person(1), person(2), person(1)]
    batch = run(tmp_path, "dobel.csv", csv_bytes(sheet_rows(rows)), today=TODAY)
    assert (batch.accepted, batch.rejected) == (2, 1)
    assert "NIK yang sama sudah ada di baris 5" in outcome(batch)[7][1]


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
    assert f"sudah terdaftar di desa {OTHER_VILLAGE}" in outcome(batch)[5][1]
    assert Worker.objects.get(nik=make_nik(serial=1)).village_id == OTHER_VILLAGE


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


def test_result_workbook_is_the_original_rows_plus_status_and_reason(tmp_path):
    bad = person(2)
    bad[1] = "62031717088500"
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([person(1), bad])), today=TODAY)
    path = import_result_workbook(batch=batch)
    frame = pl.DataFrame(fastexcel.read_excel(str(path)).load_sheet("Hasil", dtypes="string"))
    assert frame.columns == ["Baris asal", *HEADER, "Status", "Keterangan"]
    assert frame["Baris asal"].to_list() == ["5", "6", "7"]
    assert frame["NIK"].to_list()[:2] == [make_nik(serial=1), "62031717088500"]
    assert frame["Status"].to_list() == ["Diterima", "Ditolak", "Dilewati"]
    assert frame["Keterangan"][1].startswith("NIK: NIK harus 16 digit")


def test_cells_that_look_like_formulas_are_exported_as_text(tmp_path):
    nasty = '=HYPERLINK("http://x","klik")'
    row = person(1, name=nasty)
    rows = sheet_rows([row, person(2, name="+62 812"), person(3, name="@SUM(A1)"), person(4, name="-1+2")])
    batch = run(tmp_path, "rumus.csv", csv_bytes(rows), today=TODAY)
    path = import_result_workbook(batch=batch)
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/"))
    assert "<f>" not in xml
    frame = pl.DataFrame(fastexcel.read_excel(str(path)).load_sheet("Hasil", dtypes="string"))
    assert frame["NAMA"].to_list()[:4] == [nasty, "+62 812", "@SUM(A1)", "-1+2"]


@pytest.mark.parametrize(("builder", "name"), [(xls_bytes, "desa.xls"), (ods_bytes, "desa.ods")])
def test_old_excel_and_opendocument_files_import_like_xlsx(tmp_path, builder, name):
    rows = sheet_rows([person(1), person(2)])
    rows[5][3] = dt.date(1985, 8, 17)
    batch = run(tmp_path, name, builder(rows), today=TODAY)
    assert (batch.status, batch.accepted, batch.skipped) == (ImportBatch.Status.DONE, 2, 1)
    assert Worker.objects.get(nik=make_nik(serial=2)).birth_date == dt.date(1985, 8, 17)


def test_nobody_is_saved_when_every_row_is_rejected(tmp_path):
    rows = [person(1)[:1] + ["", "Tanpa NIK"] + person(1)[3:]]
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows(rows)), today=TODAY)
    assert (batch.rejected, batch.inserted) == (1, 0)
    assert "NIK wajib diisi" in outcome(batch)[5][1]


def test_kpj_in_non_latin_digits_is_malformed_not_a_database_error(tmp_path):
    rows = sheet_rows([person(1)])
    rows[3] = [*HEADER, "KPJ"]
    rows[4] = [*person(1), "\u0661" * 11]
    batch = run(tmp_path, "kpj.csv", csv_bytes(rows), today=TODAY)
    assert batch.rejected == 1 and "Nomor KPJ harus 11 digit angka" in outcome(batch)[5][1]


def test_a_first_bulk_load_rebuilds_the_indexes_it_dropped(tmp_path, monkeypatch):
    from django.db import connection

    def indexes():
        with connection.cursor() as cursor:
            return connection.introspection.get_constraints(cursor, Worker._meta.db_table)

    before = indexes()
    monkeypatch.setattr(writing, "BULK_LOAD_MIN", 2)
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(i) for i in range(1, 6)])), today=TODAY)
    assert batch.inserted == 5
    assert indexes() == before
    assert Worker.objects.filter(name_normalized="ana santoso").count() == 1


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
    from django.db import connection

    with connection.cursor() as cursor:
        assert writing.registry_rows(cursor).height == 0
    awkward = ['d\'ana "ucok", jr', "back\\slash", "two\nlines", ""]
    for serial, name in enumerate(awkward, start=1):
        worker = make_worker(serial=serial, kpj="12345678901" if serial == 1 else "")
        Worker.objects.filter(pk=worker.pk).update(name_normalized=name)
    with connection.cursor() as cursor:
        rows = writing.registry_rows(cursor).sort("worker_id")
    assert rows["name"].to_list() == awkward
    assert rows["nik"].to_list() == [make_nik(serial=s) for s in range(1, 5)]
    assert rows["birth"].to_list() == [dt.date(1985, 8, 17)] * 4
    assert rows["old_village"].unique().to_list() == [PULAU_MAMBULAU]
    assert rows["old_kpj"].to_list()[0] == "12345678901"
