"""Read-only views of monev's derived tables: rebuilt by ``lindung monev refresh``, never edited by hand."""

from django.contrib import admin

from .models import CoverageRollup, RollupState


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RollupState)
class RollupStateAdmin(_ReadOnly):
    list_display = [
        "period",
        "refreshed_at",
        "full_refreshed_at",
        "seconds",
        "rows",
        "audit_mark",
        "queued_at",
    ]


@admin.register(CoverageRollup)
class CoverageRollupAdmin(_ReadOnly):
    list_display = [
        "period",
        "region_code",
        "level",
        "dimension",
        "key",
        "active",
        "quota",
        "committed",
        "realised",
    ]
    list_filter = ["period", "level", "dimension"]
    search_fields = ["region_code"]
    # Millions of rows at national scale: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
