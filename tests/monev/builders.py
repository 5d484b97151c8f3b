"""A small, exactly known monev dataset: two programmes, three villages, people in every status, payments.

Kapuas (62.03, Kalimantan Tengah) programme, quota 10 per desa:
- 62.03.17.2002 Pulau Mambulau: 4 active, 1 proposed, 1 verified, 1 submitted, 1 rejected → 7 of 10 places.
- 62.03.17.2003: 2 active, 1 ended → 2 of 10 places, below half.
Payments up to March 2026 of the four active people in Pulau Mambulau: Jan-Mar paid; Jan only (2 unpaid, at
risk); nothing (3 unpaid, at risk); Jan-Feb (1 unpaid). The two active people in 62.03.17.2003 paid Jan-Mar.
Bengkayang (61.07, Kalimantan Barat) programme: 5 active people in 61.07.04.2003, no payments recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lindung.billing.models import Payment
from lindung.enrolment.models import Enrolment, Status
from lindung.programmes.models import FundingSource, Programme
from tests.people.builders import make_worker

PERIOD = dt.date(2026, 3, 1)
MAMBULAU = "62.03.17.2002"
NEIGHBOUR = "62.03.17.2003"
BATAGUH = "62.03.17"
KAPUAS = "62.03"
KALTENG = "62"
BENGKAYANG_DESA = "61.07.04.2003"
BENGKAYANG = "61.07"
KALBAR = "61"
MONTHLY = 16_800  # BPU JKK + JKM at Rp 1.000.000, APBD-funded (no PP 50/2025 discount)


def make_programme(code: str, region: str, *, quota: int = 10, ceiling: int | None = 100_000_000, **extra):
    values = dict(
        code=code,
        name=f"Program {code}",
        owner_region_id=region,
        coverage_region_id=region,
        fiscal_year=2026,
        start_month=dt.date(2026, 1, 1),
        months=12,
        funding_source=FundingSource.APBD_KABUPATEN,
        quota_per_village=quota,
        budget_ceiling=ceiling,
        legal_basis_type="Perbup",
        legal_basis_number="1",
        legal_basis_year=2026,
    )
    values.update(extra)
    return Programme.objects.create(**values)


def enrol(worker, programme, status: str, *, start: dt.date | None = None) -> Enrolment:
    active_like = status in (Status.ACTIVE, Status.NON_ACTIVE, Status.ENDED)
    return Enrolment.objects.create(
        worker=worker,
        programme=programme,
        village_id=worker.village_id,
        status=status,
        start_date=start or (dt.date(2026, 1, 5) if active_like else None),
        end_date=dt.date(2026, 2, 10) if status == Status.ENDED else None,
    )


def pay(enrolment: Enrolment, *months: int, amount: int = MONTHLY) -> None:
    Payment.objects.bulk_create(
        [
            Payment(
                enrolment=enrolment, month=dt.date(2026, m, 1), amount=amount, paid_on=dt.date(2026, m, 10)
            )
            for m in months
        ]
    )


@dataclass
class Dataset:
    kapuas: Programme
    bengkayang: Programme
    enrolments: dict[str, Enrolment]


def make_dataset() -> Dataset:
    kapuas = make_programme("kapuas-2026", KAPUAS)
    bengkayang = make_programme("bengkayang-2026", BENGKAYANG, ceiling=50_000_000)
    serial = iter(range(1, 1000))
    e: dict[str, Enrolment] = {}

    def person(village: str, **kw):
        return make_worker(serial=next(serial), village_code=village, **kw)

    # Pulau Mambulau: categories, sexes and ages vary so that every breakdown has more than one row.
    e["paid_all"] = enrol(person(MAMBULAU, category="nelayan"), kapuas, Status.ACTIVE)
    e["paid_jan"] = enrol(person(MAMBULAU, category="nelayan", gender_="P"), kapuas, Status.ACTIVE)
    e["paid_none"] = enrol(
        person(MAMBULAU, category="petani_sawit", birth=dt.date(1964, 5, 2)), kapuas, Status.ACTIVE
    )
    e["paid_two"] = enrol(person(MAMBULAU, category="rt_rw", gender_="P"), kapuas, Status.ACTIVE)
    e["proposed"] = enrol(
        person(MAMBULAU, category="buruh_harian", birth=dt.date(2002, 1, 9)), kapuas, Status.PROPOSED
    )
    e["verified"] = enrol(person(MAMBULAU, category="buruh_harian"), kapuas, Status.VERIFIED)
    e["submitted"] = enrol(person(MAMBULAU, category="nelayan", gender_="P"), kapuas, Status.SUBMITTED)
    e["rejected"] = enrol(person(MAMBULAU, category="nelayan"), kapuas, Status.REJECTED)
    pay(e["paid_all"], 1, 2, 3)
    pay(e["paid_jan"], 1)
    pay(e["paid_two"], 1, 2)
    # The neighbouring village: below half of its quota.
    e["n_active_1"] = enrol(person(NEIGHBOUR, category="nelayan"), kapuas, Status.ACTIVE)
    e["n_active_2"] = enrol(person(NEIGHBOUR, category="pedagang_kecil", gender_="P"), kapuas, Status.ACTIVE)
    e["n_ended"] = enrol(person(NEIGHBOUR, category="nelayan"), kapuas, Status.ENDED)
    pay(e["n_active_1"], 1, 2, 3)
    pay(e["n_active_2"], 1, 2, 3)
    # Bengkayang, another province. NIKs keep Kapuas's kecamatan: a NIK records where it was issued.
    for i in range(5):
        e[f"b_{i}"] = enrol(person(BENGKAYANG_DESA, category="petani_sawit"), bengkayang, Status.ACTIVE)
    return Dataset(kapuas=kapuas, bengkayang=bengkayang, enrolments=e)
