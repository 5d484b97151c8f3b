from django.contrib import admin

from .models import Worker


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nik", "village", "category", "wage_status", "needs_review"]
    list_filter = ["category", "wage_status", "needs_review", "gender"]
    search_fields = ["nik", "name_normalized", "kpj"]
    raw_id_fields = ["village", "created_by"]
    readonly_fields = ["name_normalized", "findings", "created_at", "updated_at"]
    show_full_result_count = False
