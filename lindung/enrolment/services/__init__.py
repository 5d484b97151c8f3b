"""Writes on enrolments: the lifecycle, proposals, decisions on many at once, and village quotas."""

from .decisions import (
    CAPABILITY_FOR_TARGET,
    MAX_IDS,
    PAYMENT_CHECKED,
    DecisionRefused,
    decision_prepare,
    enrolments_decide,
)
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

__all__ = [
    "CAPABILITY_FOR_TARGET",
    "MAX_IDS",
    "PAYMENT_CHECKED",
    "DecisionRefused",
    "EnrolmentIneligible",
    "EnrolmentRefused",
    "ProposeReport",
    "QuotaRefused",
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
    "enrolments_propose",
    "enrolments_transition",
    "village_quota_set",
    "village_quotas_set",
]
