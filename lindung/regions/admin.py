from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "level", "postal_code", "retired_at"]
    list_filter = ["level", "type"]
    search_fields = ["code", "name"]
    show_full_result_count = False
