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
