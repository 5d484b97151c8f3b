"""Take one demo programme's people through the real services: proposal, review, submission, then a year of
bills and payments with activation and ending (``money``), so that every enrolment status shows up."""

from __future__ import annotations

import datetime as dt
import random

from lindung.enrolment.models import Status
from lindung.enrolment.services import enrolments_propose, enrolments_transition
from lindung.people.models import Worker
from lindung.programmes.models import Programme

from .money import MoneyPlan, Showcase, last_paid_months, money_run
from .plans import Plan

_REJECTIONS = [
    "NIK tidak sesuai KTP",
    "Sudah terdaftar sebagai peserta PU",
    "Bukan warga desa ini",
    "Data ganda",
]
_END_REASONS = ["death", "moved", "wage_earner"]


def _split(rng: random.Random, plan: Plan, ids: list[int]) -> tuple[dict[str, list[int]], list[int]]:
    """Shuffle the enrolments and cut them into the plan's status shares; the rest become active."""
    ids = list(ids)
    rng.shuffle(ids)
    cut = 0
    parts: dict[str, list[int]] = {}
    for status in (Status.PROPOSED, Status.REJECTED, Status.VERIFIED, Status.SUBMITTED):
        n = round(len(ids) * plan.shares.get(status, 0))
        parts[status] = ids[cut : cut + n]
        cut += n
    return parts, ids[cut:]


def _review(rng, parts: dict[str, list[int]], active: list[int], verifier, insurer, today: dt.date) -> None:
    """Reject some, verify the rest, and submit those meant to go further."""
    for eid in parts[Status.REJECTED]:
        enrolments_transition(
            actor=verifier, ids=[eid], to_status=Status.REJECTED, reason=rng.choice(_REJECTIONS)
        )
    later = parts[Status.VERIFIED] + parts[Status.SUBMITTED] + active
    enrolments_transition(
        actor=verifier, ids=later, to_status=Status.VERIFIED, reason="Sesuai KTP dan KK", today=today
    )
    enrolments_transition(
        actor=insurer,
        ids=parts[Status.SUBMITTED] + active,
        to_status=Status.SUBMITTED,
        reason="Dikirim kolektif",
    )


def _money_plan(rng, plan: Plan, programme, active: list[int], today: dt.date, ender):
    """Who stops paying (laggards, and in the showcase programme two lapsing and one reactivated member),
    who ends when (the first of them dies), and the KPJs the insurer will issue."""
    laggards = active[: round(len(active) * plan.laggards)]
    rest = active[len(laggards) :]
    showcase = None
    if plan.showcase:
        showcase = Showcase(programme=programme, lapsing=rest[:2], reactivated=rest[2], laggards=laggards)
        rest = rest[3:]
    ending = rest[: round(len(active) * plan.ended)]
    ended = {eid: (today - dt.timedelta(days=rng.randint(5, 60)), rng.choice(_END_REASONS)) for eid in ending}
    if ending:
        ended[ending[0]] = (today - dt.timedelta(days=45), "death")
    if showcase is not None:
        showcase.dead = ending[0] if ending else None
        showcase.payers = rest[len(ending) : len(ending) + 5]
    money = MoneyPlan(
        programme=programme,
        active=active,
        stops=last_paid_months(programme, today, laggards, showcase),
        ended=ended,
        # Synthetic KPJs: 11 digits, unique because the enrolment id is.
        kpj={eid: {"kpj": f"9{programme.pk % 10}{eid % 10**9:09d}"} for eid in active},
        ender=ender,
    )
    return money, showcase


def demo_run(rng, plan: Plan, programme: Programme, workers: list[Worker], today: dt.date, users):
    """Propose the plan's people and take them to the statuses the plan asks for, with a year of bills and
    payments; returns the showcase members (None outside the showcase programme)."""
    proposer, verifier, insurer = (users.get(name) for name in plan.actors)
    report = enrolments_propose(
        actor=proposer,
        programme=programme,
        worker_ids=[w.pk for w in workers],
        reason="Usulan demo",
        today=today,
    )
    parts, active = _split(rng, plan, list(report.created.values()))
    _review(rng, parts, active, verifier, insurer, today)
    money, showcase = _money_plan(rng, plan, programme, active, today, users.get(plan.actors[0]))
    money_run(rng, money, today, insurer)
    return showcase
