"""Demo funding: Kapuas's "1 desa 100" paid from every village's own APBDes (an umbrella scheme, most
villages budgeted, a few not yet), and its 500 oil-palm workers from DBH sawit, so that the funding picture
(/pendanaan/?wilayah=62.03) shows every source of the regency together."""

from __future__ import annotations

import datetime as dt

from lindung.programmes.models import Programme
from lindung.programmes.services import programme_create
from lindung.programmes.umbrella import umbrella_lines_set
from lindung.programmes.umbrella_selectors import umbrella_overview

UMBRELLA = "kps-payung-apbdes"
SAWIT = "kps-dbh-sawit"
# Villages left without a line, so that the page shows who has not budgeted yet.
NOT_YET = 14


def _legal_bases(year: int) -> list[dict]:
    return [
        {"kind": "Perbup", "issuer": "Kapuas", "number": "12", "year": year,
         "title": "Perlindungan Jaminan Sosial Ketenagakerjaan Pekerja Rentan dari APBDes"},
        {"kind": "Inpres", "number": "2", "year": 2021,
         "title": "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan"},
        {"kind": "Inpres", "number": "4", "year": 2022, "title": "Percepatan Penghapusan Kemiskinan Ekstrem"},
    ]  # fmt: skip


def _programme(code: str, name: str, year: int, **values) -> Programme:
    data = {
        "code": code,
        "name": name,
        "owner_region": "62.03",
        "coverage_region": "62.03",
        "fiscal_year": year,
        "start_month": f"{year}-01",
        "months": 12,
        "segment": "BPU",
        "declared_income": 1_000_000,
        "legal_bases": _legal_bases(year),
        "quota_per_village": None,
    }
    return programme_create(actor=None, data=data | values)


def demo_funding(today: dt.date) -> str:
    """Create the umbrella APBDes scheme with its village lines and the DBH sawit programme; summary line."""
    if Programme.objects.filter(code=UMBRELLA).exists():
        return ""
    year = today.year
    umbrella = _programme(
        UMBRELLA, "1 Desa 100 Pekerja Rentan (APBDes desa)", year, funding_source="apbdes", umbrella=True
    )
    villages = [v.code for v in umbrella_overview(umbrella).villages][:-NOT_YET]
    lines = [
        {"village": code, "amount": 20_160_000, "perdes_number": f"{i % 9 + 1}/{year - 1}",
         "perdes_date": f"{year - 1}-12-{i % 20 + 5:02d}", "sub_source": "add" if i % 5 else "pades", "quota": 100}
        for i, code in enumerate(villages)
    ]  # fmt: skip
    umbrella_lines_set(actor=None, programme=umbrella, lines=lines)
    _programme(
        SAWIT,
        "Perlindungan Pekerja Sawit (DBH sawit)",
        year,
        funding_source="dbh_sawit",
        total_quota=500,
        eligible_categories=["petani_sawit"],
    )
    return f" Skema payung APBDes Kapuas: {len(villages)} desa menganggarkan; DBH sawit 500 orang."
