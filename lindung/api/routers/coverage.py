"""Coverage in time and arrears by name over JSON: the same selectors as the pages and the CLI.

``POST /api/coverage`` with ``{nik | kpj, date}`` answers whether a person was covered on a date, per
programme, from the record as it was known then. A POST, because a NIK never goes into a URL (server logs,
proxies and browser history keep URLs; ADR 0007). ``GET /api/coverage/arrears`` lists the members with unpaid due months.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from django.views.decorators.cache import never_cache
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lindung.billing.selectors import CoverageNotFound, arrears_list, coverage_on

from ..permissions import require
from ..schemas import Code, RegionCode, answers

router = Router(tags=["coverage"])
# Both answers name people: no browser or proxy keeps a copy.
router.add_decorator(never_cache, mode="view")

Nik = Annotated[str, Field(pattern=r"^[0-9]{16}$")]
Kpj = Annotated[str, Field(pattern=r"^[0-9]{11}$")]
# Any calendar date is valid input; one outside the years Lindung keeps records for is answered 400 with the
# reason (``_in_range``), not a schema error, because OpenAPI cannot state a range of dates.
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _in_range(day: dt.date | None) -> dt.date | None:
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise HttpError(400, f"Tanggal {day:%d-%m-%Y} di luar rentang 2000–2100.")
    return day


class CoverageOut(Schema):
    enrolment_id: int
    programme_code: str
    programme_name: str
    day: dt.date
    covered: bool
    why: str = Field(description="Alasan, mis. 'aktif sejak 03-02-2026, iuran lunas sampai Mei 2026'.")
    legal_basis: str


class ArrearsRowOut(Schema):
    enrolment_id: int
    worker_id: int
    full_name: str
    nik: str
    kpj: str
    village_code: str
    village_name: str
    programme: str
    status: str
    unpaid_months: list[str]
    unpaid_labels: list[str]
    streak: int
    amount: int
    lapses_on: dt.date | None
    non_active_since: dt.date | None
    note: str


class ArrearsOut(Schema):
    as_of: dt.date
    count: int
    amount: int
    rows: list[ArrearsRowOut]


class CoverageIn(Schema):
    date: dt.date
    nik: Nik | None = None
    kpj: Kpj | None = None


@router.post("", response=answers(list[CoverageOut], 400, 403, 404))
def coverage(request, body: CoverageIn):
    """Was the person (by NIK or KPJ) covered on ``date``, and by which programme (payments made by then)."""
    require(request, "worker.view")
    if not (body.nik or body.kpj):
        raise HttpError(400, "Isi nik atau kpj.")
    _in_range(body.date)
    try:
        found = coverage_on(actor=request.user, day=body.date, nik=body.nik, kpj=body.kpj)
    except CoverageNotFound as exc:
        raise HttpError(404, str(exc)) from exc
    return [a.to_dict() for a in found]


@router.get("/arrears", response=answers(ArrearsOut, 400, 403))
def arrears(request, programme: Code = "", village: RegionCode = "", as_of: dt.date | None = None):
    """Members with unpaid due months, in the caller's region: months, amount and the day they lapse."""
    require(request, "bill.view")
    _in_range(as_of)
    result = arrears_list(
        actor=request.user,
        as_of=as_of or timezone.localdate(),
        programme=programme or None,
        village=village or None,
        channel="API",
    )
    return {
        "as_of": result.as_of,
        "count": len(result.rows),
        "amount": result.amount,
        "rows": [r.to_dict() for r in result.rows],
    }
