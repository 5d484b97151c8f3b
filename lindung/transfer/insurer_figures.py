"""The insurer's participant counts per region and month (UCJ's numerator) in: an XLSX, XLS, ODS or CSV file.

BPJS Ketenagakerjaan reports, per region and month, its active participants by segment (PU, BPU, jasa
konstruksi) and sometimes the working population it measured them against (DOMAIN.md §5). The file is read
with the import pipeline's reader (``reading``); the header row is found by the column names below.

Nothing is lost: every row is stored, or refused with a reason naming its row and field; blank rows are
counted as skipped. The same file twice changes nothing (``regions.services.insurer_counts_store`` writes
only what differs). Cells are validated as whole columns (Polars); the writes are bulk.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.months import month_of
from lindung.regions.codes import SEPARATOR
from lindung.regions.models import Region
from lindung.regions.services import InsurerCountRow, InsurerCountsReport, insurer_counts_store

from .columns import Column, header_key
from .insurer_figures_cells import count_value, period_value
from .reading import (
    CSV_SEPARATORS,
    PREVIEW_ROWS,
    ImportRefused,
    Preview,
    check_size,
    read_preview,
    read_table,
    sniff_format,
)
from .region_columns import within

FIGURE_COLUMNS: tuple[Column, ...] = (
    Column(
        "region",
        "Kode Wilayah",
        (
            "KODEWILAYAH",
            "KODE",
            "KODEKEMENDAGRI",
            "KODEDAERAH",
            "KODEKABKOTA",
            "KODEKABUPATEN",
            "KODEPROVINSI",
        ),
        "kode Kemendagri, mis. 61 atau 62.03",
    ),
    Column("name", "Nama Wilayah", ("NAMAWILAYAH", "WILAYAH", "KABUPATENKOTA", "PROVINSI", "DAERAH")),
    Column("period", "Bulan", ("BULAN", "PERIODE", "BULANLAPORAN", "PERIODELAPORAN", "POSISI"), "2024-10"),
    Column("pu", "Peserta Aktif PU", ("PU", "PESERTAPU", "AKTIFPU", "PESERTAAKTIFPU", "PENERIMAUPAH")),
    Column(
        "bpu", "Peserta Aktif BPU", ("BPU", "PESERTABPU", "AKTIFBPU", "PESERTAAKTIFBPU", "BUKANPENERIMAUPAH")
    ),
    Column(
        "jakon",
        "Peserta Aktif Jakon",
        ("JAKON", "JASAKONSTRUKSI", "PESERTAJAKON", "AKTIFJAKON", "PESERTAAKTIFJAKON"),
    ),
    Column(
        "total",
        "Jumlah Peserta Aktif",
        ("JUMLAH", "TOTAL", "TOTALAKTIF", "JUMLAHPESERTAAKTIF", "PESERTAAKTIF"),
    ),
    Column(
        "working_population",
        "Penduduk Bekerja",
        ("PENDUDUKBEKERJA", "JUMLAHPENDUDUKBEKERJA", "ANGKATANKERJA", "POTENSIPEKERJA", "TENAGAKERJA"),
        "bila laporan menyebutnya",
    ),
)
REQUIRED = ("region", "pu", "bpu", "jakon")
LABELS = {c.key: c.label for c in FIGURE_COLUMNS}
_SYNONYMS = {syn: c.key for c in FIGURE_COLUMNS for syn in c.synonyms}


@dataclass(frozen=True)
class Refusal:
    row: int
    field: str
    reason: str

    @property
    def text(self) -> str:
        return f"Baris {self.row}, kolom {self.field}: {self.reason}"


@dataclass
class InsurerFiguresResult:
    """What became of every row of the file: stored (new, replaced or the same), refused, or blank."""

    file_name: str
    edition: str
    rows: int = 0
    skipped: int = 0
    stored: InsurerCountsReport = field(default_factory=InsurerCountsReport)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.stored.inserted + self.stored.updated + self.stored.unchanged

    @property
    def summary(self) -> str:
        return (
            f"{self.rows} baris: {self.stored.inserted} baru, {self.stored.updated} diganti, "
            f"{self.stored.unchanged} sama seperti sebelumnya, {len(self.refused)} ditolak, "
            f"{self.skipped} kosong."
        )

    def to_dict(self) -> dict:
        return {
            "file_name": self.file_name,
            "edition": self.edition,
            "rows": self.rows,
            "inserted": self.stored.inserted,
            "updated": self.stored.updated,
            "unchanged": self.stored.unchanged,
            "skipped": self.skipped,
            "refused": [{"row": r.row, "field": r.field, "reason": r.reason} for r in self.refused],
            "summary": self.summary,
        }


def map_figure_headers(cells: list[str]) -> dict[int, str]:
    """Column index → field for the headers this file uses; the first column claiming a field keeps it."""
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = _SYNONYMS.get(header_key(cell), "")
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


def _header_index(rows: list[list[str]]) -> int | None:
    for index, cells in enumerate(rows):
        if set(REQUIRED) <= set(map_figure_headers(cells).values()):
            return index
    return None


def _preview(path: Path) -> Preview:
    """The sheet (or CSV separator) whose rows hold a header naming region, PU, BPU and Jakon."""
    fmt = sniff_format(path)
    if fmt == "csv":
        first = read_preview(path, fmt)
        for sep in CSV_SEPARATORS:
            candidate = _csv_preview(path, first, sep)
            if candidate.header_index is not None:
                return candidate
        raise ImportRefused(_no_header())
    first = read_preview(path, fmt)
    for name in first.sheet_names:
        preview = read_preview(path, fmt, sheet=name) if name != first.sheet_name else first
        preview.header_index = _header_index(preview.rows)
        if preview.header_index is not None:
            return preview
    raise ImportRefused(_no_header())


def _csv_preview(path: Path, first: Preview, sep: str) -> Preview:
    """The CSV's first lines split on ``sep``: the reader chose its separator for a worker list."""
    encoding = {"utf8": "utf-8-sig", "utf-16": "utf-16"}.get(first.encoding, first.encoding)
    text = path.read_bytes()[: 256 * 1024].decode(encoding, errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:PREVIEW_ROWS]
    rows = [next(csv.reader([line], delimiter=sep), []) for line in lines]
    return Preview("csv", "", rows, _header_index(rows), separator=sep, encoding=first.encoding)


