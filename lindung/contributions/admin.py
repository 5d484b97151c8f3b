from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin

from .models import ContributionRate, Discount, IncomeBracket, PaymentRule
from .services import RuleRowRefused, rule_row_add

# Every rule table's admin (here and in people, programmes, monev) adds rows through this one service.
AddOnlyRuleAdmin.use_service(rule_row_add, refusals=(RuleRowRefused,))


@admin.register(ContributionRate)
class ContributionRateAdmin(AddOnlyRuleAdmin):
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
class IncomeBracketAdmin(AddOnlyRuleAdmin):
    list_display = ["income_from", "income_to", "jkk_amount", "valid_from", "valid_to", "legal_basis"]


@admin.register(Discount)
class DiscountAdmin(AddOnlyRuleAdmin):
    list_display = ["name", "segment", "percent", "sector", "valid_from", "valid_to", "legal_basis"]


@admin.register(PaymentRule)
class PaymentRuleAdmin(AddOnlyRuleAdmin):
    list_display = [
        "segment",
        "due_day",
        "due_month_offset",
        "lapse_after_unpaid_months",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]
