"""Take one demo programme's people through the real services: proposal, review, submission, payments,
activation, ending and lapse, so that every enrolment status shows up."""

from __future__ import annotations

import datetime as dt
import random

from lindung.billing.selectors import last_due_month
from lindung.billing.services import PaymentRow, enrolments_activate, enrolments_lapse, payments_record
from lindung.contributions.calculator import QuoteCache
from lindung.core.months import month_range
from lindung.enrolment.models import Status
from lindung.enrolment.services import enrolments_propose, enrolments_transition
from lindung.people.models import Worker
from lindung.programmes.models import Programme

from .plans import Plan

_REJECTIONS = [
    "NIK tidak sesuai KTP",
    "Sudah terdaftar sebagai peserta PU",
    "Bukan warga desa ini",
    "Data ganda",
]
_END_REASONS = ["death", "moved", "wage_earner"]
# A laggard leaves this many months more unpaid than the payment rule tolerates, so that it lapses.
_LAGGARD_EXTRA_UNPAID = 2


def _pay(rng, programme, ids_by_worker, workers, months_for, quotes) -> int:
    """Record payments: each enrolment pays the months ``months_for(id)`` gives, in the month itself."""
    rows = []
    income = {w.pk: w.fixed_income for w in workers}
    category = {w.pk: w.category for w in workers}
    for worker_id, eid in ids_by_worker.items():
        for month in months_for(eid):
            inc = programme.declared_income if programme.segment == "BPU" else income[worker_id]
            amount = quotes.quote(month, inc, category[worker_id]).total
            rows.append(
                PaymentRow(
                    eid, month, month.replace(day=rng.randint(2, 14)), amount, f"DEMO-{eid}-{month:%Y%m}"
                )
            )
    return payments_record(actor=None, rows=rows).recorded


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


def _pay_and_activate(rng, plan, programme, workers, created, active, insurer, today) -> int:
    """Everyone pays the months due so far except the laggards, who stop early enough to lapse."""
    quotes = QuoteCache(programme)
    last_due = min(last_due_month(segment=programme.segment, as_of=today), programme.end_month)
    all_due = month_range(programme.start_month, last_due)
    tolerated = quotes.rules.payment_rule(programme.segment, today).lapse_after_unpaid_months
    laggards = set(active[: round(len(active) * plan.laggards)])
    active_set = set(active)
    by_worker = {w: e for w, e in created.items() if e in active_set}

    def months_for(eid: int) -> list[dt.date]:
        if eid in laggards:
            return all_due[: max(1, len(all_due) - tolerated - _LAGGARD_EXTRA_UNPAID)]
        return all_due

    payments = _pay(rng, programme, by_worker, workers, months_for, quotes)
    enrolments_activate(
        actor=insurer,
        ids=active,
        # Synthetic KPJs: 11 digits, unique because the enrolment id is.
        per_id={eid: {"kpj": f"9{programme.pk % 10}{eid % 10**9:09d}"} for eid in active},
        today=today,
    )
    return payments


def demo_run(rng, plan: Plan, programme: Programme, workers: list[Worker], today: dt.date, users) -> int:
    """Propose the plan's people and take them to the statuses the plan asks for; returns payments made."""
    proposer, verifier, insurer = (users.get(name) for name in plan.actors)
    report = enrolments_propose(
        actor=proposer,
        programme=programme,
        worker_ids=[w.pk for w in workers],
        reason="Usulan demo",
        today=today,
    )
    created = report.created  # worker id -> enrolment id
    parts, active = _split(rng, plan, list(created.values()))
    _review(rng, parts, active, verifier, insurer, today)
    payments = _pay_and_activate(rng, plan, programme, workers, created, active, insurer, today)
    laggards = round(len(active) * plan.laggards)
    for eid in active[laggards : laggards + round(len(active) * plan.ended)]:
        enrolments_transition(
            actor=users.get(plan.actors[0]),
            ids=[eid],
            to_status=Status.ENDED,
            end_reason=rng.choice(_END_REASONS),
            end_date=today - dt.timedelta(days=rng.randint(5, 60)),
            reason="Dilaporkan operator desa",
            today=today,
        )
    enrolments_lapse(actor=None, as_of=today, programme=programme)
    return payments
