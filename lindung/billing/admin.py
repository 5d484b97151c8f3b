"""Read-only: bills, payments and statements change only through billing.services (pages, API, CLI), which
check, audit and keep issued bills frozen."""

from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin

from .models import Bill, BillLine, BillPayment, Credit, Payment, Statement, StatementLine, StatementRow


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "enrolment",
        "month",
        "amount",
        "paid_on",
        "reference",
        "source",
        "statement",
        "statement_row",
    ]
    list_filter = ["month", "source"]
    raw_id_fields = ["enrolment", "statement"]
    search_fields = ["reference", "enrolment__kpj"]
    date_hierarchy = "month"


@admin.register(Bill)
class BillAdmin(ReadOnlyAdmin):
    list_display = ["number", "programme", "month", "due_date", "issued_at"]
    list_filter = ["month"]
    search_fields = ["number", "programme__code"]


@admin.register(BillLine)
class BillLineAdmin(ReadOnlyAdmin):
    list_display = ["bill", "enrolment", "village", "kind", "amount", "reason"]
    list_filter = ["kind"]
    raw_id_fields = ["bill", "enrolment", "village"]


@admin.register(BillPayment)
class BillPaymentAdmin(ReadOnlyAdmin):
    list_display = ["bill", "amount", "paid_on", "reference", "status"]
    list_filter = ["status"]
    search_fields = ["reference"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "programme", "kind", "uploaded_at"]
    list_filter = ["kind"]


@admin.register(StatementLine)
class StatementLineAdmin(ReadOnlyAdmin):
    list_display = ["statement", "row_number", "outcome", "resolution", "amount", "due"]
    list_filter = ["outcome", "resolution"]
    raw_id_fields = ["statement", "enrolment"]


@admin.register(StatementRow)
class StatementRowAdmin(ReadOnlyAdmin):
    """Every line of a statement, matched ones included (a database view; a matched line's id is minus its
    payment's id)."""

    list_display = ["statement", "row_number", "outcome", "resolution", "amount", "due"]
    list_filter = ["outcome", "resolution"]
    raw_id_fields = ["statement", "enrolment"]


@admin.register(Credit)
class CreditAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "month", "amount", "reason"]
    raw_id_fields = ["enrolment", "statement_line", "line"]
