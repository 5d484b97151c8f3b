from django.contrib import admin

from .models import Enrolment, EnrolmentEvent


class EnrolmentEventInline(admin.TabularInline):
    model = EnrolmentEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "at", "actor", "actor_label", "reason", "detail"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["id", "worker", "programme", "village", "status", "kpj", "start_date"]
    list_filter = ["status", "programme"]
    search_fields = ["kpj", "worker__nik", "village__code"]
    raw_id_fields = ["worker", "programme", "village", "proposed_by"]
    inlines = [EnrolmentEventInline]
    show_full_result_count = False
    # Status changes only through enrolment.services, which checks the transition table and writes history.
    readonly_fields = [
        "status", "kpj", "start_date", "end_date", "end_reason", "reason", "status_changed_at", "created_at",
        "updated_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(EnrolmentEvent)
class EnrolmentEventAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "from_status", "to_status", "at", "actor_label", "reason"]
    list_filter = ["to_status"]
    raw_id_fields = ["enrolment", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