def _no_header() -> str:
    names = ", ".join(LABELS[k] for k in REQUIRED)
    return f"Baris judul kolom tidak ditemukan: berkas angka peserta BPJS harus memuat kolom {names}."


def _frame(path: Path, preview: Preview) -> pl.DataFrame:
    """The body rows as text columns named by field, with ``_row`` (the file's row or line number)."""
    mapping = map_figure_headers(preview.headers)
    table = read_table(path, preview).slice(1)
    columns = {f"c{i}": key for i, key in mapping.items() if f"c{i}" in table.columns}
    frame = table.select([pl.col("_row"), *(pl.col(c).alias(k) for c, k in columns.items())])
    for key in LABELS:
        if key not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(key))
    text = [c for c in frame.columns if c != "_row"]
    return frame.with_columns([pl.col(c).cast(pl.String).str.strip_chars().fill_null("") for c in text])


def _region_lookup() -> pl.DataFrame:
    """Live province, kabupaten/kota and kecamatan codes, keyed both dotted and without dots."""
    codes = list(Region.objects.filter(level__lte=3, retired_at__isnull=True).values_list("code", flat=True))
    frame = pl.DataFrame({"region_code": codes}, schema={"region_code": pl.String})
    return pl.concat(
        [
            frame.with_columns(pl.col("region_code").alias("_key")),
            frame.with_columns(
                pl.col("region_code").str.replace_all(SEPARATOR, "", literal=True).alias("_key")
            ),
        ]
    ).unique("_key")


def _checked(frame: pl.DataFrame, *, period, scope_code: str) -> pl.DataFrame:
    """Every row with its parsed values and a list of (field, reason) refusals; blank rows dropped."""
    frame = frame.join(_region_lookup(), left_on="region", right_on="_key", how="left")
    period_text = pl.col("period") if period is None else pl.lit(period.isoformat()[:7])
    frame = frame.with_columns(
        period_value(period_text).alias("_period"),
        *(
            count_value(pl.col(k)).alias(f"_{k}")
            for k in ("pu", "bpu", "jakon", "total", "working_population")
        ),
    )
    L = LABELS
    checks = [
        (pl.col("region") == "", L["region"], "kosong"),
        (
            (pl.col("region") != "") & pl.col("region_code").is_null(),
            L["region"],
            "kode wilayah tidak dikenal",
        ),
        (_outside(scope_code), L["region"], "di luar wilayah akun Anda"),
        (pl.col("_period").is_null(), L["period"], "bulan tidak dikenali; tulis TTTT-BB, mis. 2024-10"),
        (pl.col("_period") > pl.lit(month_of(timezone.localdate())), L["period"], "bulan yang belum lewat"),
        *(
            (pl.col(f"_{k}").is_null(), L[k], "bukan bilangan bulat tidak negatif")
            for k in ("pu", "bpu", "jakon")
        ),
        ((pl.col("total") != "") & pl.col("_total").is_null(), L["total"], "bukan bilangan bulat"),
        (
            pl.col("_total").is_not_null()
            & (pl.col("_total") != pl.col("_pu") + pl.col("_bpu") + pl.col("_jakon")),
            L["total"],
            "tidak sama dengan PU + BPU + Jakon",
        ),
        (
            (pl.col("working_population") != "")
            & (pl.col("_working_population").is_null() | (pl.col("_working_population") == 0)),
            L["working_population"],
            "bukan bilangan bulat lebih dari 0",
        ),
    ]
    reasons = [pl.when(cond.fill_null(False)).then(pl.lit(f"{name}\t{why}")) for cond, name, why in checks]
    frame = frame.with_columns(pl.concat_list(reasons).list.drop_nulls().alias("_refusals"))
    blank = pl.all_horizontal([pl.col(k) == "" for k in LABELS])
    return frame.with_columns(blank.alias("_blank"))


