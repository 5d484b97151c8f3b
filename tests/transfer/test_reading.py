"""Opening uploads: formats by content, refusals, header rows and synonyms."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import override_settings

from lindung.people.models import Worker
from lindung.transfer.columns import header_key, map_headers
from lindung.transfer.models import ImportBatch
from lindung.transfer.reading import read_preview, sniff_format
from tests.people.builders import make_nik

from .builders import (
    HEADER,
    TODAY,
    csv_bytes,
    ods_bytes,
    person,
    run,
    sheet_rows,
    write,
    xls_bytes,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["NIK", "NAMA", "TGL LAHIR", "L/P"], ["nik", "full_name", "birth_date", "gender"]),
        (["No. KTP", "Nama Lengkap", "Tanggal Lahir", "JK"], ["nik", "full_name", "birth_date", "gender"]),
        (
            ["NO NIK", "NAMA PESERTA", "Tgl. Lahir", "Jenis Kelamin"],
            ["nik", "full_name", "birth_date", "gender"],
        ),
        (
            ["NIK (16 digit)", "Nama sesuai KTP", "Tempat, Tanggal Lahir", "L / P"],
            ["nik", "full_name", "birth_place_date", "gender"],
        ),
        (
            ["No. HP/WA", "RT/RW", "Pekerjaan", "Kode Desa"],
            ["phone", "rt_rw", "occupation_1", "village_code"],
        ),
    ],
)
def test_headers_offices_use_map_to_fields(headers, expected):
    assert list(map_headers(headers).values()) == expected


def test_a_header_nobody_listed_stays_unmapped_and_is_never_guessed():
    assert map_headers(["NIK", "Nama Ibu Kandung", "NAMA"]) == {0: "nik", 2: "full_name"}


def test_remembered_mapping_wins_over_synonyms():
    remembered = {header_key("Nomor Induk"): "nik", header_key("NIK"): ""}
    assert map_headers(["Nomor Induk", "NIK", "Nama"], remembered=remembered) == {0: "nik", 2: "full_name"}


@pytest.mark.parametrize(
    ("builder", "name", "fmt"),
    [
        (xlsx_bytes, "a.xlsx", "xlsx"),
        (xls_bytes, "a.xls", "xls"),
        (ods_bytes, "a.ods", "ods"),
        (csv_bytes, "a.csv", "csv"),
    ],
)
def test_format_is_told_by_content_and_header_row_found_below_titles(tmp_path, builder, name, fmt):
    path = write(tmp_path, name.replace(".", "-renamed."), builder(sheet_rows([person(1)])))
    assert sniff_format(path) == fmt
    preview = read_preview(path, fmt)
    assert preview.headers[: len(HEADER)] == HEADER
    assert preview.header_row_number == 4


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "program"),
        (b"\x00\x01\x02\x03binary", "bukan spreadsheet"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_with_a_message(tmp_path, data, words):
    batch = run(tmp_path, "daftar.xlsx", data)
    assert batch.status == ImportBatch.Status.REFUSED
    assert words in batch.message


def test_a_zip_that_is_no_spreadsheet_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    batch = run(tmp_path, "surat.xlsx", out.getvalue())
    assert batch.status == ImportBatch.Status.REFUSED
    assert "bukan spreadsheet" in batch.message


def test_zip_bomb_is_refused_before_any_parser_sees_it(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    batch = run(tmp_path, "bom.xlsx", out.getvalue())
    assert batch.status == ImportBatch.Status.REFUSED
    assert "zip bomb" in batch.message


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_file_over_the_size_limit_is_refused_and_not_kept(tmp_path):
    batch = run(tmp_path, "besar.csv", csv_bytes(sheet_rows([person(i) for i in range(1, 40)])))
    assert batch.status == ImportBatch.Status.REFUSED
    assert "terlalu besar" in batch.message and "MB" in batch.message


def test_empty_file_is_refused(tmp_path):
    batch = run(tmp_path, "kosong.csv", b"")
    assert batch.status == ImportBatch.Status.REFUSED


def test_sheet_without_nik_header_is_refused_with_what_to_do(tmp_path):
    batch = run(tmp_path, "lain.xlsx", xlsx_bytes([["Kode", "Uraian"], ["1", "Belanja"]]))
    assert batch.status == ImportBatch.Status.REFUSED
    assert "NIK" in batch.message and "templat" in batch.message


def test_header_is_found_on_a_later_sheet(tmp_path):
    data = xlsx_bytes([], sheets={"Petunjuk": [["Isi lembar Data"]], "Data": sheet_rows([person(1)])})
    batch = run(tmp_path, "dua-lembar.xlsx", data)
    assert batch.sheet_name == "Data"
    assert batch.accepted == 1


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_csv_separator_is_detected(tmp_path, separator):
    batch = run(tmp_path, "daftar.csv", csv_bytes(sheet_rows([person(1), person(2)]), separator=separator))
    assert (batch.status, batch.accepted) == (ImportBatch.Status.DONE, 2)


def test_csv_saved_as_windows_1252_is_read(tmp_path):
    batch = run(
        tmp_path, "daftar.csv", csv_bytes(sheet_rows([person(1, name="Siti Fa\u00e9ni")]), encoding="cp1252")
    )
    assert batch.accepted == 1
    assert Worker.objects.get().full_name == "Siti Fa\u00e9ni"


@pytest.mark.parametrize(("builder", "name"), [(xls_bytes, "desa.xls"), (ods_bytes, "desa.ods")])
def test_old_excel_and_opendocument_files_import_like_xlsx(tmp_path, builder, name):
    rows = sheet_rows([person(1), person(2)])
    rows[5][3] = dt.date(1985, 8, 17)
    batch = run(tmp_path, name, builder(rows), today=TODAY)
    assert (batch.status, batch.accepted, batch.skipped) == (ImportBatch.Status.DONE, 2, 1)
    assert Worker.objects.get(nik=make_nik(serial=2)).birth_date == dt.date(1985, 8, 17)
