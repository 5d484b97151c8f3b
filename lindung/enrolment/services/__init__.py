"""Writes on enrolments: the lifecycle, proposals, decisions on many at once, and village quotas."""

from .bulk import enrolments_move_selected
from .decisions import (
    CAPABILITY_FOR_TARGET,
    MAX_IDS,
    PAYMENT_CHECKED,
    DecisionRefused,
    decision_prepare,
    enrolments_decide,
)
from .handover import HandoverRefused, HandoverReport, handover_confirm, handover_preview
from .lifecycle import (
    EnrolmentIneligible,
    EnrolmentRefused,
    TransitionRefused,
    TransitionReport,
    enrolment_end,
    enrolment_reject,
    enrolment_submit,
    enrolment_transition,
    enrolment_verify,
    enrolments_transition,
)
from .proposals import ProposeReport, enrolment_propose, enrolment_repropose, enrolments_propose
from .quotas import QuotaRefused, village_quota_set, village_quotas_set
from .renewal import RenewalRefused, RenewalReport, renewal_check, renewal_confirm, renewal_preview

__all__ = [
    "CAPABILITY_FOR_TARGET",
    "DecisionRefused",
    "EnrolmentIneligible",
    "EnrolmentRefused",
    "HandoverRefused",
    "HandoverReport",
    "MAX_IDS",
    "PAYMENT_CHECKED",
    "ProposeReport",
    "QuotaRefused",
    "RenewalRefused",
    "RenewalReport",
    "TransitionRefused",
    "TransitionReport",
    "decision_prepare",
    "enrolment_end",
    "enrolment_propose",
    "enrolment_reject",
    "enrolment_repropose",
    "enrolment_submit",
    "enrolment_transition",
    "enrolment_verify",
    "enrolments_decide",
    "enrolments_move_selected",
    "enrolments_propose",
    "enrolments_transition",
    "handover_confirm",
    "handover_preview",
    "renewal_check",
    "renewal_confirm",
    "renewal_preview",
    "village_quota_set",
    "village_quotas_set",
]
