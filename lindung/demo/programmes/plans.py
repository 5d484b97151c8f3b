"""The demo programmes, modelled on real schemes, and how their enrolments should end up.

Programmes run on a rolling calendar (the 12-month ones started ten months before today) so that the demo
always shows live work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lindung.accounts.models import Sponsor
from lindung.core.months import month_add, month_of
from lindung.enrolment.models import Status

from .names import VULNERABLE

MAMBULAU = "62.03.17.2002"
_BPU = {"segment": "BPU", "declared_income": 1_000_000}
# Cited beside the regencies' own Perbup when they launch "1 Desa 100 Pekerja Rentan" (DOMAIN.md §6).
_INPRES = [
    {
        "kind": "Inpres",
        "number": "2",
        "year": 2021,
        "title": "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
        "issued_on": dt.date(2021, 3, 25),
    },
    {"kind": "Inpres", "number": "4", "year": 2022, "title": "Percepatan Penghapusan Kemiskinan Ekstrem"},
]


@dataclass
class Plan:
    """One demo programme: its data, where its people live, and how their enrolments should end up."""

    data: dict
    villages: list[str] | None = None
    per_village: int = 0
    categories: list[str] = field(default_factory=lambda: VULNERABLE)
    explicit: list[tuple[str, int]] = field(default_factory=list)  # (village, people)
    # Share of enrolments left in each status (the rest are active; some of those lapse or end).
    shares: dict[str, float] = field(default_factory=dict)
    laggards: float = 0.08
    ended: float = 0.03
    pu_incomes: list[int] = field(default_factory=list)
    # The programme whose members show the daily job at work and carry the insurer's statement.
    showcase: bool = False
    actors: tuple[str, str, str] = ("admin.kapuas", "verifikator.kapuas", "bpjs.kapuas")


def _period(start: dt.date, months: int) -> dict:
    return {"fiscal_year": start.year, "start_month": start, "months": months}


def _bengkayang(start: dt.date) -> Plan:
    """Kabupaten Bengkayang's "1 Desa 100 Pekerja Rentan": APBD kabupaten, 12 months, Perbup 23/2024."""
    return Plan(
        data=_BPU
        | _period(start, 12)
        | {
            "code": "bky-1desa100",
            "name": "Program Perlindungan 1 Desa 100 Pekerja Rentan Kabupaten Bengkayang",
            "owner_region": "61.07",
            "coverage_region": "61.07",
            "funding_source": "apbd_kabupaten",
            "legal_bases": [
                {
                    "kind": "Perbup",
                    "issuer": "Bengkayang",
                    "number": "23",
                    "year": 2024,
                    "title": "Program Perlindungan 1 Desa 100 Pekerja Rentan",
                },
                *_INPRES,
            ],
            "quota_per_village": 100,
            "total_quota": 12_200,
            "budget_ceiling": 2_459_520_000,
        },
        villages=[
            "61.07.04.2003",
            "61.07.04.2004",
            "61.07.04.2006",
            "61.07.03.2001",
            "61.07.03.2002",
            "61.07.09.2001",
            "61.07.13.2001",
            "61.07.02.2001",
        ],
        per_village=70,
        categories=[*VULNERABLE, "petani_sawit"],
        shares={
            Status.PROPOSED: 0.05,
            Status.VERIFIED: 0.04,
            Status.SUBMITTED: 0.04,
            Status.REJECTED: 0.03,
        },
        actors=("operator.bengkayang", "admin.bengkayang", "admin.bengkayang"),
    )


def _kapuas(start: dt.date) -> Plan:
    """Kabupaten Kapuas's own APBD programme (a demo regulation, not a real one)."""
    return Plan(
        data=_BPU
        | _period(start, 12)
        | {
            "code": "kps-rentan",
            "name": "Perlindungan Pekerja Rentan Kabupaten Kapuas (contoh demo)",
            "owner_region": "62.03",
            "coverage_region": "62.03",
            "funding_source": "apbd_kabupaten",
            "legal_bases": [
                {
                    "kind": "Perbup",
                    "issuer": "Kapuas",
                    "number": "DEMO-7",
                    "year": start.year,
                    "title": "Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan (contoh, bukan peraturan nyata)",
                },
                *_INPRES,
            ],
            "quota_per_village": 100,
            "budget_ceiling": 4_500_000_000,
        },
        villages=[
            "62.03.17.2003",
            "62.03.17.2004",
            "62.03.17.2005",
            "62.03.17.2006",
            "62.03.17.2010",
            "62.03.04.2001",
            "62.03.04.2002",
            "62.03.04.2003",
            "62.03.06.2001",
        ],
        per_village=60,
        explicit=[(MAMBULAU, 40)],
        showcase=True,
        shares={
            Status.PROPOSED: 0.06,
            Status.VERIFIED: 0.05,
            Status.SUBMITTED: 0.05,
            Status.REJECTED: 0.03,
        },
    )


