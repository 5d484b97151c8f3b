"""One entry for every status move, for the pages, the API and the CLI: the office's moves or the insurer's."""

from __future__ import annotations

import datetime as dt

from ..models import Claim, ClaimStatus
from .casefile import claim_status_set
from .common import ClaimRefused
from .decide import claim_decide


def claim_status_change(
    *,
    actor,
    claim: Claim,
    to_status: str,
    amount: int | None = None,
    paid_on: dt.date | None = None,
    reason: str = "",
    today: dt.date | None = None,
) -> tuple[Claim, str]:
    """Documents complete or submitted (``claim.manage``); paid or refused (``claim.decide``). Returns the case
    and a note to show (a paid amount that differs from the computed entitlement)."""
    if to_status in (ClaimStatus.PAID, ClaimStatus.REFUSED):
        return claim_decide(
            actor=actor,
            claim=claim,
            outcome=to_status,
            amount=amount,
            paid_on=paid_on,
            reason=reason,
            today=today,
        )
    if to_status not in ClaimStatus.values:
        choices = ", ".join(f"{c} ({label})" for c, label in ClaimStatus.choices)
        raise ClaimRefused({"status": f'Status "{to_status}" tidak dikenal; pilih {choices}.'})
    return claim_status_set(actor=actor, claim=claim, to_status=to_status, today=today), ""
