"""Synthetic people for tests. NIKs are built from real kecamatan codes and invented serials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lindung.people.models import Worker
from lindung.people.services import worker_save

KAPUAS_BATAGUH = "62.03.17"
PULAU_MAMBULAU = "62.03.17.2002"


def make_nik(
    district: str = KAPUAS_BATAGUH, birth: dt.date = dt.date(1985, 8, 17), gender: str = "L", serial: int = 1
) -> str:
    day = birth.day + (40 if gender == "P" else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def worker_data(**overrides: Any) -> dict[str, Any]:
    birth = overrides.pop("birth", dt.date(1985, 8, 17))
    gender = overrides.pop("gender_", "L")
    serial = overrides.pop("serial", 1)
    data = {
        "nik": make_nik(birth=birth, gender=gender, serial=serial),
        "full_name": "Budi Santoso",
        "birth_place": "Kuala Kapuas",
        "birth_date": birth,
        "gender": gender,
        "village_code": PULAU_MAMBULAU,
        "address": "Jl. Sungai Kapuas",
        "rt": "003",
        "rw": "001",
        "phone": "0812 3456 7890",
        "occupation_1": "Nelayan",
        "category": "nelayan",
        "wage_status": "BPU",
    }
    data.update(overrides)
    return data


def make_worker(actor=None, **overrides: Any) -> Worker:
    return worker_save(actor=actor, data=worker_data(**overrides)).worker