def _mambulau_add(start: dt.date) -> Plan:
    """Desa Pulau Mambulau's own "1 desa 100", paid from ADD (APBDes, never Dana Desa)."""
    return Plan(
        data=_BPU
        | _period(start, 12)
        | {
            "code": "mambulau-add",
            "name": "1 Desa 100 Pekerja Rentan Desa Pulau Mambulau (ADD)",
            "owner_region": MAMBULAU,
            "coverage_region": MAMBULAU,
            "funding_source": "apbdes",
            "apbdes_sub_source": "add",
            "legal_basis_type": "Perdes Pulau Mambulau",
            "legal_basis_number": "DEMO-2",
            "legal_basis_year": start.year,
            "legal_basis_title": "APBDes (contoh, bukan peraturan nyata)",
            "quota_per_village": 60,
        },
        explicit=[(MAMBULAU, 60)],
        # The village operator's queue: many proposals still waiting for the verifier.
        shares={
            Status.PROPOSED: 0.25,
            Status.VERIFIED: 0.1,
            Status.SUBMITTED: 0.05,
            Status.REJECTED: 0.05,
        },
        actors=("operator.mambulau", "verifikator.kapuas", "bpjs.kapuas"),
    )


def _mambulau_officials(start: dt.date) -> Plan:
    """Pulau Mambulau's kepala desa, perangkat desa and BPD as wage earners (PU), also from ADD."""
    return Plan(
        data=_period(start, 12)
        | {
            "code": "mambulau-perangkat-pu",
            "name": "Kepesertaan PU Kepala Desa dan Perangkat Desa Pulau Mambulau (ADD)",
            "owner_region": MAMBULAU,
            "coverage_region": MAMBULAU,
            "segment": "PU",
            "include_jht": True,
            "funding_source": "apbdes",
            "apbdes_sub_source": "add",
            "legal_basis_type": "Perkades Pulau Mambulau",
            "legal_basis_number": "DEMO-3",
            "legal_basis_year": start.year,
            "legal_basis_title": "Penghasilan tetap dan jaminan sosial perangkat desa (contoh)",
            "eligible_categories": ["kepala_desa", "perangkat_desa", "bpd"],
        },
        explicit=[(MAMBULAU, 9)],
        categories=["kepala_desa", "perangkat_desa", "perangkat_desa", "perangkat_desa", "bpd"],
        pu_incomes=[4_200_000, 3_000_000, 2_500_000, 2_312_500, 2_000_000],
        laggards=0,
        ended=0,
        actors=("operator.mambulau", "verifikator.kapuas", "bpjs.kapuas"),
    )


def _kalbar(start: dt.date) -> Plan:
    """Kalimantan Barat's bantuan iuran for religious social workers: 6 months, Pergub Kalbar 4/2023."""
    return Plan(
        data=_BPU
        | _period(start, 6)
        | {
            "code": "kalbar-bantuan-iuran",
            "name": "Bantuan Iuran Jaminan Sosial Ketenagakerjaan Pekerja Sosial Keagamaan Provinsi Kalbar",
            "owner_region": "61",
            "coverage_region": "61",
            "funding_source": "apbd_provinsi",
            "legal_bases": [
                {
                    "kind": "Pergub",
                    "issuer": "Kalbar",
                    "number": "4",
                    "year": 2023,
                    "title": "Jaminan Sosial Ketenagakerjaan Pekerja Sosial Keagamaan (judul belum dikonfirmasi)",
                },
                *_INPRES,
            ],
            "total_quota": 20_000,
            "eligible_categories": ["keagamaan"],
        },
        villages=[
            "61.02.01.2001",
            "61.02.01.2002",
            "61.01.01.2001",
            "61.01.01.2002",
            "61.12.01.2001",
            "61.12.01.2002",
            "61.08.01.2001",
            "61.08.01.2002",
        ],
        per_village=40,
        categories=["keagamaan"],
        shares={Status.SUBMITTED: 0.05, Status.REJECTED: 0.02},
        actors=("admin.kalbar", "admin.kalbar", "admin.kalbar"),
    )


def _csr_sawit(start: dt.date, sponsor: Sponsor) -> Plan:
    """A CSR-sponsored group of oil-palm smallholders in Mantangai (Kapuas), 9 months."""
    return Plan(
        data=_BPU
        | _period(start, 9)
        | {
            "code": "csr-sawit-mantangai",
            "name": "Perlindungan Pekebun Sawit Mantangai (CSR)",
            "owner_region": "62.03",
            "coverage_region": "62.03.09",
            "funding_source": "csr",
            "sponsor": sponsor.pk,
            "quota_per_village": 50,
            "eligible_categories": ["petani_sawit"],
        },
        villages=["62.03.09.2001", "62.03.09.2002", "62.03.09.2003", "62.03.09.2004"],
        per_village=45,
        categories=["petani_sawit"],
        shares={Status.VERIFIED: 0.05, Status.SUBMITTED: 0.05},
    )


def demo_plans(today: dt.date, sponsor: Sponsor) -> list[Plan]:
    """Every demo programme, with start months counted back from ``today``."""
    now = month_of(today)
    start12, start9, start6 = month_add(now, -10), month_add(now, -7), month_add(now, -4)
    return [
        _bengkayang(start12),
        _kapuas(start12),
        _mambulau_add(start12),
        _mambulau_officials(start12),
        _kalbar(start6),
        _csr_sawit(start9, sponsor),
    ]
