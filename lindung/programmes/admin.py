from django.contrib import admin

from .models import Programme, Sponsor, VillageQuota


class VillageQuotaInline(admin.TabularInline):
    model = VillageQuota
    raw_id_fields = ["village"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "coverage_region",
        "fiscal_year",
        "months",
        "segment",
        "funding_source",
        "is_active",
    ]
    list_filter = ["fiscal_year", "segment", "funding_source", "is_active"]
    search_fields = ["code", "name", "legal_basis_number"]
    raw_id_fields = ["owner_region", "coverage_region", "sponsor", "created_by"]
    inlines = [VillageQuotaInline]
    # Creating and editing go through programmes.services (validation, Dana Desa refusal, audit).
    readonly_fields = ["created_at", "updated_at", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(VillageQuota)
class VillageQuotaAdmin(admin.ModelAdmin):
    list_display = ["programme", "village", "quota"]
    raw_id_fields = ["programme", "village"]
    search_fields = ["village__code", "programme__code"]


@admin.register(Sponsor)
class SponsorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "institution"]
    list_filter = ["kind"]
    search_fields = ["name", "nip", "institution"]
