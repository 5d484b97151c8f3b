"""Read-only admin pages: imports and exchanges are made through the services (pages, CLI, API), never here."""

from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin

from .models import ClaimDecisionBatch, ClaimDecisionLine, ColumnMapping, ImportBatch, InsurerExport


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "original_name",
        "kind",
        "status",
        "region_code",
        "rows_total",
        "accepted",
        "flagged",
        "rejected",
        "skipped",
        "created_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["original_name", "region_code", "sha256"]
    exclude = ["problems"]


@admin.register(ColumnMapping)
class ColumnMappingAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "updated_at"]


@admin.register(InsurerExport)
class InsurerExportAdmin(ReadOnlyAdmin):
    list_display = ["id", "programme", "enrolments", "region_code", "created_by", "created_at"]


@admin.register(ClaimDecisionBatch)
class ClaimDecisionBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "original_name",
        "rows_total",
        "decided",
        "flagged",
        "refused",
        "unmatched",
        "created_at",
    ]
    search_fields = ["original_name", "sha256"]


@admin.register(ClaimDecisionLine)
class ClaimDecisionLineAdmin(ReadOnlyAdmin):
    list_display = ["batch", "row_number", "outcome", "claim", "amount", "decided_on"]
    list_filter = ["outcome"]
    raw_id_fields = ["batch", "claim"]
