"""Read-only: programmes and village quotas change on the programme pages, through programmes.services and
enrolment.services (validation, the Dana Desa refusal, quota checks, audit), so the admin only shows them. The
funding-source policy is rule rows, added and never changed."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin, ReadOnlyTabularInline

from .models import FundingSourcePolicy, Programme, ProgrammeLegalBasis, VillageBudgetLine, VillageQuota


class VillageQuotaInline(ReadOnlyTabularInline):
    model = VillageQuota
    raw_id_fields = ["village"]


class LegalBasisInline(ReadOnlyTabularInline):
    model = ProgrammeLegalBasis


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
    search_fields = ["code", "name", "legal_bases__number", "legal_bases__title"]
    raw_id_fields = ["owner_region", "coverage_region", "sponsor", "created_by"]
    inlines = [LegalBasisInline, VillageQuotaInline]


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
        "refuses_protected_workers",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]
    list_filter = ["source", "allowed", "valid_from"]


@admin.register(ProgrammeLegalBasis)
class ProgrammeLegalBasisAdmin(ReadOnlyAdmin):
    """Written with the programme through programmes.services (form, API); read here."""

    list_display = ["programme", "position", "kind", "issuer", "number", "year", "title"]
    list_filter = ["kind"]
    raw_id_fields = ["programme"]


@admin.register(VillageBudgetLine)
class VillageBudgetLineAdmin(ReadOnlyAdmin):
    """Written on the umbrella scheme's page and API through programmes.umbrella (Dana Desa refused); read here."""

    list_display = [
        "programme",
        "village",
        "kind",
        "amount",
        "perdes_number",
        "perdes_date",
        "sub_source",
        "quota",
    ]
    list_filter = ["kind", "sub_source"]
    raw_id_fields = ["programme", "village"]
    search_fields = ["village__code", "programme__code", "perdes_number"]
