"""Read-only: sponsors, sponsorships and CSR money change only through sponsorship.services (pages, API, CLI),
which check the actor's region, refuse overlaps and audit. Rule rows are added through the rules service
(``AddOnlyRuleAdmin``), never changed (ADR 0002)."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import CsrCommitment, CsrPayment, SponsorRegistration, Sponsorship, SponsorshipNoticeRule


@admin.register(SponsorRegistration)
class SponsorRegistrationAdmin(ReadOnlyAdmin):
    list_display = ["sponsor", "region", "created_at"]
    raw_id_fields = ["sponsor", "region"]


@admin.register(Sponsorship)
class SponsorshipAdmin(ReadOnlyAdmin):
    list_display = ["sponsor", "worker", "programme", "start_date", "end_date", "ended_on"]
    list_filter = ["end_date"]
    raw_id_fields = ["sponsor", "worker", "programme"]


@admin.register(CsrCommitment)
class CsrCommitmentAdmin(ReadOnlyAdmin):
    list_display = ["sponsor", "programme", "region", "amount", "period_start", "period_end", "reference"]
    raw_id_fields = ["sponsor", "programme", "region"]


@admin.register(CsrPayment)
class CsrPaymentAdmin(ReadOnlyAdmin):
    list_display = ["commitment", "amount", "paid_on", "reference"]
    raw_id_fields = ["commitment"]


@admin.register(SponsorshipNoticeRule)
class SponsorshipNoticeRuleAdmin(AddOnlyRuleAdmin):
    list_display = ["valid_from", "valid_to", "first_warning_days", "second_warning_days", "legal_basis"]
