"""Findings only a file can have: a spreadsheet import's rows, and the insurer's reply to a registration.

They live in the people catalogue so that every Indonesian message stays in one place.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from .kinds import FindingKind, Severity

# Spreadsheet import (lindung.transfer): problems that only a file can have, and checks against the rest of the
# file and the registry. Added here so that every Indonesian message stays in one catalogue.
_IMPORT_BASIS = "Impor spreadsheet Lindung"
IMPORT: list[FindingKind] = [
    FindingKind(
        "birth_date_unreadable",
        Severity.ERROR,
        "birth_date",
        _(
            'Tanggal lahir "{value}" tidak dapat dibaca. Tulis seperti 17-08-1985, 17/08/1985 atau '
            "17 Agustus 1985 (tahun 4 digit)."
        ),
        _IMPORT_BASIS,
    ),
    FindingKind(
        "gender_unreadable",
        Severity.ERROR,
        "gender",
        _('Jenis kelamin "{value}" tidak dikenal; isi L (laki-laki) atau P (perempuan).'),
        "Formulir pendaftaran BPU",
    ),
    FindingKind(
        "wage_status_unknown",
        Severity.ERROR,
        "wage_status",
        _('Status upah "{value}" tidak dikenal; isi BPU (bukan penerima upah) atau PU (penerima upah).'),
        "PP 44/2015 Pasal 5 (segmen peserta)",
    ),
    FindingKind(
        "income_unreadable",
        Severity.ERROR,
        "fixed_income",
        _('Penghasilan "{value}" bukan jumlah rupiah; tulis angka saja, misalnya 2000000.'),
        _IMPORT_BASIS,
    ),
    FindingKind(
        "rt_rw_unreadable",
        Severity.ERROR,
        "rt_rw",
        _('RT/RW "{value}" tidak dapat dibaca; tulis angka, misalnya 003 dan 001 atau 003/001.'),
        _IMPORT_BASIS,
    ),
    FindingKind(
        "text_too_long",
        Severity.ERROR,
        "",
        _("Isian terlalu panjang: {length} karakter, paling banyak {limit}."),
        _IMPORT_BASIS,
    ),
    FindingKind(
        "email_invalid",
        Severity.WARNING,
        "email",
        _('Email "{value}" tidak valid dan tidak disimpan.'),
        _IMPORT_BASIS,
    ),
    FindingKind(
        "duplicate_in_file",
        Severity.ERROR,
        "nik",
        _("NIK yang sama sudah ada di baris {first_row} berkas ini; baris ini tidak diimpor."),
        "Satu NIK satu orang",
    ),
    FindingKind(
        "possible_duplicate_in_file",
        Severity.WARNING,
        "full_name",
        _(
            "Nama dan tanggal lahir sama dengan baris {other_row} berkas ini, tetapi NIK berbeda. "
            "Mungkin orang yang sama; periksa NIK."
        ),
        "Satu NIK satu orang",
    ),
    FindingKind(
        "possible_duplicate_in_registry",
        Severity.WARNING,
        "full_name",
        _(
            "Nama dan tanggal lahir sama dengan pekerja terdaftar NIK {other_nik} di desa {village}, tetapi "
            "NIK berbeda. Mungkin orang yang sama; periksa NIK."
        ),
        "Satu NIK satu orang",
    ),
    FindingKind(
        "probable_duplicate_in_file",
        Severity.WARNING,
        "full_name",
        _(
            "Kemungkinan data ganda dengan baris {other_row} berkas ini ({other_name}): nama sama setelah "
            "gelar, singkatan dan ejaan lama diseragamkan (kemiripan tulisan {score} dari 100) dan tanggal "
            "lahir sama atau hari dan bulannya tertukar, tetapi NIK berbeda. Periksa NIK."
        ),
        "Satu NIK satu orang",
    ),
    FindingKind(
        "probable_duplicate_in_registry",
        Severity.WARNING,
        "full_name",
        _(
            "Kemungkinan data ganda dengan pekerja terdaftar {other_name} (NIK {other_nik}, desa {village}): "
            "nama sama setelah gelar, singkatan dan ejaan lama diseragamkan (kemiripan tulisan {score} dari "
            "100) dan tanggal lahir sama atau hari dan bulannya tertukar, tetapi NIK berbeda. Periksa NIK."
        ),
        "Satu NIK satu orang",
    ),
    FindingKind(
        "registered_outside_scope",
        Severity.ERROR,
        "nik",
        _("NIK ini sudah terdaftar di luar wilayah Anda; verifikator dinas dapat menyelesaikannya."),
        "Pembatasan akses per wilayah (UU PDP 27/2022)",
    ),
    FindingKind(
        "village_outside_scope",
        Severity.ERROR,
        "village",
        _("Desa {village} berada di luar wilayah akun Anda ({scope})."),
        "Pembatasan akses per wilayah (UU PDP 27/2022)",
    ),
    FindingKind(
        "moved_village",
        Severity.WARNING,
        "village",
        _("Sebelumnya terdaftar di desa {old}; domisili diubah menjadi desa {new}."),
        "Perubahan data dilaporkan paling lambat 7 hari kerja (PP 44/2015 Pasal 13)",
    ),
]

# The insurer's reply to a collective registration (lindung.transfer.insurer).
INSURER_REPLY: list[FindingKind] = [
    FindingKind(
        "reply_unmatched",
        Severity.ERROR,
        "nik",
        _(
            "NIK ini tidak ada di antara peserta program {programme} yang dikirim ke BPJS; baris tidak diproses."
        ),
        "Balasan BPJS dicocokkan dengan berkas pendaftaran kolektif",
    ),
    FindingKind(
        "reply_status_conflict",
        Severity.ERROR,
        "decision",
        _("Kepesertaan berstatus {status}; balasan ini tidak dapat diterapkan: {why}"),
        "Alur kepesertaan Lindung",
    ),
    FindingKind(
        "reply_decision_unknown",
        Severity.ERROR,
        "decision",
        _('Status balasan "{value}" tidak dikenal; isi DITERIMA atau DITOLAK.'),
        "Balasan BPJS",
    ),
    FindingKind(
        "reply_kpj_required",
        Severity.ERROR,
        "kpj",
        _("Diterima BPJS tetapi nomor KPJ kosong; kepesertaan aktif hanya dengan KPJ."),
        "PP 44/2015 Pasal 11 ayat (4): kepesertaan mulai saat nomor kepesertaan terbit",
    ),
    FindingKind(
        "reply_start_date_unreadable",
        Severity.ERROR,
        "start_date",
        _('Tanggal mulai kepesertaan "{value}" tidak dapat dibaca. Tulis seperti 01-02-2026.'),
        "Balasan BPJS",
    ),
    FindingKind(
        "reply_name_differs",
        Severity.WARNING,
        "full_name",
        _('Nama di balasan BPJS "{given}" berbeda dengan nama terdaftar "{registered}"; mohon dicek.'),
        "Balasan BPJS",
    ),
]