def _outside(scope_code: str) -> pl.Expr:
    if not scope_code:
        return pl.lit(False)
    return pl.col("region_code").is_not_null() & ~within(pl.col("region_code"), scope_code)


def _duplicates(frame: pl.DataFrame) -> pl.DataFrame:
    """A second row for the same region and month is refused, naming the row it repeats."""
    first = pl.col("_row").min().over(["region_code", "_period"])
    repeated = (pl.col("_refusals").list.len() == 0) & (pl.col("_row") != first)
    note = pl.concat_str([pl.lit(f"{LABELS['region']}\tsama dengan baris "), first.cast(pl.String)])
    return frame.with_columns(
        pl.when(repeated).then(pl.concat_list([pl.col("_refusals"), note])).otherwise(pl.col("_refusals"))
    )


def insurer_figures_import(
    *, actor, path: Path, edition: str, period=None, file_name: str = ""
) -> InsurerFiguresResult:
    """Read the insurer's participant counts from ``path`` and store every valid row (module docstring).

    ``period`` (a month) applies to a file without a month column. Refuses the whole file, writing nothing,
    when the actor may not import, the edition is missing or no header row is found.
    """
    scope = access_require(
        actor, "insurer_figures.import", object_type="insurer_participant_count", what=edition
    )
    edition = (edition or "").strip()
    if not edition:
        raise ImportRefused(
            "Sumber / edisi laporan wajib diisi, mis. «BPJS Ketenagakerjaan Kanwil, Oktober 2024»."
        )
    preview = _preview(path)
    mapping = set(map_figure_headers(preview.headers).values())
    if period is None and "period" not in mapping:
        raise ImportRefused("Berkas tidak memuat kolom Bulan: sebutkan bulan laporannya (TTTT-BB).")
    frame = _duplicates(_checked(_frame(path, preview), period=period, scope_code=scope.region_code))
    name = file_name or path.name
    result = InsurerFiguresResult(file_name=name, edition=edition)
    body = frame.filter(~pl.col("_blank"))
    result.rows, result.skipped = body.height, frame.height - body.height
    refused = body.filter(pl.col("_refusals").list.len() > 0)
    for row, reasons in refused.select("_row", "_refusals").iter_rows():
        for reason in reasons:
            column, why = reason.split("\t", 1)
            result.refused.append(Refusal(row=int(row), field=column, reason=why))
    good = body.filter(pl.col("_refusals").list.len() == 0)
    rows = [
        InsurerCountRow(
            region_code=r["region_code"],
            period=r["_period"],
            pu=r["_pu"],
            bpu=r["_bpu"],
            jakon=r["_jakon"],
            working_population=r["_working_population"],
            row_number=int(r["_row"]),
        )
        for r in good.iter_rows(named=True)
    ]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    result.stored = insurer_counts_store(
        actor=actor, rows=rows, edition=edition, file_name=name, file_sha256=sha
    )
    return result


def insurer_figures_import_upload(*, actor, upload, edition: str, period=None) -> InsurerFiguresResult:
    """``insurer_figures_import`` for a file uploaded through a page or the API: written to a private
    temporary folder first (the reader opens paths), removed afterwards."""
    check_size(upload.size)
    with tempfile.TemporaryDirectory(prefix="lindung-bpjs-") as folder:
        path = Path(folder) / "laporan"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        name = Path(upload.name or "laporan").name
        return insurer_figures_import(actor=actor, path=path, edition=edition, period=period, file_name=name)
