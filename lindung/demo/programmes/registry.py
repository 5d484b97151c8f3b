"""Demo social registry: a synthetic DTSEN extract of the demo's Kapuas people, imported through the same
reader and service as an agency's file, and a decile rule on the Kapuas programme.

Deterministic and synthetic, as every demo person is: the first Kapuas workers by id, each given a decile
from its id; a few written with another NIK and a misspelt name (matched by name, birth date and village),
a few rows the import refuses (a NIK stored as a number, a person of another regency) so that the edition
page shows them, and a few people of the extract who are not in Lindung.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import polars as pl

from lindung.people.models import Worker
from lindung.programmes.models import Programme
from lindung.regions.codes import subtree_q
from lindung.registry.services import decile_rule_add
from lindung.transfer.registry_import import registry_extract_import

REGION = "62.03"
PROGRAMME = "kps-rentan"
PEOPLE = 400
HEADER = ["NIK", "NO KK", "NAMA", "TGL LAHIR", "ALAMAT", "KODE DESA", "DESIL"]


def _misspelt(name: str) -> str:
    """One letter doubled, as a typist does: "Siti Aminah" → "Siti Aminnah"."""
    at = max(name.rfind("a"), 3)
    return name[: at + 1] + name[at] + name[at + 1 :] if len(name) > 4 else name + "h"


def _rows(workers: list[Worker]) -> list[list[str]]:
    rows = []
    for i, w in enumerate(workers):
        nik, name = w.nik, w.full_name
        if i % 50 == 7:  # a new KTP: another NIK, the name typed differently
            nik, name = nik[:12] + f"{(int(nik[12:]) + 5000) % 10000:04d}", _misspelt(name)
        decile = 1 + (w.pk * 7) % 10
        kk = w.kk_number or nik[:6] + "0101090001"
        rows.append([nik, kk, name, f"{w.birth_date:%d-%m-%Y}", w.address, w.village_id, str(decile)])
    first = workers[0]
    # What the import refuses, row by row: a NIK a spreadsheet turned into a number, another regency's person.
    rows.append(["6.20317E+15", "", "Rahmat Hidayat", "01-01-1980", "", first.village_id, "2"])
    rows.append(["6107041708850077", "", "Yohanes Ujang", "17-08-1985", "", "61.07.04.2003", "3"])
    rows.append(["", "", "Tanpa NIK", "", "", first.village_id, "1"])
    return rows


def registry_demo(today: dt.date) -> None:
    """Import the demo's DTSEN edition (dated the first of last month) and set desil ≤ 4 on the Kapuas
    programme."""
    workers = list(Worker.objects.filter(subtree_q("village_id", REGION)).order_by("id")[:PEOPLE])
    if not workers:
        return
    edition_date = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    frame = pl.DataFrame(_rows(workers), schema=HEADER, orient="row")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dtsen-kapuas-demo.csv"
        frame.write_csv(path, separator=";")
        registry_extract_import(
            actor=None, path=path, kind="dtsen", edition_date=edition_date, region_code=REGION
        )
    programme = Programme.objects.filter(code=PROGRAMME).first()
    if programme is not None:
        decile_rule_add(
            actor=None,
            programme=programme,
            max_decile=4,
            valid_from=dt.date(programme.fiscal_year, 1, 1),
            legal_basis="Demo: contoh batas desil, bukan peraturan yang berlaku",
        )
