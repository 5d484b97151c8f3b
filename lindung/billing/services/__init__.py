"""Writes on the money: bills, payments, statements reconciled, and the status changes payments cause."""

from .bills import BillRefused, amount_parse, bill_adjust, bill_issue, bill_outstanding, credits_post
from .bills_pay import bill_export, bill_pay
from .lifecycle import (
    DailyReport,
    billing_daily,
    enrolment_activate,
    enrolment_lapse,
    enrolment_reactivate,
    enrolments_activate,
    enrolments_change_status,
    enrolments_lapse,
    enrolments_reactivate,
    first_payment_dates,
)
from .payments import (
    PaymentRefused,
    PaymentRow,
    PaymentsReport,
    payment_amount,
    payment_record,
    payments_record,
)
from .statements import STATEMENT_COLUMNS, StatementRefused, statement_import
from .statements_resolve import ResolveRefused, ResolveReport, statement_line_resolve, statement_lines_resolve

__all__ = [
    "STATEMENT_COLUMNS",
    "BillRefused",
    "DailyReport",
    "PaymentRefused",
    "PaymentRow",
    "PaymentsReport",
    "ResolveRefused",
    "ResolveReport",
    "StatementRefused",
    "amount_parse",
    "bill_adjust",
    "bill_export",
    "bill_issue",
    "bill_outstanding",
    "bill_pay",
    "billing_daily",
    "credits_post",
    "enrolment_activate",
    "enrolment_lapse",
    "enrolment_reactivate",
    "enrolments_activate",
    "enrolments_change_status",
    "enrolments_lapse",
    "enrolments_reactivate",
    "first_payment_dates",
    "payment_amount",
    "payment_record",
    "payments_record",
    "statement_import",
    "statement_line_resolve",
    "statement_lines_resolve",
]
