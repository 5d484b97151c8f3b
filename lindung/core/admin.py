from django.contrib import admin

from .admin_mixins import ReadOnlyAdmin
from .models import AuditEvent, Job, ScheduledRun


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The trail is append-only, also for superusers."""

    list_display = ["at", "actor_label", "action", "object_type", "object_id", "region_code", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id", "region_code"]
    date_hierarchy = "at"


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "status", "progress_done", "progress_total", "created_by", "created_at"]
    list_filter = ["kind", "status"]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "day", "started_at", "finished_at", "failed"]
    list_filter = ["name", "failed"]
