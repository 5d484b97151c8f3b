"""What every claim service shares: the refusal, the history row, benefits recomputed from the rows."""

from __future__ import annotations

from django.utils import timezone

from lindung.core.services import actor_label

from ..benefits import claim_benefits, total
from ..models import Claim, ClaimEvent, ClaimKind, Relationship
from ..rules import ClaimRules

SCHOLARSHIP_QUESTION = "Beasiswa pendidikan anak"


class ClaimRefused(Exception):
    """A claim input or move refused; ``errors`` maps a field (or ``__all__``) to its Indonesian message."""

    def __init__(self, errors: dict[str, str] | str):
        self.errors = errors if isinstance(errors, dict) else {"__all__": errors}
        super().__init__(" ".join(self.errors.values()))


def refuse_if(errors: dict[str, str]) -> None:
    if errors:
        raise ClaimRefused(errors)


def history(
    claim: Claim, actor, message: str, *, from_status: str = "", to_status: str = "", **detail
) -> ClaimEvent:
    return ClaimEvent.objects.create(
        claim=claim,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
        from_status=from_status,
        to_status=to_status,
        message=message[:500],
        detail=detail,
    )


def scholarship_entitled(claim: Claim) -> bool:
    return any(a.get("question") == SCHOLARSHIP_QUESTION and a.get("yes") for a in claim.entitlement or [])


def benefits_compute(claim: Claim, rules: ClaimRules) -> None:
    """Set ``benefits`` and ``expected_amount`` from the rule rows: nothing for a case with no entitlement,
    no amount for an accident (medical care as needed, STMB per month), the total for a death."""
    if not claim.covered:
        claim.benefits, claim.expected_amount = [], (0 if claim.kind == ClaimKind.DEATH else None)
        return
    children = (
        [
            h.school_level
            for h in claim.heirs.filter(relationship=Relationship.CHILD)
            .exclude(school_level="")
            .order_by("id")
        ]
        if claim.pk
        else []
    )
    lines = claim_benefits(
        rules,
        kind=claim.kind,
        work_related=claim.work_related,
        income=claim.declared_income,
        scholarship=scholarship_entitled(claim),
        child_levels=children,
        total_disability=claim.total_disability,
    )
    claim.benefits = [line.to_dict() for line in lines]
    has_sum = claim.kind == ClaimKind.DEATH or claim.total_disability
    claim.expected_amount = total(lines) if has_sum else None


def now():
    return timezone.now()
