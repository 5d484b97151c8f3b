from django.contrib import admin

from .models import CoverageTarget, Region, WorkingPopulation


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "level", "postal_code", "retired_at"]
    list_filter = ["level", "type"]
    search_fields = ["code", "name"]
    show_full_result_count = False


class _ThroughServiceAdmin(admin.ModelAdmin):
    """Saves go through regions.services so that every change is validated and audited like any other."""

    def save_model(self, request, obj, form, change):
        from . import services

        try:
            saved = self.service(services, request.user, obj)
        except services.RegionStatisticRefused as exc:
            from django.core.exceptions import ValidationError

            raise ValidationError(str(exc)) from exc
        obj.pk = saved.pk


@admin.register(WorkingPopulation)
class WorkingPopulationAdmin(_ThroughServiceAdmin):
    list_display = ["year", "region", "count", "formal", "informal", "construction", "source"]
    list_filter = ["year"]
    search_fields = ["region__code", "region__name", "source"]
    autocomplete_fields = ["region"]

    @staticmethod
    def service(services, user, obj):
        return services.working_population_set(
            actor=user,
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
class CoverageTargetAdmin(_ThroughServiceAdmin):
    list_display = ["year", "region", "percent", "source", "note"]
    list_filter = ["year"]
    search_fields = ["region__code", "region__name", "source"]
    autocomplete_fields = ["region"]

    @staticmethod
    def service(services, user, obj):
        return services.coverage_target_set(
            actor=user,
            year=obj.year,
            percent=obj.percent,
            source=obj.source,
            region_code=obj.region_id,
            note=obj.note,
        )
