"""Small spreadsheet files for import tests, built in the test: xlsx (XlsxWriter), xls (xlwt), ods (by hand,
it is a zip of XML), csv (text). Cells are written with their type: text, number, date or formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
import xlwt

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.transfer.services import batch_outcome, import_file
from tests.people.builders import PULAU_MAMBULAU, make_nik

HEADER = ["NO", "NIK", "NAMA", "TGL LAHIR", "L/P", "PEKERJAAN", "KATEGORI", "NO HP"]


@dataclass(frozen=True)
class Number:
    """A number cell, as a spreadsheet stores a NIK typed without a leading apostrophe."""

    value: float


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: str


def letters(n: int) -> str:
    """1 → "Ana", 2 → "Bima", …: names that stay distinct after normalisation (digits are dropped)."""
    names = ["Ana", "Bima", "Citra", "Dodi", "Eka", "Fajar", "Gita", "Hadi", "Intan", "Joko", "Kiki", "Lukas"]
    out = []
    while True:
        n, r = divmod(n - 1, len(names))
        out.append(names[r])
        if n == 0:
            return " ".join(reversed(out))


def person(
    serial: int, *, name: str = "", birth: dt.date = dt.date(1985, 8, 17), gender: str = "L"
) -> list[Any]:
    """One row in HEADER's order: a valid person in Pulau Mambulau."""
    return [
        str(serial),
        make_nik(birth=birth, gender=gender, serial=serial),
        name or f"{letters(serial)} Santoso",
        birth.strftime("%d-%m-%Y"),
        gender,
        "Nelayan",
        "Nelayan",
        "0812 3456 7890",
    ]


def sheet_rows(people: list[list[Any]], *, title: bool = True, total: bool = True) -> list[list[Any]]:
    rows: list[list[Any]] = []
    if title:
        rows += [["DAFTAR PEKERJA RENTAN DESA PULAU MAMBULAU"], ["TAHUN ANGGARAN 2026"], []]
    rows.append(HEADER)
    rows += people
    if total:
        rows.append(["", f"JUMLAH {len(people)} ORANG"])
    return rows


def xlsx_bytes(rows: list[list[Any]], *, sheets: dict[str, list[list[Any]]] | None = None) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, content in (sheets or {"Data": rows}).items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                if isinstance(value, Number):
                    sheet.write_number(r, c, value.value)
                elif isinstance(value, Formula):
                    sheet.write_formula(r, c, value.formula, None, value.cached)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, c, value)
                elif value not in (None, ""):
                    sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()


def xls_bytes(rows: list[list[Any]]) -> bytes:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    date = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, Number):
                sheet.write(r, c, value.value)
            elif isinstance(value, dt.date):
                sheet.write(r, c, value, date)
            elif value not in (None, ""):
                sheet.write(r, c, str(value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(rows: list[list[Any]]) -> bytes:
    """A minimal OpenDocument spreadsheet: mimetype first and stored, a manifest, and content.xml."""
    cells_xml = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Number):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value.value!r}"><text:p>{value.value!r}</text:p></table:table-cell>'
                )
            elif isinstance(value, dt.date):
                cells.append(
                    f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
                )
            elif value in (None, ""):
                cells.append("<table:table-cell/>")
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
                )
        cells_xml.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Data">'
        f"{''.join(cells_xml)}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], *, separator: str = ";", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    for row in rows:
        writer.writerow(
            ["" if v is None else (v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v) for v in row]
        )
    return out.getvalue().encode(encoding)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(tmp_path: Path, name: str, data: bytes, *, actor=None, village: str = PULAU_MAMBULAU, **kwargs):
    """Import ``data`` as a file called ``name`` (CLI path: detected mapping, run at once)."""
    return import_file(actor=actor, path=write(tmp_path, name, data), village_code=village, **kwargs)


TODAY = dt.date(2026, 11, 22)
OTHER_VILLAGE = "62.03.17.2003"


def outcome(batch) -> dict[int, tuple[str, str]]:
    """Every data row of a finished batch: row number → (state, reason)."""
    return {r: (s, why) for r, s, why in batch_outcome(batch).iter_rows()}


def denials() -> list[AuditEvent]:
    """The access-denied events written so far, oldest first."""
    return list(AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).order_by("pk"))
