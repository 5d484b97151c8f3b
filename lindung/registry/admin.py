"""Read-only: editions, entries and matches change only through registry.services (pages, API, CLI), which
check the actor's role and region and write the audit event. Decile rules are rule rows: added, never changed."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import DecileRule, RegistryEdition, RegistryEntry, RegistryRowProblem, WorkerRegistryMatch


@admin.register(RegistryEdition)
class RegistryEditionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "edition_date", "region", "rows_imported", "rows_flagged", "rows_rejected"]
    list_filter = ["kind"]
    raw_id_fields = ["region"]


@admin.register(RegistryEntry)
class RegistryEntryAdmin(ReadOnlyAdmin):
    list_display = ["edition", "row_number", "full_name", "decile", "region_code", "flagged"]
    raw_id_fields = ["edition", "village"]
    exclude = ["nik", "kk_number"]


@admin.register(RegistryRowProblem)
class RegistryRowProblemAdmin(ReadOnlyAdmin):
    list_display = ["edition", "row_number", "outcome", "field", "message"]
    list_filter = ["outcome"]
    raw_id_fields = ["edition"]


@admin.register(WorkerRegistryMatch)
class WorkerRegistryMatchAdmin(ReadOnlyAdmin):
    list_display = ["worker", "edition", "method", "score", "decile"]
    list_filter = ["method"]
    raw_id_fields = ["worker", "entry", "edition"]


@admin.register(DecileRule)
class DecileRuleAdmin(AddOnlyRuleAdmin):
    list_display = ["programme", "max_decile", "valid_from", "valid_to", "legal_basis"]
    raw_id_fields = ["programme"]
