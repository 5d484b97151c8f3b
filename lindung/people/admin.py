"""Workers are registered and changed through people.services (pages, API, imports, CLI), so the admin only shows
them; the registry's age limits are rule rows, added and never changed."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import AgeLimit, Worker


@admin.register(Worker)
class WorkerAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "nik", "village", "category", "wage_status", "needs_review"]
    list_filter = ["category", "wage_status", "needs_review", "gender"]
    search_fields = ["nik", "name_normalized", "kpj"]
    raw_id_fields = ["village", "created_by"]
    show_full_result_count = False


@admin.register(AgeLimit)
class AgeLimitAdmin(AddOnlyRuleAdmin):
    list_display = ["age_min", "age_max", "valid_from", "valid_to", "legal_basis"]
