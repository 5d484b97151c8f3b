"""Writes on claims: reporting an event, the case file (heirs, documents, status), the insurer's decision."""

from .casefile import claim_document_tick, claim_heir_add, claim_status_set
from .common import ClaimRefused
from .decide import DecideReport, Decision, claim_decide, claims_decide
from .reminders import reminders_mark_overdue
from .report import ClaimReport, claim_report, requirements_for
from .status import claim_status_change

__all__ = [
    "ClaimRefused",
    "ClaimReport",
    "DecideReport",
    "Decision",
    "claim_decide",
    "claim_document_tick",
    "claim_heir_add",
    "claim_report",
    "claim_status_change",
    "claim_status_set",
    "claims_decide",
    "reminders_mark_overdue",
    "requirements_for",
]
