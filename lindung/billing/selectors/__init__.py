"""Reads on the money: due dates and arrears, bills, statements, coverage on a date."""

from .arrears import (
    Arrears,
    arrears_streaks,
    due_date,
    enrolment_arrears,
    enrolments_due_to_lapse,
    enrolments_in_arrears,
    first_owed_month,
    is_working_day,
    lapse_due_groups,
    last_due_month,
    next_working_day,
    payments_for,
    programme_last_due,
    reactivation_due_by_programme,
    streak_q,
)
from .arrears_list import ArrearsList, ArrearsRow, arrears_list, arrears_warnings
from .coverage import CoverageAnswer, CoverageNotFound, coverage_on
from .statements import statement_counts, statement_for, statement_lines, statements_visible_to

__all__ = [
    "Arrears",
    "ArrearsList",
    "ArrearsRow",
    "CoverageAnswer",
    "CoverageNotFound",
    "arrears_list",
    "arrears_streaks",
    "arrears_warnings",
    "coverage_on",
    "due_date",
    "enrolment_arrears",
    "enrolments_due_to_lapse",
    "enrolments_in_arrears",
    "first_owed_month",
    "is_working_day",
    "lapse_due_groups",
    "last_due_month",
    "next_working_day",
    "payments_for",
    "programme_last_due",
    "reactivation_due_by_programme",
    "statement_counts",
    "statement_for",
    "statement_lines",
    "statements_visible_to",
    "streak_q",
]
