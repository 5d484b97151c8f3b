"""Pairs are found by the scan and decided on the review page (``dedup.services``); thresholds are rule rows,
added and never changed. The admin only shows."""

from django.contrib import admin

from lindung.core.admin_mixins import AddOnlyRuleAdmin, ReadOnlyAdmin

from .models import DuplicateMerge, DuplicatePair, DuplicateThreshold


@admin.register(DuplicateThreshold)
class DuplicateThresholdAdmin(AddOnlyRuleAdmin):
    list_display = [
        "basis",
        "min_score",
        "max_nik_digits",
        "rare_name_people",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]


@admin.register(DuplicatePair)
class DuplicatePairAdmin(ReadOnlyAdmin):
    list_display = ["worker_a", "worker_b", "score", "basis", "status"]
    list_filter = ["status", "basis"]
    raw_id_fields = ["worker_a", "worker_b", "decided_by"]


@admin.register(DuplicateMerge)
class DuplicateMergeAdmin(ReadOnlyAdmin):
    list_display = ["at", "kept", "removed_nik", "removed_name", "score"]
    raw_id_fields = ["kept", "merged_by"]
