"""Programmes for tests, made through ``programme_create`` so that every test also exercises validation."""

from __future__ import annotations

import itertools
from typing import Any

from lindung.programmes.models import Programme
from lindung.programmes.services import programme_create

KAPUAS = "62.03"
BENGKAYANG = "61.07"
_codes = itertools.count(1)


def programme_data(**overrides: Any) -> dict[str, Any]:
    """A Kapuas APBD programme, 12 months from January 2026, 100 per village (BPU, Rp 1.000.000)."""
    data = {
        "code": f"prog-{next(_codes)}",
        "name": "Program Perlindungan 1 Desa 100 Pekerja Rentan",
        "owner_region": KAPUAS,
        "coverage_region": KAPUAS,
        "fiscal_year": 2026,
        "start_month": "2026-01",
        "months": 12,
        "segment": "BPU",
        "declared_income": 1_000_000,
        "funding_source": "apbd_kabupaten",
        "legal_basis_type": "Perbup",
        "legal_basis_number": "23",
        "legal_basis_year": 2024,
        "legal_basis_title": "Program Perlindungan 1 Desa 100 Pekerja Rentan",
        "quota_per_village": 100,
    }
    data.update(overrides)
    return data


def make_programme(actor=None, **overrides: Any) -> Programme:
    return programme_create(actor=actor, data=programme_data(**overrides))
