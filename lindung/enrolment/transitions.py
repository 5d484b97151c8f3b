"""The enrolment lifecycle as one table. Every status change in Lindung is a row of ``TRANSITIONS``.

In short: proposed → verified → submitted → active ⇄ non_active; proposed, verified or submitted → rejected
→ proposed again (repropose); anything not yet ended or rejected → ended.

``reject`` is allowed until the insurer has activated the membership (the insurer itself may refuse a
submitted person). ``end`` also closes a membership that never started (a death or a withdrawal before
activation), so that it stops occupying the village quota.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Status

S = Status


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    # Indonesian verb for messages: "tidak dapat diverifikasi".
    passive: str
    # Fields the caller must give (checked by services before any write).
    requires: tuple[str, ...] = ()


TRANSITIONS: tuple[Transition, ...] = (
    Transition("verify", frozenset({S.PROPOSED}), S.VERIFIED, "diverifikasi"),
    Transition(
        "reject", frozenset({S.PROPOSED, S.VERIFIED, S.SUBMITTED}), S.REJECTED, "ditolak", ("reason",)
    ),
    Transition("repropose", frozenset({S.REJECTED}), S.PROPOSED, "diusulkan ulang"),
    Transition("submit", frozenset({S.VERIFIED}), S.SUBMITTED, "dikirim ke BPJS"),
    Transition("activate", frozenset({S.SUBMITTED}), S.ACTIVE, "diaktifkan", ("kpj", "start_date")),
    Transition("lapse", frozenset({S.ACTIVE}), S.NON_ACTIVE, "dinonaktifkan"),
    Transition("reactivate", frozenset({S.NON_ACTIVE}), S.ACTIVE, "diaktifkan kembali"),
    Transition(
        "end",
        frozenset({S.PROPOSED, S.VERIFIED, S.SUBMITTED, S.ACTIVE, S.NON_ACTIVE}),
        S.ENDED,
        "diakhiri",
        ("end_reason", "end_date"),
    ),
)

BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}
BY_PAIR: dict[tuple[str, str], Transition] = {(s, t.target): t for t in TRANSITIONS for s in t.sources}

# Statuses that hold a place in a programme's quota and budget.
OCCUPYING: frozenset[str] = frozenset({S.PROPOSED, S.VERIFIED, S.SUBMITTED, S.ACTIVE, S.NON_ACTIVE})
# Statuses in which a programme is (or is about to be) paying: another programme may not pay the same months.
FUNDED: frozenset[str] = frozenset({S.PROPOSED, S.VERIFIED, S.SUBMITTED, S.ACTIVE})


def status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def transition_for(from_status: str, to_status: str) -> Transition | None:
    return BY_PAIR.get((from_status, to_status))


def allowed_targets(from_status: str) -> list[str]:
    return [t.target for t in TRANSITIONS if from_status in t.sources]


def refusal_message(enrolment_id: int, from_status: str, to_status: str) -> str:
    """Why a jump is illegal, in the words a verifier would use."""
    targets = allowed_targets(from_status)
    allowed = ", ".join(status_label(t) for t in targets) if targets else "tidak ada (status akhir)"
    return (
        f"Kepesertaan #{enrolment_id} berstatus {status_label(from_status)}; tidak dapat diubah menjadi "
        f"{status_label(to_status)}. Dari status {status_label(from_status)} hanya dapat menjadi: {allowed}."
    )
