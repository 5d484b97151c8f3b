"""Reading a social-registry extract (DTSEN, DTKS, P3KE) as an agency receives it: XLSX, ODS, XLS or CSV.

The file is opened as every upload is (``reading.sniff_format``: by its bytes, zip bombs refused), every cell
read as text, and the header row found by the names the extracts give their columns ("NIK", "NAMA", "NO KK",
"DESIL", "ALAMAT", "KODE DESA", "TGL LAHIR"). NIK, Nama and Desil are required; a file without one of them
is refused, naming it, and the other missing columns are kept on the edition. A NIK the spreadsheet stored
as a number is marked when its last digits are gone. The rows are judged by ``registry.services``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.registry.rows import EXTRACT_COLUMNS, FIELD_LABELS
from lindung.registry.services import EditionImport, registry_edition_import

from .cells import parse_date, stripped
from .columns import header_key
from .reading import PREVIEW_ROWS, ImportRefused, _load, check_size, sniff_format
from .statements import _read_raw, file_sha256
from .storage import upload_dir

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("NIK", "NOKTP", "NIKKTP", "NOMORNIK", "NONIK", "NIKART", "NOMORINDUKKEPENDUDUKAN"),
    "full_name": ("NAMA", "NAMALENGKAP", "NAMAART", "NAMAANGGOTAKELUARGA", "NAMAPENERIMA", "NAMAKRT"),
    "kk_number": ("NOKK", "NOMORKK", "KK", "NIKKK", "NOMORKARTUKELUARGA"),
    "decile_text": ("DESIL", "DESILNASIONAL", "PERINGKATDESIL", "KELOMPOKDESIL", "DESILKESEJAHTERAAN"),
    "address": ("ALAMAT", "ALAMATLENGKAP", "ALAMATDOMISILI"),
    "village_code": ("KODEDESA", "KDDESA", "KODEWILAYAH", "KODEDESAKELURAHAN", "KODEKEMENDAGRI", "IDDESA"),
    "birth_date_text": ("TANGGALLAHIR", "TGLLAHIR", "TANGGALLAHIRART"),
}
REQUIRED = ("nik", "full_name", "decile_text")
_FIELD_OF = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_LABEL = FIELD_LABELS | {"decile_text": "Desil", "birth_date_text": "Tanggal Lahir"}


def map_headers(headers: list[str]) -> dict[str, int]:
    """Field → column index, for the first column each known header names."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = _FIELD_OF.get(header_key(header))
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def _header(raw: pl.DataFrame) -> tuple[int, dict[str, int]]:
    top = [["" if v is None else str(v) for v in row] for row in raw.head(PREVIEW_ROWS).iter_rows()]
    best: int | None = None
    best_mapping: dict[str, int] = {}
    for index, row in enumerate(top):
        mapping = map_headers(row)
        if len(set(mapping) & set(REQUIRED)) > len(set(best_mapping) & set(REQUIRED)):
            best, best_mapping = index, mapping
    if best is None or not set(REQUIRED) <= best_mapping.keys():
        missing = ", ".join(_LABEL[f] for f in REQUIRED if f not in best_mapping)
        raise ImportRefused(
            _(
                "Kolom wajib tidak ditemukan: %(missing)s. Ekstrak registri harus memuat kolom NIK, Nama dan Desil."
            )
            % {"missing": missing}
        )
    return best, best_mapping


def _nik_lost(nik: pl.Expr, was_number: pl.Expr) -> pl.Expr:
    """Spreadsheets keep 15 significant digits: a 16-digit NIK typed into a number cell ends in 0 there and
    is written "6.20317E+15" in a CSV. Such a NIK cannot be recovered."""
    scientific = nik.str.contains(r"^[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+$")
    digits = nik.str.replace(r"[.,]0+$", "")
    tail_zero = (digits.str.len_chars() >= 16) & digits.str.slice(15).str.contains(r"^0*$")
    return scientific | ((was_number | nik.str.contains(r"[.,]0+$")) & tail_zero)


def extract_frame(path: Path) -> tuple[pl.DataFrame, list[str]]:
    """The extract's rows as ``registry.rows.EXTRACT_COLUMNS`` and the optional columns it lacks."""
    fmt = sniff_format(path)
    raw = _read_raw(path)
    header, mapping = _header(raw)
    body = raw.with_row_index("row_number", offset=1).slice(header + 1)
    text = {f: stripped(pl.col(f"c{mapping[f]}")) if f in mapping else pl.lit("") for f in HEADER_ALIASES}
    frame = body.select(pl.col("row_number").cast(pl.Int64), **text)
    was_number = pl.lit(False)
    if fmt != "csv":
        numbers = _load(path, 0, dtypes="boolean", columns=[mapping["nik"]]).to_series(0).is_not_null()
        frame = frame.with_columns(numbers.slice(header + 1).alias("_nik_number"))
        was_number = pl.col("_nik_number")
    empty = pl.all_horizontal([pl.col(f) == "" for f in HEADER_ALIASES])
    frame = frame.filter(~empty).with_columns(
        nik_lost=_nik_lost(pl.col("nik"), was_number),
        nik=pl.when(_nik_lost(pl.col("nik"), was_number))
        .then(pl.col("nik"))
        .otherwise(pl.col("nik").str.replace(r"[.,]0+$", "").str.replace_all(r"[\s.\-]", "")),
        kk_number=pl.col("kk_number").str.replace(r"[.,]0+$", ""),
        village_code=pl.col("village_code").str.replace(r"^(\d{2})(\d{2})(\d{2})(\d{4})$", "$1.$2.$3.$4"),
        birth_date=parse_date(pl.col("birth_date_text")),
    )
    missing = [_LABEL[f] for f in HEADER_ALIASES if f not in mapping]
    return frame.select(EXTRACT_COLUMNS), missing


def registry_extract_import(
    *,
    actor,
    path: Path,
    kind: str,
    edition_date: dt.date,
    region_code: str,
    vulnerable_max_decile: int = 4,
    original_name: str = "",
) -> EditionImport:
    """Read an extract file and import it as one edition (``registry.services.registry_edition_import``)."""
    path = Path(path)
    # Refuse before reading: a refused role or region should not make the server parse a big file.
    access_require(
        actor,
        "registry.import",
        region_code=region_code,
        object_type="registry_edition",
        what="mengimpor ekstrak registri sosial",
    )
    frame, missing = extract_frame(path)
    return registry_edition_import(
        actor=actor,
        kind=kind,
        edition_date=edition_date,
        region_code=region_code,
        frame=frame,
        sha256=file_sha256(path),
        original_name=original_name or path.name,
        missing_columns=missing,
        vulnerable_max_decile=vulnerable_max_decile,
    )


def registry_extract_upload(*, actor, source, original_name: str, **kwargs) -> EditionImport:
    """An uploaded file (a page's or the API's): stored in a temporary file, then ``registry_extract_import``."""
    check_size(source.size)
    suffix = Path(original_name).suffix[:10]
    with tempfile.NamedTemporaryFile(dir=upload_dir(), suffix=suffix) as handle:
        for chunk in source.chunks():
            handle.write(chunk)
        handle.flush()
        return registry_extract_import(
            actor=actor, path=Path(handle.name), original_name=original_name, **kwargs
        )
