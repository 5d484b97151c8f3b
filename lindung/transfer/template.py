"""The downloadable import template: the columns Lindung reads, with the checks a spreadsheet can make itself.

- NIK and KK are text columns (format ``@``) limited to 16 characters, so a spreadsheet never turns a NIK
  into 6,20317E+15;
- L/P, category and wage status are drop-down lists; the date column accepts real dates only;
- the village code is filled in for every row, and an instructions sheet explains every column.
"""

from __future__ import annotations

import datetime as dt
import io

from lindung.people.models import Category

from .columns import WORKER_COLUMNS
from .results import safe_workbook, write_text

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


def template_workbook(*, village_code: str = "", village_name: str = "") -> bytes:
    columns = {c.key: c for c in WORKER_COLUMNS}
    out = io.BytesIO()
    book = safe_workbook(out)
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#E6F0FA", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd-mm-yyyy"})

    sheet = book.add_worksheet("Data")
    lists = book.add_worksheet("Daftar")
    categories = [str(label) for _, label in Category.choices]
    write_text(lists, 0, 0, "Kategori")
    for i, label in enumerate(categories, start=1):
        write_text(lists, i, 0, label)
    lists.hide()

    heading = "DAFTAR PEKERJA RENTAN"
    if village_code:
        heading += f" DESA {village_name.upper()} ({village_code})".replace("  ", " ")
    write_text(sheet, 0, 0, heading, title)
    last = TEMPLATE_ROWS + 1
    for j, key in enumerate(TEMPLATE_FIELDS):
        col = columns[key]
        write_text(sheet, 1, j, col.label, head)
        width = (
            20
            if key in ("nik", "kk_number", "full_name", "address", "occupation_1", "occupation_2", "category")
            else 13
        )
        if key in ("nik", "kk_number", "kpj", "phone", "rt", "rw", "village_code"):
            sheet.set_column(j, j, width, text)
        elif key == "birth_date":
            sheet.set_column(j, j, width, date)
        else:
            sheet.set_column(j, j, width)
        if key in ("nik", "kk_number"):
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {
                    "validate": "length",
                    "criteria": "==",
                    "value": 16,
                    "error_title": col.label,
                    "error_message": f"{col.label} harus 16 digit, diketik sebagai teks.",
                },
            )
        elif key == "kpj":
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {
                    "validate": "length",
                    "criteria": "==",
                    "value": 11,
                    "error_message": "No. KPJ harus 11 digit.",
                },
            )
        elif key == "gender":
            sheet.data_validation(
                2, j, last, j, {"validate": "list", "source": ["L", "P"], "error_message": "Isi L atau P."}
            )
        elif key == "wage_status":
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {"validate": "list", "source": ["BPU", "PU"], "error_message": "Isi BPU atau PU."},
            )
        elif key == "category":
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {
                    "validate": "list",
                    "source": f"=Daftar!$A$2:$A${len(categories) + 1}",
                    "error_message": "Pilih kategori dari daftar.",
                },
            )
        elif key == "birth_date":
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(1900, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "error_message": "Isi tanggal, misalnya 17-08-1985.",
                },
            )
        elif key == "fixed_income":
            sheet.data_validation(
                2,
                j,
                last,
                j,
                {
                    "validate": "integer",
                    "criteria": ">=",
                    "value": 0,
                    "error_message": "Rupiah per bulan, angka saja.",
                },
            )
        if key == "village_code" and village_code:
            for i in range(2, last + 1):
                write_text(sheet, i, j, village_code)
    sheet.freeze_panes(2, 2)

    help_sheet = book.add_worksheet("Petunjuk")
    help_sheet.set_column(0, 0, 22)
    help_sheet.set_column(1, 1, 100)
    write_text(help_sheet, 0, 0, "Petunjuk pengisian", title)
    for i, (label, body) in enumerate(INSTRUCTIONS, start=2):
        write_text(help_sheet, i, 0, label, head)
        write_text(help_sheet, i, 1, body)
    book.close()
    return out.getvalue()
