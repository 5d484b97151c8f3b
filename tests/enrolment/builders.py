"""Enrolments in any status, reached through the real transitions (and real payments where needed)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from lindung.billing.services import enrolment_activate, enrolment_lapse, payment_record
from lindung.enrolment import services as s
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import village_quotas_set
from lindung.programmes.models import Programme
from tests.people.builders import PULAU_MAMBULAU, make_worker
from tests.programmes.builders import current_programme, make_programme

_serials = itertools.count(100)
TODAY = dt.date(2026, 11, 22)
FIRST_PAID = dt.date(2026, 1, 10)


def new_worker(**overrides: Any):
    overrides.setdefault("serial", next(_serials))
    return make_worker(**overrides)


def kpj_for(enrolment_id: int) -> str:
    return f"{26000000000 + enrolment_id:011d}"


def make_enrolment(
    status: str = Status.PROPOSED,
    *,
    programme: Programme | None = None,
    worker=None,
    actor=None,
    paid_months: int = 1,
    today: dt.date | None = None,
) -> Enrolment:
    """An enrolment moved to ``status`` by the services. Active ones have ``paid_months`` paid from the start.

    ``today`` defaults to 22 November of the programme's fiscal year, so results never depend on the clock.
    """
    programme = programme or make_programme()
    today = today or TODAY.replace(year=programme.fiscal_year)
    worker = worker or new_worker()
    enrolment, _ = s.enrolment_propose(actor=actor, worker=worker, programme=programme, today=today)
    if status == Status.PROPOSED:
        return enrolment
    if status == Status.REJECTED:
        return s.enrolment_reject(actor=actor, enrolment=enrolment, reason="NIK tidak sesuai KTP")
    s.enrolment_verify(actor=actor, enrolment=enrolment)
    if status == Status.VERIFIED:
        return enrolment
    s.enrolment_submit(actor=actor, enrolment=enrolment)
    if status == Status.SUBMITTED:
        return enrolment
    if status == Status.ENDED:
        return s.enrolment_end(actor=actor, enrolment=enrolment, end_reason="withdrawn", today=today)
    for i in range(paid_months):
        month = programme.covered_months()[i]
        paid_on = max(FIRST_PAID.replace(year=programme.fiscal_year), month)
        payment_record(actor=actor, enrolment=enrolment, month=month, paid_on=paid_on)
    enrolment_activate(actor=actor, enrolment=enrolment, kpj=kpj_for(enrolment.pk), today=today)
    if status == Status.ACTIVE:
        return enrolment
    if status == Status.NON_ACTIVE:
        return enrolment_lapse(actor=actor, enrolment=enrolment, as_of=today)
    raise ValueError(status)


def programmes_with_places(count: int, sponsor) -> None:
    """CSR programmes (so the sponsor sees them too), each with a place taken and a quota override."""
    for _ in range(count):
        programme = current_programme(funding_source="csr", sponsor=sponsor.pk)
        make_enrolment(programme=programme)
        village_quotas_set(actor=None, programme=programme, quotas={PULAU_MAMBULAU: 120})
