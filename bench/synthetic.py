"""Synthetic village lists for the import benchmark: realistic shape, invented people.

NIKs are built from real kecamatan codes and are unique by construction; about 2 % are then damaged the ways
spreadsheets damage them (a digit lost to a number cell, a letter O for a zero, a short number, serial
0000) and about 1 % repeat an earlier row's NIK. Files carry two title rows and a totals row, as offices
send them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

FIRST = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Joko",
    "Sri",
    "Ahmad",
    "Nur",
    "Rina",
    "Eko",
    "Yanti",
    "Hendra",
    "Wati",
    "Dedi",
    "Fitri",
    "Rudi",
    "Lina",
    "Bambang",
    "Ani",
    "Slamet",
    "Maria",
    "Yohanes",
    "Kadek",
    "Made",
]
MIDDLE = [
    "",
    "Nur",
    "Dwi",
    "Tri",
    "Eka",
    "Adi",
    "Putri",
    "Putra",
    "Wahyu",
    "Indah",
    "Agung",
    "Ayu",
    "Bayu",
    "Citra",
    "Dian",
    "Fajar",
    "Galih",
    "Hana",
    "Ilham",
    "Joni",
    "Kurnia",
    "Lestari",
    "Mega",
    "Nanda",
]
LAST = [
    "Santoso",
    "Aminah",
    "Saputra",
    "Lestari",
    "Wibowo",
    "Rahayu",
    "Hidayat",
    "Susanti",
    "Pratama",
    "Handayani",
    "Kurniawan",
    "Sari",
    "Siregar",
    "Nainggolan",
    "Batubara",
    "Putra",
    "Dewi",
    "Setiawan",
]
PLACES = ["Kuala Kapuas", "Palangka Raya", "Bengkayang", "Pontianak", "Sambas", "Kapuas Hulu", "Katingan"]
JOBS = ["Nelayan", "Petani", "Buruh harian", "Pedagang kecil", "Ojek", "Guru ngaji", "Ketua RT"]
CATEGORIES = [
    "Nelayan",
    "Buruh tani / harian lepas",
    "Pedagang kecil",
    "Pengemudi / ojek / kurir",
    "Guru ngaji / marbot / pekerja sosial keagamaan",
    "Ketua RT/RW",
]
HEADERS = [
    "NO",
    "NIK",
    "NAMA LENGKAP",
    "TEMPAT LAHIR",
    "TGL LAHIR",
    "JK",
    "ALAMAT",
    "RT",
    "RW",
    "NO HP",
    "PEKERJAAN",
    "KATEGORI",
    "KODE DESA",
]


def villages() -> list[str]:
    from lindung.regions.models import Region

    return list(
        Region.objects.filter(level=4, retired_at__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    )


def people(n: int, *, seed: int = 2026) -> pl.DataFrame:
    """``n`` rows with the columns of ``HEADERS`` (all text)."""
    codes = pl.Series("village", villages())
    v = len(codes)
    frame = pl.DataFrame({"i": pl.int_range(n, eager=True)}).with_columns(
        (pl.col("i") % v).alias("vi"), (pl.col("i") // v).alias("round")
    )
    frame = frame.with_columns(
        pl.col("vi").map_batches(lambda s: codes.gather(s), return_dtype=pl.String).alias("village")
    )
    # Serial = the village's rank in its kecamatan, plus 300 per pass over the 20,000 birth dates: unique NIKs.
    rank = pl.int_range(pl.len()).over(pl.col("village").str.slice(0, 8))
    ranks = pl.DataFrame({"village": codes}).with_columns((rank + 1).alias("rank"))
    frame = frame.join(ranks, on="village", how="left")
    hashed = pl.col("i").hash(seed)
    frame = frame.with_columns(
        (
            pl.lit(dt.date(1963, 1, 1))
            + pl.duration(days=(pl.col("round") * 7919 + pl.col("i") * 31) % 15_000)
        ).alias("birth"),
        (hashed % 2 == 0).alias("female"),
        (pl.col("rank") + 300 * (pl.col("round") // 15_000)).alias("serial"),
    )
    day = pl.col("birth").dt.day() + pl.when(pl.col("female")).then(40).otherwise(0)
    nik = pl.concat_str(
        [
            pl.col("village").str.slice(0, 8).str.replace_all(".", "", literal=True),
            day.cast(pl.String).str.zfill(2),
            pl.col("birth").dt.month().cast(pl.String).str.zfill(2),
            (pl.col("birth").dt.year() % 100).cast(pl.String).str.zfill(2),
            pl.col("serial").cast(pl.String).str.zfill(4),
        ]
    )

    def pick(values: list[str], salt: int) -> pl.Expr:
        return pl.lit(pl.Series(values)).gather((pl.col("i").hash(seed + salt) % len(values)).cast(pl.UInt32))

    frame = frame.with_columns(nik.alias("nik"))
    # About 2 % damaged, about 1 % repeated: chosen by hash, so the file is the same on every run.
    damage = pl.col("i").hash(seed + 99) % 100
    broken = (
        pl.when(damage == 0)
        .then(
            pl.concat_str(
                [pl.col("nik").str.slice(0, 1), pl.lit("."), pl.col("nik").str.slice(1, 5), pl.lit("E+15")]
            )
        )
        .when(damage == 1)
        .then(pl.col("nik").str.slice(0, 15))
        .otherwise(pl.col("nik"))
    )
    repeat = (pl.col("i").hash(seed + 7) % 100 == 0) & (pl.col("i") > 0)
    frame = frame.with_columns(
        pl.when(repeat).then(pl.col("nik").shift(1)).otherwise(broken).alias("nik"),
    )
    return frame.select(
        (pl.col("i") + 1).cast(pl.String).alias("NO"),
        pl.col("nik").alias("NIK"),
        pl.concat_str([pick(FIRST, 1), pick(MIDDLE, 8), pick(LAST, 2)], separator=" ")
        .str.replace("  ", " ", literal=True)
        .alias("NAMA LENGKAP"),
        pick(PLACES, 3).alias("TEMPAT LAHIR"),
        pl.col("birth").dt.strftime("%d-%m-%Y").alias("TGL LAHIR"),
        pl.when(pl.col("female")).then(pl.lit("P")).otherwise(pl.lit("L")).alias("JK"),
        pl.concat_str(
            [pl.lit("Jl. "), pick(LAST, 4), pl.lit(" No. "), (pl.col("i") % 97 + 1).cast(pl.String)]
        ).alias("ALAMAT"),
        (pl.col("i") % 12 + 1).cast(pl.String).str.zfill(3).alias("RT"),
        (pl.col("i") % 5 + 1).cast(pl.String).str.zfill(3).alias("RW"),
        pl.concat_str(
            [pl.lit("0812"), (pl.col("i").hash(seed + 5) % 100_000_000).cast(pl.String).str.zfill(8)]
        ).alias("NO HP"),
        pick(JOBS, 6).alias("PEKERJAAN"),
        pick(CATEGORIES, 7).alias("KATEGORI"),
        pl.col("village").alias("KODE DESA"),
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """Semicolon-separated, as Indonesian-locale spreadsheets save CSV, with title and totals rows."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN\nTAHUN ANGGARAN 2026\n")
        frame.write_csv(fh, separator=";")
        fh.write(f";JUMLAH {frame.height} ORANG\n")


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Data")
    sheet.write_string(0, 0, "DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN")
    sheet.write_row(2, 0, frame.columns)
    for r, row in enumerate(frame.iter_rows(), start=3):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    sheet.write_string(frame.height + 3, 1, f"JUMLAH {frame.height} ORANG")
    book.close()
