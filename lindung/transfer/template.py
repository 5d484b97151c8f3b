"""The downloadable import template: the columns Lindung reads, with the checks a spreadsheet can make itself.

- NIK and KK are text columns (format ``@``) limited to 16 characters, so a spreadsheet never turns a NIK
  into 6,20317E+15;
- L/P, category and wage status are drop-down lists; the date column accepts real dates only;
- the village code is filled in for every row, and an instructions sheet explains every column.
"""

from __future__ import annotations

import datetime as dt
import io

from lindung.core.spreadsheets import safe_workbook, write_text
from lindung.people.models import Category

from .columns import WORKER_COLUMNS

TEMPLATE_ROWS = 500
TEMPLATE_FIELDS = (
    "row_no",
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "village_code",
    "address",
    "rt",
    "rw",
    "phone",
    "email",
    "occupation_1",
    "occupation_2",
    "category",
    "wage_status",
    "fixed_income",
    "kk_number",
    "kpj",
)
INSTRUCTIONS = [
    ("Lembar Data", "Isi satu orang per baris, mulai baris 3. Jangan mengubah judul kolom di baris 2."),
    (
        "NIK",
        "16 digit, diketik sebagai teks (kolom ini sudah berformat teks). NIK yang tersimpan sebagai angka "
        "kehilangan digit terakhirnya dan akan ditolak.",
    ),
    ("Nama Lengkap", "Sesuai KTP. Gelar boleh ditulis."),
    ("Tanggal Lahir", "Tanggal, misalnya 17-08-1985. Bila kosong, dibaca dari NIK."),
    ("L/P", "L untuk laki-laki, P untuk perempuan. Bila kosong, dibaca dari NIK."),
    ("Kode Desa", "Kode desa/kelurahan Kemendagri, sudah terisi untuk desa Anda."),
    ("RT, RW", "Angka, misalnya 003 dan 001."),
    ("No. HP", "Boleh 0812…, +62812… atau 62812…"),
    (
        "Pekerjaan 1 dan 2",
        "Paling banyak dua jenis pekerjaan (PP 44/2015 Pasal 11 ayat 2). Pekerjaan 1 wajib.",
    ),
    ("Kategori", "Pilih dari daftar."),
    ("Status Upah", "BPU (bukan penerima upah) atau PU (penerima upah, mis. perangkat desa dengan siltap)."),
    ("Penghasilan Tetap", "Rupiah per bulan, angka saja; wajib untuk PU."),
    ("No. KK, No. KPJ", "Boleh kosong. KK 16 digit, KPJ 11 digit."),
    (
        "Unggah ulang",
        "Berkas yang sama boleh diunggah ulang: NIK yang sama memperbarui data, tidak menggandakan.",
    ),
    ("Hasil", "Setelah impor, unduh buku kerja hasil: setiap baris diberi status dan keterangan."),
]


TEXT_FIELDS = ("nik", "kk_number", "kpj", "phone", "rt", "rw", "village_code")
WIDE_FIELDS = ("nik", "kk_number", "full_name", "address", "occupation_1", "occupation_2", "category")


def _validation(key: str, label: str, categories: int) -> dict | None:
    """What the spreadsheet itself checks in column ``key``: the same rules the import applies."""
    if key in ("nik", "kk_number"):
        return {
            "validate": "length",
            "criteria": "==",
            "value": 16,
            "error_title": label,
            "error_message": f"{label} harus 16 digit, diketik sebagai teks.",
        }
    rules = {
        "kpj": {
            "validate": "length",
            "criteria": "==",
            "value": 11,
            "error_message": "No. KPJ harus 11 digit.",
        },
        "gender": {"validate": "list", "source": ["L", "P"], "error_message": "Isi L atau P."},
        "wage_status": {"validate": "list", "source": ["BPU", "PU"], "error_message": "Isi BPU atau PU."},
        "category": {
            "validate": "list",
            "source": f"=Daftar!$A$2:$A${categories + 1}",
            "error_message": "Pilih kategori dari daftar.",
        },
        "birth_date": {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1900, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_message": "Isi tanggal, misalnya 17-08-1985.",
        },
        "fixed_income": {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_message": "Rupiah per bulan, angka saja.",
        },
    }
    return rules.get(key)


def template_workbook(*, village_code: str = "", village_name: str = "") -> bytes:
    """The template as xlsx bytes: the data sheet, a hidden sheet of categories, and the instructions."""
    out = io.BytesIO()
    book = safe_workbook(out)
    formats = {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "head": book.add_format({"bold": True, "bg_color": "#E6F0FA", "border": 1, "text_wrap": True}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "dd-mm-yyyy"}),
    }
    sheet = book.add_worksheet("Data")
    categories = _lists_sheet(book)
    _data_sheet(sheet, formats, categories=categories, village_code=village_code, village_name=village_name)
    _help_sheet(book, formats)
    book.close()
    return out.getvalue()


def _lists_sheet(book) -> int:
    """The hidden sheet the category drop-down reads; returns how many categories it lists."""
    lists = book.add_worksheet("Daftar")
    categories = [str(label) for _, label in Category.choices]
    write_text(lists, 0, 0, "Kategori")
    for i, label in enumerate(categories, start=1):
        write_text(lists, i, 0, label)
    lists.hide()
    return len(categories)


def _data_sheet(sheet, formats: dict, *, categories: int, village_code: str, village_name: str) -> None:
    columns = {c.key: c for c in WORKER_COLUMNS}
    heading = "DAFTAR PEKERJA RENTAN"
    if village_code:
        heading += f" DESA {village_name.upper()} ({village_code})".replace("  ", " ")
    write_text(sheet, 0, 0, heading, formats["title"])
    last = TEMPLATE_ROWS + 1
    for j, key in enumerate(TEMPLATE_FIELDS):
        col = columns[key]
        write_text(sheet, 1, j, col.label, formats["head"])
        width = 20 if key in WIDE_FIELDS else 13
        if key in TEXT_FIELDS:
            sheet.set_column(j, j, width, formats["text"])
        elif key == "birth_date":
            sheet.set_column(j, j, width, formats["date"])
        else:
            sheet.set_column(j, j, width)
        if rule := _validation(key, col.label, categories):
            sheet.data_validation(2, j, last, j, rule)
        if key == "village_code" and village_code:
            for i in range(2, last + 1):
                write_text(sheet, i, j, village_code)
    sheet.freeze_panes(2, 2)


def _help_sheet(book, formats: dict) -> None:
    help_sheet = book.add_worksheet("Petunjuk")
    help_sheet.set_column(0, 0, 22)
    help_sheet.set_column(1, 1, 100)
    write_text(help_sheet, 0, 0, "Petunjuk pengisian", formats["title"])
    for i, (label, body) in enumerate(INSTRUCTIONS, start=2):
        write_text(help_sheet, i, 0, label, formats["head"])
        write_text(help_sheet, i, 1, body)
