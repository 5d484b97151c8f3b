"""Monev's derived tables are rebuilt by ``lindung monev refresh``, never edited by hand; its thresholds are rule
rows, added and never changed."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import CoverageRollup, MonevThreshold, RegionBoundary, RollupState


@admin.register(RollupState)
class RollupStateAdmin(ReadOnlyAdmin):
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
class CoverageRollupAdmin(ReadOnlyAdmin):
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


@admin.register(MonevThreshold)
class MonevThresholdAdmin(AddOnlyRuleAdmin):
    list_display = ["key", "percent", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["key", "valid_from"]


@admin.register(RegionBoundary)
class RegionBoundaryAdmin(ReadOnlyAdmin):
    """Loaded by ``lindung monev load-boundaries``; read here, never drawn by hand."""

    list_display = ["region", "source", "loaded_at"]
    search_fields = ["region__code", "region__name"]
    exclude = ["polygons"]
