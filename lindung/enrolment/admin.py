"""Read-only: status changes go through enrolment.services, which checks the transition table and writes history."""

from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import Enrolment, EnrolmentEvent


class EnrolmentEventInline(ReadOnlyTabularInline):
    model = EnrolmentEvent


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["id", "worker", "programme", "village", "status", "kpj", "start_date"]
    list_filter = ["status", "programme"]
    search_fields = ["kpj", "worker__nik", "village__code"]
    raw_id_fields = ["worker", "programme", "village", "proposed_by"]
    inlines = [EnrolmentEventInline]
    show_full_result_count = False


@admin.register(EnrolmentEvent)
class EnrolmentEventAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "from_status", "to_status", "at", "actor_label", "reason"]
    list_filter = ["to_status"]
    raw_id_fields = ["enrolment", "actor"]
