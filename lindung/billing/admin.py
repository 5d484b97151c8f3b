from django.contrib import admin

from .models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "month", "amount", "paid_on", "reference"]
    list_filter = ["month"]
    raw_id_fields = ["enrolment"]
    search_fields = ["reference", "enrolment__kpj"]
    date_hierarchy = "month"
