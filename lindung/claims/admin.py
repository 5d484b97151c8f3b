"""Claims change on their own pages, the API or the CLI, through ``claims.services``: the admin only shows them.
Rule rows are added through the rules service (``AddOnlyRuleAdmin``); the checklist is seeded data."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import (
    BenefitRule,
    Claim,
    ClaimDocument,
    ClaimEvent,
    ClaimLimit,
    DocumentRequirement,
    Heir,
    Reminder,
    ScholarshipRate,
)


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "full_name", "event_date", "status", "village"]
    list_filter = ["status", "kind"]


for model in (ClaimEvent, Heir, ClaimDocument, Reminder, DocumentRequirement):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(BenefitRule)
class BenefitRuleAdmin(AddOnlyRuleAdmin):
    list_display = ["code", "amount", "income_multiple", "valid_from", "valid_to", "legal_basis"]


@admin.register(ScholarshipRate)
class ScholarshipRateAdmin(AddOnlyRuleAdmin):
    list_display = ["level", "per_year", "max_years", "valid_from", "valid_to", "legal_basis"]


@admin.register(ClaimLimit)
class ClaimLimitAdmin(AddOnlyRuleAdmin):
    list_display = ["code", "value", "valid_from", "valid_to", "legal_basis"]
