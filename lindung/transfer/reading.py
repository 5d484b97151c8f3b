"""Opening an uploaded file safely and reading it as text cells, exactly as the office typed them.

- The format is decided by the bytes, not the file name: xlsx and ods are zip files with a known member,
  xls is an OLE2 container, csv is text. Anything else is refused with a message saying so.
- Zip members are checked before any parser sees them: too many entries, too large when unpacked, or packed
  too tightly (a zip bomb) are refused. calamine, which fastexcel wraps, reads the declared sizes and stops there.
- Formula cells are read as the value the spreadsheet last calculated; nothing is ever evaluated.
- Every cell is read as text. The NIK and KK columns are read a second time (in parallel) to learn which
  cells the spreadsheet stored as numbers: only that tells a mangled 6203171708850000 from a typed one.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl
from django.conf import settings

from .columns import find_header_row

FORMATS = ("xlsx", "xls", "ods", "csv")
PREVIEW_ROWS = 40
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_NOT_SPREADSHEETS = {
    b"%PDF": "PDF",
    b"\x89PNG": "gambar PNG",
    b"\xff\xd8\xff": "gambar JPEG",
    b"GIF8": "gambar GIF",
    b"MZ": "program Windows",
    b"\x7fELF": "program",
    b"{\\rtf": "dokumen RTF",
    b"Rar!": "arsip RAR",
    b"7z\xbc\xaf": "arsip 7z",
    b"\x1f\x8b": "arsip gzip",
}
# Unpacked xlsx XML is typically 5-20 times its packed size; a zip bomb is hundreds to millions of times.
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 5000
CSV_SEPARATORS = (";", ",", "\t", "|")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Python's csv module refuses a longer field; no column of a worker list is anywhere near it.
CSV_FIELD_LIMIT = 131_072
FIELD_TOO_LONG = (
    "CSV tidak dapat dibaca: baris {line} memuat isian lebih dari 131.072 karakter. Tidak ada kolom data "
    'pekerja sepanjang itu; periksa tanda petik (") yang tidak ditutup.'
)


class ImportRefused(Exception):
    """The file cannot be imported at all; nothing was written. The message is for the uploader."""


def max_unpacked_bytes() -> int:
    return max(20 * settings.MAX_UPLOAD_BYTES, 200 * 1024 * 1024)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def check_size(size: int) -> None:
    if size > settings.MAX_UPLOAD_BYTES:
        raise ImportRefused(
            f"Berkas terlalu besar: {_mb(size)} MB; paling besar {_mb(settings.MAX_UPLOAD_BYTES)} MB. "
            "Pecah menjadi beberapa berkas."
        )
    if size == 0:
        raise ImportRefused("Berkas kosong (0 byte).")


def _check_zip(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportRefused("Berkas rusak: isi zip-nya tidak dapat dibuka.") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ImportRefused(
            f"Berkas berisi {len(infos)} bagian; ini bukan spreadsheet biasa dan tidak dibaca."
        )
    total = sum(i.file_size for i in infos)
    if total > max_unpacked_bytes():
        raise ImportRefused(
            f"Isi berkas setelah dibuka {_mb(total)} MB, terlalu besar untuk dibaca dengan aman (zip bomb?)."
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ImportRefused(
                "Berkas dimampatkan secara tidak wajar (rasio "
                f"{info.file_size // max(info.compress_size, 1)}:1); ditolak sebagai kemungkinan zip bomb."
            )
    return [i.filename for i in infos]


def sniff_format(path: Path) -> str:
    """``xlsx``, ``xls``, ``ods`` or ``csv`` from the bytes; refuses what is not a spreadsheet or too big."""
    check_size(path.stat().st_size)
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head.startswith(b"PK\x03\x04"):
        names = _check_zip(path)
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "mimetype" in names:
            with zipfile.ZipFile(path) as archive:
                if archive.read("mimetype").strip() == _ODS_MIME:
                    return "ods"
        raise ImportRefused(
            "Berkas zip ini bukan spreadsheet (xlsx/ods); mungkin dokumen Word atau arsip lain."
        )
    if head.startswith(_OLE2):
        return "xls"
    for magic, what in _NOT_SPREADSHEETS.items():
        if head.startswith(magic):
            raise ImportRefused(f"Berkas ini {what}, bukan spreadsheet. Unggah .xlsx, .xls, .ods atau .csv.")
    if head.startswith(_UTF16_BOMS):
        return "csv"  # Excel's "Unicode text": tab-separated UTF-16 with a byte order mark
    if b"\x00" in head:
        raise ImportRefused("Berkas ini bukan spreadsheet atau teks CSV. Unggah .xlsx, .xls, .ods atau .csv.")
    return "csv"


@dataclass
class Preview:
    """The top of the sheet that was chosen, for finding the header row and showing the mapping page."""

    format: str
    sheet_name: str
    rows: list[list[str]]
    header_index: int | None
    first_row_number: int = 1  # the spreadsheet row (or CSV line) of rows[0]
    separator: str = ""
    encoding: str = "utf8"
    sheet_names: list[str] = field(default_factory=list)
    # The whole sheet as text, kept only when the caller reads the file right away (the CLI): calamine
    # parses a whole sheet even for 40 rows, so the preview's parse is reused instead of repeated.
    table: pl.DataFrame | None = None
    numbers: pl.DataFrame | None = None  # the same sheet read as booleans: which cells are number cells

    @property
    def headers(self) -> list[str]:
        return self.rows[self.header_index] if self.header_index is not None else []

    @property
    def header_row_number(self) -> int | None:
        return None if self.header_index is None else self.first_row_number + self.header_index

    def samples(self, n: int = 5) -> list[list[str]]:
        if self.header_index is None:
            return []
        body = [r for r in self.rows[self.header_index + 1 :] if any(c.strip() for c in r)]
        return body[:n]


def _cells(values: list[object]) -> list[str]:
    return ["" if v is None else str(v) for v in values]


def _excel_reader(path: Path):
    try:
        return fastexcel.read_excel(str(path))
    except Exception as exc:  # calamine raises its own types for every kind of damage
        raise ImportRefused(
            f"Spreadsheet tidak dapat dibuka: berkas rusak atau terkunci sandi ({type(exc).__name__})."
        ) from None


def _load(
    path: Path,
    sheet: str | int,
    *,
    dtypes="string",
    columns: list[int] | None = None,
    n_rows: int | None = None,
) -> pl.DataFrame:
    reader = _excel_reader(path)
    try:
        loaded = reader.load_sheet(
            sheet, header_row=None, skip_rows=0, dtypes=dtypes, use_columns=columns, n_rows=n_rows
        )
    except Exception as exc:
        raise ImportRefused(f'Lembar "{sheet}" tidak dapat dibaca ({type(exc).__name__}: {exc}).') from None
    frame = pl.DataFrame(loaded)
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)}) if columns is None else frame


def _preview_excel(
    path: Path,
    fmt: str,
    *,
    kind: str,
    remembered: dict[str, str] | None,
    sheet: str | None,
    keep: bool = False,
) -> Preview:
    reader = _excel_reader(path)
    names = list(reader.sheet_names)
    if not names:
        raise ImportRefused("Spreadsheet tidak memiliki lembar kerja.")
    candidates = [sheet] if sheet else names
    first: Preview | None = None
    for name in candidates:
        if name not in names:
            raise ImportRefused(f'Lembar "{name}" tidak ada; yang ada: {", ".join(names)}.')
        numbers = None
        if keep:
            # Both reads of the sheet at once, on both cores, instead of one now and one when it is imported.
            with ThreadPoolExecutor(max_workers=2) as pool:
                text_job = pool.submit(_load, path, name)
                number_job = pool.submit(_load, path, name, dtypes="boolean")
                frame, numbers = text_job.result(), number_job.result()
        else:
            frame = _load(path, name, n_rows=PREVIEW_ROWS)
        rows = [_cells(list(r)) for r in frame.head(PREVIEW_ROWS).iter_rows()]
        preview = Preview(
            fmt, name, rows, find_header_row(rows, kind=kind, remembered=remembered), sheet_names=names
        )
        if preview.header_index is not None:
            preview.table, preview.numbers = (frame, numbers) if keep else (None, None)
            return preview
        first = first or preview
    assert first is not None
    return first


def _decode_head(raw: bytes) -> tuple[str, str]:
    """The first bytes as text and the encoding to read the whole file with: UTF-16 when it starts with its
    byte order mark, else UTF-8, else Windows-1252."""
    if raw.startswith(_UTF16_BOMS):
        return codecs.getincrementaldecoder("utf-16")(errors="replace").decode(raw, final=False), "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        return decoder.decode(raw, final=False), "utf8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _preview_csv(path: Path, *, kind: str, remembered: dict[str, str] | None) -> Preview:
    with path.open("rb") as fh:
        text, encoding = _decode_head(fh.read(256 * 1024))
    # Split on "\n" only, as Polars counts the lines it skips; str.splitlines() also splits on \x85, \u2028 …
    lines = [line.rstrip("\r") for line in _lf_lines(text).split("\n")[:PREVIEW_ROWS]]
    best: Preview | None = None
    for sep in CSV_SEPARATORS:
        # Line by line, so that the row index is the line index Polars is told to skip.
        rows = [_csv_row(line, sep, number) for number, line in enumerate(lines[:PREVIEW_ROWS], start=1)]
        header = find_header_row(rows, kind=kind, remembered=remembered)
        candidate = Preview("csv", "", rows, header, separator=sep, encoding=encoding)
        if header is not None and (
            best is None or best.header_index is None or len(rows[header]) > len(best.headers)
        ):
            best = candidate
        best = best or candidate
    assert best is not None
    return best


def _lf_lines(text: str) -> str:
    """Old Mac (and some export tools') CR-only line ends as LF; CRLF and LF files are left as they are."""
    return text.replace("\r", "\n") if "\r" in text and "\n" not in text else text


def _csv_row(line: str, sep: str, number: int) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        if len(line) > CSV_FIELD_LIMIT:
            raise ImportRefused(FIELD_TOO_LONG.format(line=number)) from None
        raise ImportRefused(f"CSV tidak dapat dibaca: baris {number} rusak.") from None


def read_preview(
    path: Path,
    fmt: str,
    *,
    kind: str = "workers",
    remembered: dict[str, str] | None = None,
    sheet: str | None = None,
    keep: bool = False,
) -> Preview:
    if fmt == "csv":
        return _preview_csv(path, kind=kind, remembered=remembered)
    return _preview_excel(path, fmt, kind=kind, remembered=remembered, sheet=sheet, keep=keep)


def read_table(path: Path, preview: Preview, *, number_columns: list[int] = ()) -> pl.DataFrame:
    """The header row and every row below it, as text columns ``c0``…``cN`` plus ``_row`` (the spreadsheet
    row or CSV line number) and ``_num<i>`` (True where column ``i`` held a number cell)."""
    assert preview.header_index is not None
    start = preview.header_index
    if preview.format == "csv":
        frame = _read_csv(path, preview)
        frame = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).add(start + 1).alias("_row"))
        for i in number_columns:
            frame = frame.with_columns(pl.lit(False).alias(f"_num{i}"))
        return frame
    number_columns = [i for i in number_columns if i is not None]
    if preview.table is not None and preview.numbers is not None:
        frame = preview.table.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).add(1).alias("_row"))
        frame = frame.with_columns(
            [preview.numbers.get_column(f"c{i}").is_not_null().alias(f"_num{i}") for i in number_columns]
        )
        return frame.slice(start)
    with ThreadPoolExecutor(max_workers=2) as pool:
        text_job = (
            pool.submit(lambda: preview.table)
            if preview.table is not None
            else pool.submit(_load, path, preview.sheet_name)
        )
        number_job = (
            pool.submit(_load, path, preview.sheet_name, dtypes="boolean", columns=list(number_columns))
            if number_columns
            else None
        )
        frame = text_job.result()
        numbers = number_job.result() if number_job else None
    frame = frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).add(1).alias("_row"))
    if numbers is not None:
        # A number cell reads as a boolean; a text cell does not (calamine parses no text as boolean here
        # except "true"/"false", which are no NIK either).
        frame = frame.with_columns(
            [numbers.to_series(k).is_not_null().alias(f"_num{i}") for k, i in enumerate(number_columns)]
        )
    return frame.slice(start)


def _read_csv(path: Path, preview: Preview) -> pl.DataFrame:
    source: Path | bytes = path
    with path.open("rb") as fh:
        head = fh.read(256 * 1024)
    cr_only = b"\r" in head and b"\n" not in head and preview.encoding != "utf-16"
    if preview.encoding != "utf8" or cr_only:
        text = path.read_bytes().decode(preview.encoding, errors="replace")
        source = _lf_lines(text).encode("utf-8")
    try:
        frame = pl.read_csv(
            source,
            has_header=False,
            separator=preview.separator,
            skip_lines=preview.header_index or 0,
            infer_schema=False,
            truncate_ragged_lines=True,
            encoding="utf8",
            quote_char='"',
        )
    except pl.exceptions.ComputeError as exc:
        if "utf" not in str(exc).lower() or preview.encoding != "utf8":
            raise ImportRefused(f"CSV tidak dapat dibaca: {exc}") from None
        # The first 256 KB were UTF-8 but a later line is not: read the whole file as Windows-1252.
        preview.encoding = "cp1252"
        return _read_csv(path, preview)
    return frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
