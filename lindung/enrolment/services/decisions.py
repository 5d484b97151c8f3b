"""Deciding on many enrolments at once: the use case behind the verification queue, the API and the CLI.

The actor's capability for the target status and its region come first; ids outside its region are refused
as "not found" and the attempt is on the record. The lifecycle itself is ``lifecycle.enrolments_transition``.
Moves to active or non-active depend on payments and go through ``billing.services.enrolments_change_status``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lindung.accounts.access import access_denied, access_require

from ..models import Enrolment, Status
from ..selectors import enrolments_visible_to
from .lifecycle import EnrolmentRefused, TransitionReport, enrolments_transition

MAX_IDS = 10_000
# Which capability may move an enrolment to each status.
CAPABILITY_FOR_TARGET = {
    Status.VERIFIED: "enrolment.verify",
    Status.REJECTED: "enrolment.verify",
    Status.PROPOSED: "enrolment.propose",
    Status.SUBMITTED: "insurer.export",
    Status.ACTIVE: "insurer.reply",
    Status.NON_ACTIVE: "insurer.reply",
    Status.ENDED: "enrolment.end",
}
# Targets whose rules read payments (first payment, arrears): billing decides those.
PAYMENT_CHECKED = frozenset({Status.ACTIVE, Status.NON_ACTIVE})


class DecisionRefused(EnrolmentRefused):
    """The request itself is wrong (unknown status, too many ids); nothing was changed."""


def decision_prepare(*, actor, ids: Iterable[int], to_status: str) -> tuple[list[int], dict[int, str]]:
    """The ids the actor may move to ``to_status``, and the refused ones with their reason.

    Raises ``AccessRefused`` when the role may not make this move at all (audited), ``DecisionRefused`` for
    an unknown status or more than ``MAX_IDS`` ids.
    """
    if to_status not in Status.values:
        raise DecisionRefused(
            f'Status tujuan "{to_status}" tidak dikenal; pilih: {", ".join(Status.values)}.'
        )
    access_require(actor, CAPABILITY_FOR_TARGET[Status(to_status)], object_type="enrolment", what=to_status)
    ids = list(dict.fromkeys(int(i) for i in ids))
    if len(ids) > MAX_IDS:
        raise DecisionRefused(f"Paling banyak {MAX_IDS:,} kepesertaan sekali kirim.".replace(",", "."))
    visible = set(enrolments_visible_to(actor).filter(id__in=ids).values_list("id", flat=True))
    hidden = [i for i in ids if i not in visible]
    for eid, village in Enrolment.objects.filter(id__in=hidden).values_list("id", "village_id"):
        access_denied(
            actor,
            object_type="enrolment",
            object_id=eid,
            region_code=village,
            summary=f"Akses ditolak: ubah status kepesertaan di luar wilayah ({to_status})",
        )
    refused = {i: f"Kepesertaan #{i} tidak ditemukan di wilayah Anda." for i in hidden}
    return [i for i in ids if i in visible], refused


def enrolments_decide(
    *, actor, ids: Iterable[int], to_status: str, reason: str = "", **fields: Any
) -> TransitionReport:
    """Move the enrolments the actor may touch to ``to_status``; report every other id with its reason."""
    if to_status in PAYMENT_CHECKED:
        raise DecisionRefused(
            "Status aktif dan non-aktif mengikuti pembayaran iuran; gunakan jalur pembayaran (billing)."
        )
    allowed, refused = decision_prepare(actor=actor, ids=ids, to_status=to_status)
    report = enrolments_transition(actor=actor, ids=allowed, to_status=to_status, reason=reason, **fields)
    report.refused = refused | report.refused
    return report
