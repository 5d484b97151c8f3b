"""Claims for tests: reported through the service, on members made by the real enrolment transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lindung.claims.services import claim_report
from lindung.enrolment.models import Status
from tests.enrolment.builders import make_enrolment

D = dt.date
TODAY = D(2026, 11, 22)
# A member active from 10 January 2026 with January–May paid: covered on 19 May, with no arrears.
DEATH_DAY = D(2026, 5, 19)


def member(paid_months: int = 5, status: str = Status.ACTIVE, **kwargs: Any):
    return make_enrolment(status, paid_months=paid_months, **kwargs)


def report(
    actor=None, *, enrolment=None, kind: str = "death", event_date: dt.date = DEATH_DAY, **kwargs: Any
):
    """Report an event for the enrolment's worker (a new paying member unless given)."""
    if enrolment is None and "nik" not in kwargs and "worker" not in kwargs:
        enrolment = member()
    if enrolment is not None:
        kwargs.setdefault("worker", enrolment.worker)
    kwargs.setdefault("place", "Desa Pulau Mambulau")
    kwargs.setdefault("account", "Jatuh dari perahu saat mencari ikan")
    kwargs.setdefault("today", TODAY)
    return claim_report(actor=actor, kind=kind, event_date=event_date, **kwargs)
