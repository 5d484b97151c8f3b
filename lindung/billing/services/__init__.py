"""Writes on the money: payments recorded, and the status changes that follow from them."""

from .lifecycle import (
    enrolment_activate,
    enrolment_lapse,
    enrolment_reactivate,
    enrolments_activate,
    enrolments_change_status,
    enrolments_lapse,
    first_payment_dates,
)
from .payments import PaymentRefused, PaymentRow, PaymentsReport, payment_record, payments_record

__all__ = [
    "PaymentRefused",
    "PaymentRow",
    "PaymentsReport",
    "enrolment_activate",
    "enrolment_lapse",
    "enrolment_reactivate",
    "enrolments_activate",
    "enrolments_change_status",
    "enrolments_lapse",
    "first_payment_dates",
    "payment_record",
    "payments_record",
]
