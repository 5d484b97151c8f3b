"""Reading a payment statement (the insurer's rincian iuran, the regency's payment list): CSV, XLSX or ODS.

The file is opened as every upload is (``reading.sniff_format``: by its bytes, zip bombs refused), every cell
read as text, and the header row found by the names offices give the columns ("No KPJ", "Bulan Iuran",
"Periode", "Nominal", "No SP2D" …). The values are read by the billing service, which says per row and
column what it could not read.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import polars as pl

from lindung.accounts.access import access_require
from lindung.billing.models import Statement
from lindung.billing.services import STATEMENT_COLUMNS, statement_import

from .cells import parse_date, stripped
from .columns import header_key
from .reading import (
    CSV_SEPARATORS,
    PREVIEW_ROWS,
    ImportRefused,
    _decode_head,
    _load,
    check_size,
    sniff_format,
)
from .storage import upload_dir

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "kpj": ("KPJ", "NOKPJ", "NOMORKPJ", "NOPESERTA", "NOMORPESERTA", "NOMORKEPESERTAAN"),
    "nik": ("NIK", "NOKTP", "NIKKTP", "NOMORNIK", "NONIK", "NIKPESERTA"),
    "name": ("NAMA", "NAMAPESERTA", "NAMALENGKAP", "NAMATENAGAKERJA", "NAMAPEKERJA"),
    "month": ("BULANIURAN", "PERIODE", "PERIODEIURAN", "BULAN", "MASAIURAN", "BLNIURAN"),
    "amount_text": ("JUMLAH", "NOMINAL", "IURAN", "JUMLAHIURAN", "JUMLAHBAYAR", "NILAI", "NOMINALIURAN"),
    "paid_on_text": ("TANGGALBAYAR", "TGLBAYAR", "TANGGALPEMBAYARAN", "TGLPEMBAYARAN", "TANGGALSETOR"),
    "reference": ("REFERENSI", "NOSP2D", "NOMORSP2D", "SP2D", "NOREFERENSI", "NOREF", "NOMORREFERENSI"),
}
_FIELD_OF = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
FIELD_LABELS = {
    "kpj": "No KPJ",
    "nik": "NIK",
    "month": "Bulan Iuran",
    "amount_text": "Jumlah",
    "paid_on_text": "Tanggal Bayar",
}


def map_statement_headers(headers: list[str]) -> dict[str, int]:
    """Field → column index, for the first column each known header names."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = _FIELD_OF.get(header_key(header))
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def _usable(mapping: dict[str, int]) -> bool:
    return {"month", "amount_text"} <= mapping.keys() and bool({"kpj", "nik"} & mapping.keys())


def _read_raw(path: Path) -> pl.DataFrame:
    fmt = sniff_format(path)
    if fmt != "csv":
        return _load(path, 0)
    with path.open("rb") as fh:
        head, encoding = _decode_head(fh.read(64 * 1024))
    lines = head.split("\n")[:PREVIEW_ROWS]
    separator = max(CSV_SEPARATORS, key=lambda sep: max((ln.count(sep) for ln in lines), default=0))
    # Start at the widest of the first lines (the header): Polars takes the first line's width, and a
    # one-cell title line above the header would cut every row to one column.
    widths = [ln.count(separator) for ln in lines]
    skip = widths.index(max(widths))
    source: Path | bytes = path if encoding == "utf8" else path.read_bytes().decode(encoding).encode()
    try:
        frame = pl.read_csv(
            source,
            has_header=False,
            separator=separator,
            skip_lines=skip,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as exc:
        raise ImportRefused(f"CSV tidak dapat dibaca: {exc}") from None
    blank = pl.DataFrame({"c0": [""] * skip}, schema={"c0": pl.String})
    frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
    return pl.concat([blank, frame], how="diagonal")


def statement_frame(path: Path) -> pl.DataFrame:
    """The statement's rows below its header as ``STATEMENT_COLUMNS`` (text), row numbers as in the sheet."""
    raw = _read_raw(path)
    top = [["" if v is None else str(v) for v in row] for row in raw.head(PREVIEW_ROWS).iter_rows()]
    header, mapping = next(
        ((i, m) for i, r in enumerate(top) if _usable(m := map_statement_headers(r))), (None, {})
    )
    if header is None:
        raise ImportRefused(
            "Baris judul kolom tidak ditemukan: rincian harus memuat kolom No KPJ atau NIK, Bulan Iuran "
            "(atau Periode) dan Jumlah (atau Nominal/Iuran)."
        )
    body = raw.with_row_index("row_number", offset=1).slice(header + 1)
    columns = {
        field: stripped(pl.col(f"c{mapping[field]}")) if field in mapping else pl.lit("")
        for field in STATEMENT_COLUMNS
        if field != "row_number"
    }
    frame = body.select(pl.col("row_number").cast(pl.Int64), **columns)
    # Identifiers a spreadsheet stored as numbers come back as "62031701010001.0".
    frame = frame.with_columns(
        kpj=pl.col("kpj").str.replace(r"\.0+$", ""), nik=pl.col("nik").str.replace(r"\.0+$", "")
    )
    readable = parse_date(pl.col("paid_on_text"))
    frame = frame.with_columns(
        paid_on_text=pl.when(readable.is_not_null())
        .then(readable.dt.strftime("%Y-%m-%d"))
        .otherwise(pl.col("paid_on_text"))
    )
    empty = pl.all_horizontal([pl.col(c) == "" for c in STATEMENT_COLUMNS if c != "row_number"])
    return frame.filter(~empty).select(STATEMENT_COLUMNS)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def statement_upload(
    *, actor, programme, kind: str, path: Path, original_name: str = ""
) -> tuple[Statement, bool]:
    """Read a statement file and import it (``billing.services.statement_import``); the same file for the
    same programme and kind again returns the statement already imported."""
    path = Path(path)
    # Refuse before reading: a refused role or region should not make the server parse a big file.
    access_require(
        actor,
        "payment.record",
        region_code=programme.owner_region_id,
        object_type="programme",
        object_id=programme.pk,
        what="mengimpor rincian pembayaran",
    )
    return statement_import(
        actor=actor,
        programme=programme,
        kind=kind,
        frame=statement_frame(path),
        original_name=original_name or path.name,
        sha256=file_sha256(path),
    )


def statement_upload_file(
    *, actor, programme, kind: str, source, original_name: str
) -> tuple[Statement, bool]:
    """An uploaded file (a page's or the API's): stored in a temporary file, then ``statement_upload``."""
    check_size(source.size)
    suffix = Path(original_name).suffix[:10]
    with tempfile.NamedTemporaryFile(dir=upload_dir(), suffix=suffix) as handle:
        for chunk in source.chunks():
            handle.write(chunk)
        handle.flush()
        return statement_upload(
            actor=actor, programme=programme, kind=kind, path=Path(handle.name), original_name=original_name
        )
