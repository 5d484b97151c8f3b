"""Read-only: payments are recorded through billing.services (pages, API, CLI), which checks and audits them."""

from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin

from .models import Payment


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "month", "amount", "paid_on", "reference"]
    list_filter = ["month"]
    raw_id_fields = ["enrolment"]
    search_fields = ["reference", "enrolment__kpj"]
    date_hierarchy = "month"
