"""Read-only: programmes and village quotas change on the programme pages, through programmes.services and
enrolment.services (validation, the Dana Desa refusal, quota checks, audit), so the admin only shows them. The
funding-source policy is rule rows, added and never changed."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin, ReadOnlyTabularInline

from .models import FundingSourcePolicy, Programme, VillageQuota


class VillageQuotaInline(ReadOnlyTabularInline):
    model = VillageQuota
    raw_id_fields = ["village"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
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


@admin.register(VillageQuota)
class VillageQuotaAdmin(ReadOnlyAdmin):
    list_display = ["programme", "village", "quota"]
    raw_id_fields = ["programme", "village"]
    search_fields = ["village__code", "programme__code"]


@admin.register(FundingSourcePolicy)
class FundingSourcePolicyAdmin(AddOnlyRuleAdmin):
    list_display = [
        "source",
        "allowed",
        "needs_legal_basis",
        "owner_level",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]
    list_filter = ["source", "allowed", "valid_from"]
