"""The result workbook: the original rows plus status and reason, every cell text."""

from __future__ import annotations

import zipfile

import fastexcel
import polars as pl
import pytest

from lindung.transfer.services import import_result_workbook
from tests.core.xlsx_cells import cell_with
from tests.people.builders import make_nik

from .builders import (
    HEADER,
    TODAY,
    csv_bytes,
    person,
    run,
    sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


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


def test_formula_looking_names_carry_the_quote_prefix_in_the_result_workbook(tmp_path):
    names = ['=HYPERLINK("http://x","klik")', "+1+1", "@SUM(A1)", "-2+3"]
    rows = sheet_rows([person(i, name=n) for i, n in enumerate(names, start=1)] + [person(9, name="Siti")])
    batch = run(tmp_path, "rumus.csv", csv_bytes(rows), today=TODAY)
    path = import_result_workbook(batch=batch)
    for name in names:
        cell = cell_with(path, name)
        assert (cell.kind, cell.quoted) == ("text", True), name
    assert not cell_with(path, "Siti").quoted
    assert cell_with(path, "5").kind == "number"  # the source row number stays a number
