"""The reply template for the branch's officer: the people of one collective registration, ready to answer.

The officer fills in the KPJ, the start date and DITERIMA or DITOLAK (with a reason) and uploads it as the
reply; its headers are the reply reader's own labels, so the mapping is found without asking. The people
are read back from the registration workbook the branch received, so the template lists exactly them.
"""

from __future__ import annotations

import io

import fastexcel
import polars as pl

from lindung.core.spreadsheets import safe_workbook, write_text

from ..columns import REPLY_COLUMNS
from ..models import InsurerExport
from .export import export_path

# Where the registration workbook puts its table (insurer/export.py): headers on row 4, people below.
_EXPORT_HEADER_ROW = 3
DECISIONS = ("DITERIMA", "DITOLAK")
INSTRUCTIONS = (
    ("No. KPJ", "Nomor kepesertaan 11 angka bagi peserta yang diterima."),
    ("Tanggal Mulai Kepesertaan", "Tanggal, misalnya 01-09-2026."),
    ("Status", "Pilih DITERIMA atau DITOLAK."),
    ("Alasan Penolakan", "Wajib bila DITOLAK, misalnya: NIK tidak padan dengan Dukcapil."),
    ("Kirim kembali", "Simpan berkas ini dan unggah di Lindung, menu Unggah > Balasan BPJS."),
)


def _people(export: InsurerExport) -> list[tuple[str, str]]:
    """(NIK, name) of every person in the registration workbook, in its order."""
    sheet = fastexcel.read_excel(str(export_path(export))).load_sheet(
        0, header_row=None, skip_rows=0, dtypes="string", use_columns=[1, 2]
    )
    frame = pl.DataFrame(sheet).slice(_EXPORT_HEADER_ROW + 1)
    nik, name = frame.columns
    frame = frame.filter(pl.col(nik).fill_null("") != "")
    return [(n or "", m or "") for n, m in frame.select(nik, name).iter_rows()]


def reply_template_bytes(export: InsurerExport) -> bytes:
    """The .xlsx the officer answers: No, NIK, Nama filled in; KPJ, date, status and reason to fill."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    bold = book.add_format({"bold": True, "bg_color": "#E6F0FA", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet("Balasan BPJS")
    widths = (5, 20, 32, 16, 14, 12, 40)
    for j, (column, width) in enumerate(zip(REPLY_COLUMNS, widths, strict=True)):
        write_text(sheet, 0, j, column.label, bold)
        sheet.set_column(j, j, width, text)
    people = _people(export)
    for i, (nik, name) in enumerate(people, start=1):
        write_text(sheet, i, 0, str(i))
        write_text(sheet, i, 1, nik)
        write_text(sheet, i, 2, name)
    last = max(len(people), 1)
    sheet.data_validation(1, 5, last, 5, {"validate": "list", "source": list(DECISIONS)})
    sheet.data_validation(1, 3, last, 3, {"validate": "length", "criteria": "<=", "value": 11})
    sheet.freeze_panes(1, 3)
    help_sheet = book.add_worksheet("Petunjuk")
    help_sheet.set_column(0, 0, 26)
    help_sheet.set_column(1, 1, 80)
    write_text(help_sheet, 0, 0, f"Balasan untuk berkas pendaftaran kolektif #{export.pk}", bold)
    for i, (label, note) in enumerate(INSTRUCTIONS, start=1):
        write_text(help_sheet, i, 0, label, bold)
        write_text(help_sheet, i, 1, note)
    book.close()
    return buffer.getvalue()


def reply_template_name(export: InsurerExport) -> str:
    return f"balasan-bpjs-{export.pk:06d}.xlsx"
