"""The catalogue of findings: every check Lindung makes on a person's data, with its message and basis.

A finding is an *error* (the data cannot be saved as it is) or a *warning* (saved, but a verifier must look).
The scalar checks in ``checks.py``, the vectorised import checks and the programme eligibility checks all take
their wording from here, so the same problem reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: Severity
    field: str
    template: str
    basis: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    field: str
    message: str
    basis: str

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"severity": str(self.severity)}


_NIK_BASIS = "Struktur NIK: PP KK CC DDMMYY SSSS (Dukcapil; DOMAIN.md §8)"

KINDS: dict[str, FindingKind] = {
    k.code: k
    for k in [
        FindingKind("nik_required", Severity.ERROR, "nik", "NIK wajib diisi.", _NIK_BASIS),
        FindingKind(
            "nik_lost_digits",
            Severity.ERROR,
            "nik",
            'NIK "{value}" tersimpan sebagai angka di spreadsheet sehingga digitnya hilang (spreadsheet hanya '
            "menyimpan 15 digit). Ketik ulang NIK sebagai teks, misalnya diawali tanda petik ('). "
            "Lindung tidak menebak digit yang hilang.",
            "Spreadsheet menyimpan angka dengan presisi 15 digit; NIK 16 digit",
        ),
        FindingKind(
            "nik_not_digits",
            Severity.ERROR,
            "nik",
            'NIK hanya boleh berisi angka; ditemukan "{chars}".',
            _NIK_BASIS,
        ),
        FindingKind(
            "nik_length",
            Severity.ERROR,
            "nik",
            "NIK harus 16 digit; yang diisi {length} digit.",
            _NIK_BASIS,
        ),
        FindingKind(
            "nik_region_unknown",
            Severity.ERROR,
            "nik",
            "Kode wilayah di awal NIK ({code}) tidak ada dalam data wilayah Kemendagri.",
            "Enam digit pertama NIK = kode provinsi, kabupaten/kota, kecamatan (Kepmendagri kode wilayah)",
        ),
        FindingKind(
            "nik_birth_date_invalid",
            Severity.ERROR,
            "nik",
            "Digit tanggal lahir di NIK ({ddmmyy}) bukan tanggal yang ada. Tanggal 01–31 untuk laki-laki, "
            "41–71 untuk perempuan (tanggal + 40).",
            _NIK_BASIS,
        ),
        FindingKind(
            "nik_serial_zero",
            Severity.ERROR,
            "nik",
            "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.",
            _NIK_BASIS,
        ),
        FindingKind(
            "birth_date_mismatch",
            Severity.WARNING,
            "birth_date",
            "Tanggal lahir {given} tidak sama dengan tanggal lahir menurut NIK ({from_nik}). "
            "Periksa mana yang salah ketik.",
            _NIK_BASIS,
        ),
        FindingKind(
            "gender_mismatch",
            Severity.WARNING,
            "gender",
            "Jenis kelamin {given} tidak sama dengan jenis kelamin menurut NIK ({from_nik}). "
            "Periksa mana yang salah ketik.",
            "Tanggal lahir perempuan di NIK ditambah 40 (Dukcapil)",
        ),
        FindingKind(
            "birth_date_required",
            Severity.ERROR,
            "birth_date",
            "Tanggal lahir wajib diisi dan tidak dapat dibaca dari NIK.",
            "Batas umur peserta",
        ),
        FindingKind(
            "gender_required",
            Severity.ERROR,
            "gender",
            "Jenis kelamin wajib diisi (L atau P) dan tidak dapat dibaca dari NIK.",
            "Formulir pendaftaran BPU",
        ),
        FindingKind(
            "domicile_outside_nik_regency",
            Severity.WARNING,
            "village",
            "Desa domisili ({village}) berada di luar kabupaten/kota penerbit NIK ({nik_regency}). "
            "Wajar bila pindah domisili; mohon dicek.",
            "Kode wilayah NIK = tempat pertama kali terdaftar, bukan domisili",
        ),
        FindingKind(
            "village_required", Severity.ERROR, "village", "Desa/kelurahan domisili wajib diisi.", ""
        ),
        FindingKind(
            "village_unknown",
            Severity.ERROR,
            "village",
            'Kode desa/kelurahan domisili "{code}" tidak ditemukan, atau bukan kode desa/kelurahan '
            "(format 62.03.17.2002).",
            "Kode wilayah Kemendagri tingkat desa/kelurahan",
        ),
        FindingKind(
            "kk_malformed",
            Severity.ERROR,
            "kk_number",
            'Nomor KK harus 16 digit angka; yang diisi "{value}".',
            "Nomor KK: kode wilayah 6 digit + tanggal 6 digit + nomor urut 4 digit",
        ),
        FindingKind(
            "kpj_malformed",
            Severity.ERROR,
            "kpj",
            'Nomor KPJ harus 11 digit angka; yang diisi "{value}".',
            "Nomor kepesertaan BPJS Ketenagakerjaan (KPJ) 11 digit",
        ),
        FindingKind(
            "phone_invalid",
            Severity.WARNING,
            "phone",
            'Nomor HP "{value}" tidak dikenali sebagai nomor Indonesia.',
            "Penomoran telepon Indonesia",
        ),
        FindingKind("name_required", Severity.ERROR, "full_name", "Nama lengkap wajib diisi.", ""),
        FindingKind(
            "occupation_required", Severity.ERROR, "occupation_1", "Jenis pekerjaan wajib diisi.", ""
        ),
        FindingKind(
            "occupation_too_many",
            Severity.ERROR,
            "occupation_2",
            "Paling banyak 2 jenis pekerjaan; yang diisi {count}.",
            "PP 44/2015 Pasal 11 ayat (2)",
        ),
        FindingKind(
            "category_unknown",
            Severity.ERROR,
            "category",
            'Kategori "{value}" tidak dikenal.',
            "Daftar kategori pekerja ekosistem desa",
        ),
        FindingKind(
            "age_below_min",
            Severity.ERROR,
            "birth_date",
            "Umur {age} tahun pada {on} di bawah batas minimal {limit} tahun.",
            "{basis}",
        ),
        FindingKind(
            "age_above_max",
            Severity.ERROR,
            "birth_date",
            "Umur {age} tahun pada {on} melewati batas maksimal {limit} tahun.",
            "{basis}",
        ),
        FindingKind(
            "already_has_kpj",
            Severity.WARNING,
            "kpj",
            "Sudah memiliki nomor KPJ {value}; pastikan belum terdaftar aktif sebelum didanai.",
            "Pekerja yang sudah terlindungi tidak didanai ganda",
        ),
        # Programme eligibility (lindung.enrolment.eligibility). Errors refuse the proposal.
        FindingKind(
            "programme_inactive",
            Severity.ERROR,
            "programme",
            "Program {programme} tidak menerima usulan: {why}.",
            "Masa program ({basis})",
        ),
        FindingKind(
            "already_in_programme",
            Severity.ERROR,
            "programme",
            "Sudah tercatat di program {programme} dengan status {status}.",
            "Satu orang satu kepesertaan per program",
        ),
        FindingKind(
            "outside_coverage",
            Severity.ERROR,
            "village",
            "Desa domisili {village} berada di luar wilayah cakupan program {programme} ({coverage}).",
            "Wilayah cakupan program ({basis})",
        ),
        FindingKind(
            "category_not_eligible",
            Severity.ERROR,
            "category",
            'Kategori "{category}" bukan sasaran program {programme}; yang berhak: {allowed}.',
            "Sasaran program ({basis})",
        ),
        FindingKind(
            "wage_earner_in_bpu",
            Severity.ERROR,
            "wage_status",
            "Berstatus penerima upah (PU); program {programme} hanya untuk pekerja bukan penerima upah (BPU).",
            "PP 44/2015 Pasal 5 ayat (3) jo. PP 49/2023 (segmen BPU); ⚠ kepesertaan PU+BPU sekaligus belum "
            "dikonfirmasi, program daerah mengecualikan pekerja penerima upah",
        ),
        FindingKind(
            "fixed_income_required",
            Severity.ERROR,
            "fixed_income",
            "Program {programme} (PU) menghitung iuran dari penghasilan tetap; penghasilan tetap (siltap) "
            "belum diisi.",
            "Iuran PU = persen × penghasilan tetap (DOMAIN.md §11)",
        ),
        FindingKind(
            "double_funding",
            Severity.ERROR,
            "programme",
            'Sudah {status} di program "{other}" ({other_code}, {other_period}) yang bulannya bertumpuk '
            "dengan program {programme} ({period}). Satu bulan iuran tidak boleh dibiayai dua program.",
            "Larangan pendanaan ganda (satu bulan iuran dibayar satu kali)",
        ),
        FindingKind(
            "village_quota_full",
            Severity.ERROR,
            "village",
            "Kuota desa {village} di program {programme} sudah penuh: {used} dari {quota} orang.",
            "Kuota per desa ({basis})",
        ),
        FindingKind(
            "total_quota_full",
            Severity.ERROR,
            "programme",
            "Kuota total program {programme} sudah penuh: {used} dari {quota} orang.",
            "Kuota program ({basis})",
        ),
        FindingKind(
            "budget_ceiling_exceeded",
            Severity.ERROR,
            "programme",
            "Pagu program {programme} {ceiling} terlampaui: iuran yang sudah terikat {committed} ditambah "
            "{cost} untuk orang ini menjadi {after}.",
            "Pagu anggaran program ({basis})",
        ),
    ]
}

DEFAULT_AGE_BASIS = (
    "Batas umur bawaan Lindung 18–65 tahun (⚠ belum ada ketentuan nasional; diatur per program)"
)


def finding(code: str, /, **values: Any) -> Finding:
    kind = KINDS[code]
    return Finding(
        code=kind.code,
        severity=kind.severity,
        field=kind.field,
        message=kind.template.format(**values),
        basis=kind.basis.format(**values) if "{" in kind.basis else kind.basis,
    )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.blocks for f in findings)


# Spreadsheet import (lindung.transfer): problems that only a file can have, and checks against the rest of the
# file and the registry. Added here so that every Indonesian message stays in one catalogue.
_IMPORT_BASIS = "Impor spreadsheet Lindung"
KINDS.update(
    {
        k.code: k
        for k in [
            FindingKind(
                "birth_date_unreadable",
                Severity.ERROR,
                "birth_date",
                'Tanggal lahir "{value}" tidak dapat dibaca. Tulis seperti 17-08-1985, 17/08/1985 atau '
                "17 Agustus 1985 (tahun 4 digit).",
                _IMPORT_BASIS,
            ),
            FindingKind(
                "gender_unreadable",
                Severity.ERROR,
                "gender",
                'Jenis kelamin "{value}" tidak dikenal; isi L (laki-laki) atau P (perempuan).',
                "Formulir pendaftaran BPU",
            ),
            FindingKind(
                "wage_status_unknown",
                Severity.ERROR,
                "wage_status",
                'Status upah "{value}" tidak dikenal; isi BPU (bukan penerima upah) atau PU (penerima upah).',
                "PP 44/2015 Pasal 5 (segmen peserta)",
            ),
            FindingKind(
                "income_unreadable",
                Severity.ERROR,
                "fixed_income",
                'Penghasilan "{value}" bukan jumlah rupiah; tulis angka saja, misalnya 2000000.',
                _IMPORT_BASIS,
            ),
            FindingKind(
                "rt_rw_unreadable",
                Severity.ERROR,
                "rt_rw",
                'RT/RW "{value}" tidak dapat dibaca; tulis angka, misalnya 003 dan 001 atau 003/001.',
                _IMPORT_BASIS,
            ),
            FindingKind(
                "text_too_long",
                Severity.ERROR,
                "",
                "Isian terlalu panjang: {length} karakter, paling banyak {limit}.",
                _IMPORT_BASIS,
            ),
            FindingKind(
                "email_invalid",
                Severity.WARNING,
                "email",
                'Email "{value}" tidak valid dan tidak disimpan.',
                _IMPORT_BASIS,
            ),
            FindingKind(
                "duplicate_in_file",
                Severity.ERROR,
                "nik",
                "NIK yang sama sudah ada di baris {first_row} berkas ini; baris ini tidak diimpor.",
                "Satu NIK satu orang",
            ),
            FindingKind(
                "possible_duplicate_in_file",
                Severity.WARNING,
                "full_name",
                "Nama dan tanggal lahir sama dengan baris {other_row} berkas ini, tetapi NIK berbeda. "
                "Mungkin orang yang sama; periksa NIK.",
                "Satu NIK satu orang",
            ),
            FindingKind(
                "possible_duplicate_in_registry",
                Severity.WARNING,
                "full_name",
                "Nama dan tanggal lahir sama dengan pekerja terdaftar NIK {other_nik} di desa {village}, tetapi "
                "NIK berbeda. Mungkin orang yang sama; periksa NIK.",
                "Satu NIK satu orang",
            ),
            FindingKind(
                "registered_outside_scope",
                Severity.ERROR,
                "nik",
                "NIK ini sudah terdaftar di desa {village}, di luar wilayah akun Anda; perubahan datanya "
                "dilakukan oleh petugas wilayah itu.",
                "Pembatasan akses per wilayah (UU PDP 27/2022)",
            ),
            FindingKind(
                "village_outside_scope",
                Severity.ERROR,
                "village",
                "Desa {village} berada di luar wilayah akun Anda ({scope}).",
                "Pembatasan akses per wilayah (UU PDP 27/2022)",
            ),
            FindingKind(
                "moved_village",
                Severity.WARNING,
                "village",
                "Sebelumnya terdaftar di desa {old}; domisili diubah menjadi desa {new}.",
                "Perubahan data dilaporkan paling lambat 7 hari kerja (PP 44/2015 Pasal 13)",
            ),
        ]
    }
)

# The insurer's reply to a collective registration (lindung.transfer.insurer).
KINDS.update(
    {
        k.code: k
        for k in [
            FindingKind(
                "reply_unmatched",
                Severity.ERROR,
                "nik",
                "NIK ini tidak ada di antara peserta program {programme} yang dikirim ke BPJS; baris tidak diproses.",
                "Balasan BPJS dicocokkan dengan berkas pendaftaran kolektif",
            ),
            FindingKind(
                "reply_status_conflict",
                Severity.ERROR,
                "decision",
                "Kepesertaan berstatus {status}; balasan ini tidak dapat diterapkan: {why}",
                "Alur kepesertaan Lindung",
            ),
            FindingKind(
                "reply_decision_unknown",
                Severity.ERROR,
                "decision",
                'Status balasan "{value}" tidak dikenal; isi DITERIMA atau DITOLAK.',
                "Balasan BPJS",
            ),
            FindingKind(
                "reply_kpj_required",
                Severity.ERROR,
                "kpj",
                "Diterima BPJS tetapi nomor KPJ kosong; kepesertaan aktif hanya dengan KPJ.",
                "PP 44/2015 Pasal 11 ayat (4): kepesertaan mulai saat nomor kepesertaan terbit",
            ),
            FindingKind(
                "reply_start_date_unreadable",
                Severity.ERROR,
                "start_date",
                'Tanggal mulai kepesertaan "{value}" tidak dapat dibaca. Tulis seperti 01-02-2026.',
                "Balasan BPJS",
            ),
            FindingKind(
                "reply_name_differs",
                Severity.WARNING,
                "full_name",
                'Nama di balasan BPJS "{given}" berbeda dengan nama terdaftar "{registered}"; mohon dicek.',
                "Balasan BPJS",
            ),
        ]
    }
)
