"""Meetings over the monev test dataset (tests/monev/builders.py): Kapuas, March and April 2026.

In March, Pulau Mambulau (62.03.17.2002) holds 7 of its 10 places and its neighbour 62.03.17.2003 holds 2 of
10 (below half). ``fill_neighbour`` proposes people there, so that April's figures differ from March's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lindung.enrolment.models import Status
from lindung.meetings.services import Attendee, RecommendationInput, meeting_record, recommendation_adopt
from lindung.monev.selectors import forget_state
from lindung.monev.services import monev_refresh
from lindung.programmes.models import Programme
from tests.monev.builders import BATAGUH, KAPUAS, MAMBULAU, NEIGHBOUR, enrol, make_programme
from tests.people.builders import make_worker

MARCH = dt.date(2026, 3, 1)
APRIL = dt.date(2026, 4, 1)
TODAY = dt.date(2026, 5, 20)
ATTENDANCE = [
    Attendee("dpmd", name="Ir. Budi Santoso"),
    Attendee("bpjs"),
    Attendee("camat", region_code="62.03.17"),
    Attendee("kepala_desa", region_code=NEIGHBOUR, name="Yohanes"),
]

__all__ = ["KAPUAS", "MAMBULAU", "NEIGHBOUR"]


def build(period: dt.date) -> None:
    monev_refresh(period=period, today=TODAY)
    forget_state()


@dataclass
class World:
    kapuas: Programme


def march_world() -> World:
    """A Kapuas programme covering Kecamatan Bataguh (10 places per village), built for March: Pulau Mambulau
    holds 7 places (4 active), its neighbour 2 (below half)."""
    programme = make_programme("kapuas-2026", KAPUAS, coverage_region_id=BATAGUH)
    serial = iter(range(1, 100))
    for status in [Status.ACTIVE] * 4 + [Status.PROPOSED, Status.VERIFIED, Status.SUBMITTED]:
        enrol(make_worker(serial=next(serial), village_code=MAMBULAU), programme, status)
    for status in (Status.ACTIVE, Status.PROPOSED):
        enrol(make_worker(serial=next(serial), village_code=NEIGHBOUR), programme, status)
    build(MARCH)
    return World(kapuas=programme)


def fill_neighbour(programme, n: int = 3) -> None:
    """Propose ``n`` more people in the neighbouring village (2 of 10 places → 2 + n)."""
    for i in range(n):
        enrol(make_worker(serial=500 + i, village_code=NEIGHBOUR), programme, Status.PROPOSED)


def record(actor=None, *, held_on=dt.date(2026, 3, 25), period=MARCH, region=KAPUAS, **extra):
    return meeting_record(
        actor=actor,
        region_code=region,
        held_on=held_on,
        place="Aula DPMD Kuala Kapuas",
        period=period,
        attendance=ATTENDANCE,
        chair_name="Drs. H. Sukarno",
        chair_title="Kepala DPMD",
        today=TODAY,
        **extra,
    )


def adopt(meeting, actor=None, **fields):
    values = {"title": "Desa 62.03.17.2003 mengisi kuotanya", "due_on": dt.date(2026, 3, 31)} | fields
    return recommendation_adopt(actor=actor, meeting=meeting, data=RecommendationInput(**values))
