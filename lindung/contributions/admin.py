from django.contrib import admin

from .models import ContributionRate, Discount, IncomeBracket, PaymentRule

# Rule rows are history: a rate changes by adding a row with a later valid_from, so old rows stay as they were.


class RuleRowAdmin(admin.ModelAdmin):
    list_filter = ["valid_from"]
    search_fields = ["legal_basis", "note"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContributionRate)
class ContributionRateAdmin(RuleRowAdmin):
    list_display = [
        "segment",
        "component",
        "kind",
        "amount",
        "percent",
        "optional",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]


@admin.register(IncomeBracket)
class IncomeBracketAdmin(RuleRowAdmin):
    list_display = ["income_from", "income_to", "jkk_amount", "valid_from", "valid_to", "legal_basis"]


@admin.register(Discount)
class DiscountAdmin(RuleRowAdmin):
    list_display = ["name", "segment", "percent", "sector", "valid_from", "valid_to", "legal_basis"]


@admin.register(PaymentRule)
class PaymentRuleAdmin(RuleRowAdmin):
    list_display = [
        "segment",
        "due_day",
        "due_month_offset",
        "lapse_after_unpaid_months",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]
