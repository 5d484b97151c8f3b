"""Reads on the money: due dates and arrears, bills, statements, coverage on a date."""

from .arrears import (
    Arrears,
    due_date,
    enrolment_arrears,
    enrolments_due_to_lapse,
    first_owed_month,
    is_working_day,
    lapse_due_by_programme,
    last_due_month,
    next_working_day,
    payments_for,
)

__all__ = [
    "Arrears",
    "due_date",
    "enrolment_arrears",
    "enrolments_due_to_lapse",
    "first_owed_month",
    "is_working_day",
    "lapse_due_by_programme",
    "last_due_month",
    "next_working_day",
    "payments_for",
]
