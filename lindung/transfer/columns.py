"""The columns an import understands, the header texts offices use for them, and how a header row is found.

A header is matched after ``header_key``: upper case, anything in brackets dropped, only letters and digits
kept. "No. KTP", "NO KTP" and "No KTP (16 digit)" all become ``NOKTP``. Matching is exact on that key, never
fuzzy: "Nama Ibu Kandung" must not become the worker's name. A header nobody listed is left unmapped and the
uploader maps it by hand; that choice is remembered for them (``ColumnMapping``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...]
    help: str = ""
    max_length: int | None = None


# Order = the order of the downloadable template.
WORKER_COLUMNS: tuple[Column, ...] = (
    Column("row_no", "No", ("NO", "NOURUT", "NOMOR", "NOMORURUT", "NOMER", "URUT")),
    Column(
        "nik",
        "NIK",
        (
            "NIK",
            "NOKTP",
            "NONIK",
            "NOMORNIK",
            "NOMORKTP",
            "NIKKTP",
            "KTP",
            "NOMORINDUKKEPENDUDUKAN",
            "NOINDUKKEPENDUDUKAN",
            "NIKPEKERJA",
            "NIKPESERTA",
            "NIKEKTP",
        ),
        "16 digit, diketik sebagai teks",
    ),
    Column(
        "full_name",
        "Nama Lengkap",
        (
            "NAMA",
            "NAMALENGKAP",
            "NAMAPEKERJA",
            "NAMAPESERTA",
            "NAMASESUAIKTP",
            "NAMATENAGAKERJA",
            "NAMAANGGOTA",
        ),
        "sesuai KTP",
        150,
    ),
    Column(
        "birth_place", "Tempat Lahir", ("TEMPATLAHIR", "TMPLAHIR", "TMPTLAHIR", "TPTLAHIR", "TEMPAT"), "", 80
    ),
    Column(
        "birth_date",
        "Tanggal Lahir",
        ("TGLLAHIR", "TANGGALLAHIR", "TGLLHR", "TANGGALLHR", "TGLLAHIRDDMMYYYY", "LAHIR"),
        "17-08-1985",
    ),
    Column(
        "birth_place_date",
        "Tempat, Tanggal Lahir",
        (
            "TTL",
            "TEMPATTANGGALLAHIR",
            "TEMPATTGLLAHIR",
            "TMPTGLLAHIR",
            "TEMPATTGLLHR",
            "TEMPATDANTANGGALLAHIR",
        ),
        "Kuala Kapuas, 17-08-1985",
    ),
    Column(
        "gender",
        "L/P",
        ("LP", "JK", "JENISKELAMIN", "KELAMIN", "SEX", "GENDER", "JNSKELAMIN", "JENISKEL", "JNSKEL"),
        "L atau P",
    ),
    Column(
        "village_code",
        "Kode Desa",
        ("KODEDESA", "KODEKELURAHAN", "KODEDESAKELURAHAN", "KDDESA", "KODEWILAYAH", "KODEWILAYAHDESA"),
        "62.03.17.2002",
    ),
    Column(
        "address",
        "Alamat",
        ("ALAMAT", "ALAMATLENGKAP", "ALAMATDOMISILI", "ALAMATRUMAH", "ALAMATTEMPATTINGGAL", "DOMISILI"),
        "",
        255,
    ),
    Column("rt", "RT", ("RT",)),
    Column("rw", "RW", ("RW",)),
    Column("rt_rw", "RT/RW", ("RTRW",), "003/001"),
    Column(
        "phone",
        "No. HP",
        (
            "HP",
            "NOHP",
            "NOMORHP",
            "NOTELP",
            "NOTLP",
            "TELP",
            "TELEPON",
            "NOTELEPON",
            "NOMORTELEPON",
            "NOWA",
            "WA",
            "WHATSAPP",
            "NOHPWA",
            "HANDPHONE",
            "NOMORHANDPHONE",
            "KONTAK",
        ),
        "0812…",
    ),
    Column("email", "Email", ("EMAIL", "SUREL", "ALAMATEMAIL", "EMAILPESERTA"), "", 254),
    Column(
        "occupation_1",
        "Pekerjaan 1",
        ("PEKERJAAN", "JENISPEKERJAAN", "PEKERJAAN1", "JENISPEKERJAAN1", "PEKERJAANUTAMA"),
        "",
        80,
    ),
    Column(
        "occupation_2",
        "Pekerjaan 2",
        ("PEKERJAAN2", "JENISPEKERJAAN2", "PEKERJAANSAMPINGAN", "PEKERJAANTAMBAHAN"),
        "boleh kosong",
        80,
    ),
    Column("occupation_3", "Pekerjaan 3", ("PEKERJAAN3", "JENISPEKERJAAN3"), "", 80),
    Column(
        "category",
        "Kategori",
        ("KATEGORI", "KATEGORIPEKERJA", "KELOMPOK", "KELOMPOKPEKERJA", "SASARAN", "KATEGORISASARAN"),
        "pilih dari daftar",
    ),
    Column(
        "wage_status",
        "Status Upah",
        ("STATUSUPAH", "SEGMEN", "BPUPU", "JENISKEPESERTAAN", "STATUSPEKERJA"),
        "BPU atau PU",
    ),
    Column(
        "fixed_income",
        "Penghasilan Tetap",
        (
            "PENGHASILAN",
            "PENGHASILANTETAP",
            "SILTAP",
            "GAJI",
            "UPAH",
            "PENGHASILANPERBULAN",
            "PENGHASILANBULANAN",
        ),
        "rupiah per bulan, untuk PU",
    ),
    Column("kk_number", "No. KK", ("NOKK", "NOMORKK", "KK", "NOKARTUKELUARGA", "NOMORKARTUKELUARGA")),
    Column("kpj", "No. KPJ", ("KPJ", "NOKPJ", "NOMORKPJ", "NOKEPESERTAAN", "NOMORKEPESERTAAN")),
)

# The reply from the insurer's branch to a collective registration.
REPLY_COLUMNS: tuple[Column, ...] = (
    Column("row_no", "No", ("NO", "NOURUT", "NOMOR")),
    Column("nik", "NIK", ("NIK", "NOKTP", "NONIK", "NOMORNIK", "NIKPESERTA", "NIKTK")),
    Column("full_name", "Nama", ("NAMA", "NAMALENGKAP", "NAMAPESERTA", "NAMATK", "NAMATENAGAKERJA")),
    Column("kpj", "No. KPJ", ("KPJ", "NOKPJ", "NOMORKPJ", "NOKEPESERTAAN", "NOMORKEPESERTAAN", "NOPESERTA")),
    Column(
        "start_date",
        "Tanggal Mulai Kepesertaan",
        (
            "TGLMULAI",
            "TANGGALMULAI",
            "TMT",
            "TGLKEPESERTAAN",
            "TANGGALKEPESERTAAN",
            "MULAIKEPESERTAAN",
            "TANGGALMULAIKEPESERTAAN",
            "TGLMULAIKEPESERTAAN",
            "TGLEFEKTIF",
            "TANGGALEFEKTIF",
            "TGLAKTIF",
        ),
        "17-08-2026",
    ),
    Column(
        "decision", "Status", ("STATUS", "KETERANGANSTATUS", "HASIL", "DITERIMADITOLAK", "STATUSPENDAFTARAN")
    ),
    Column(
        "reason", "Alasan Penolakan", ("ALASAN", "ALASANPENOLAKAN", "KETERANGAN", "CATATAN", "ALASANDITOLAK")
    ),
)

COLUMN_SETS = {"workers": WORKER_COLUMNS, "insurer_reply": REPLY_COLUMNS}
REQUIRED = {"workers": ("nik", "full_name"), "insurer_reply": ("nik",)}

_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def header_key(text: object) -> str:
    """``"No. KTP (16 digit)"`` → ``"NOKTP"``: the form headers are compared in."""
    if text is None:
        return ""
    return _NOT_ALNUM.sub("", _BRACKETS.sub("", str(text).upper()))


def columns_for(kind: str) -> dict[str, Column]:
    return {c.key: c for c in COLUMN_SETS[kind]}


def _synonyms(kind: str) -> dict[str, str]:
    return {syn: c.key for c in COLUMN_SETS[kind] for syn in c.synonyms}


def map_headers(
    headers: list[str], *, kind: str = "workers", remembered: dict[str, str] | None = None
) -> dict[int, str]:
    """Column index → field for the headers that a synonym or the uploader's remembered mapping names.

    A field is given to the first column that claims it; a second "NAMA" column stays unmapped rather than
    overwrite the first. ``remembered`` maps header keys to fields (or to ``""`` for "ignore this column").
    """
    known = _synonyms(kind) | (remembered or {})
    valid = columns_for(kind)
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = known.get(header_key(header), "")
        if field in valid and field not in mapping.values():
            mapping[index] = field
    return mapping


def find_header_row(
    rows: list[list[object]], *, kind: str = "workers", remembered: dict[str, str] | None = None
) -> int | None:
    """Index of the header row among the first rows of a sheet: the row naming the most known fields, with
    NIK among at least two of them, or three others (the uploader then maps NIK by hand). None otherwise."""
    best, best_score = None, 0
    required = REQUIRED[kind][0]
    for index, cells in enumerate(rows):
        mapped = set(
            map_headers(
                [str(c) if c is not None else "" for c in cells], kind=kind, remembered=remembered
            ).values()
        )
        score = len(mapped - {"row_no"})
        if (score >= 2 and required in mapped) or score >= 3:
            score += 100 if required in mapped else 0
            if score > best_score:
                best, best_score = index, score
    return best


def missing_required(mapping: dict[int, str], *, kind: str = "workers") -> list[str]:
    return [f for f in REQUIRED[kind] if f not in mapping.values()]
