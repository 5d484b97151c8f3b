"""Programmes for tests, made through ``programme_create`` so that every test also exercises validation."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from lindung.programmes.models import DANA_DESA, Programme
from lindung.programmes.services import funding_policy, programme_create

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


def current_programme(actor=None, **overrides: Any) -> Programme:
    """A programme of the current year from January, so pages that compare with today's date (the
    "open for proposals" lists) do not depend on when the suite runs."""
    year = timezone.localdate().year
    overrides.setdefault("fiscal_year", year)
    overrides.setdefault("start_month", f"{year}-01")
    return make_programme(actor=actor, **overrides)


def dana_desa_refusal(on=None) -> str:
    """The refusal text of the Dana Desa policy row in force (seeded by programmes 0005)."""
    return funding_policy(DANA_DESA, on=on or timezone.localdate()).refusal
