"""Small social-registry extracts for tests: synthetic people of Kapuas in the columns the agencies use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lindung.transfer.registry_import import registry_extract_import
from tests.people.builders import PULAU_MAMBULAU, make_nik
from tests.transfer.builders import csv_bytes, write, xlsx_bytes

HEADER = ["NO", "NIK", "NO KK", "NAMA", "TGL LAHIR", "ALAMAT", "KODE DESA", "DESIL"]
EDITION = dt.date(2026, 3, 1)


def entry(
    serial: int,
    *,
    name: str = "Budi Santoso",
    decile: Any = 3,
    village: str = PULAU_MAMBULAU,
    birth: dt.date = dt.date(1985, 8, 17),
    nik: Any = None,
    kk: str = "6203170101090001",
) -> list[Any]:
    """One extract row; the NIK is the one ``tests.people.builders.make_worker(serial=...)`` gives."""
    return [
        serial,
        make_nik(birth=birth, serial=serial) if nik is None else nik,
        kk,
        name,
        birth.strftime("%d-%m-%Y") if birth else "",
        "Jl. Sungai Kapuas",
        village,
        decile,
    ]


def extract_csv(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    return csv_bytes([header, *rows])


def extract_xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    return xlsx_bytes([header, *rows])


def import_extract(
    tmp_path: Path,
    data: bytes,
    *,
    actor=None,
    name: str = "dtsen.csv",
    kind: str = "dtsen",
    edition_date: dt.date = EDITION,
    region: str = "62.03",
    **kwargs,
):
    """Import ``data`` as an extract file called ``name``; the ``EditionImport``."""
    return registry_extract_import(
        actor=actor,
        path=write(tmp_path, name, data),
        kind=kind,
        edition_date=edition_date,
        region_code=region,
        **kwargs,
    )
