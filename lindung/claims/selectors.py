"""Reads on claims that pages, the API, the CLI and monev share. Claims are sensitive personal data: only
roles with ``claim.view`` see them, in their region, and every read of a case is audited (CLAIM_*)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .models import BenefitRule, Claim, ClaimLimit, ClaimStatus, Reminder, ScholarshipRate
from .rules import Amount, ClaimRules, Limit, Scholarship


def claim_rules(on: dt.date) -> ClaimRules:
    """The benefit, scholarship and limit rows in force on ``on`` (the latest ``valid_from`` per code)."""
    amounts: dict[str, Amount] = {}
    for row in BenefitRule.objects.in_force(on):
        amounts.setdefault(
            row.code,
            Amount(row.code, str(row.get_code_display()), row.amount, row.income_multiple, row.legal_basis),
        )
    levels: dict[str, ScholarshipRate] = {}
    for rate in ScholarshipRate.objects.in_force(on):
        levels.setdefault(rate.level, rate)
    scholarship = tuple(
        Scholarship(r.level, str(r.get_level_display()), r.per_year, r.max_years, r.legal_basis)
        for r in sorted(levels.values(), key=lambda r: r.order)
    )
    limits: dict[str, Limit] = {}
    for row in ClaimLimit.objects.in_force(on):
        limits.setdefault(row.code, Limit(row.code, row.value, row.legal_basis))
    return ClaimRules(on=on, amounts=amounts, scholarship=scholarship, limits=limits)


def claims_visible_to(user) -> QuerySet[Claim]:
    """Claims in the user's region; nothing for a role without ``claim.view``."""
    scope = scope_for_actor(user)
    if not scope.can("claim.view"):
        return Claim.objects.none()
    return Claim.objects.filter(scope.q("village_id"))


def claim_visible(user, pk: int) -> Claim | None:
    """One claim the user may see, or None; a miss on a claim elsewhere is recorded as an attempt."""
    claim = (
        claims_visible_to(user)
        .select_related("village", "programme", "enrolment", "worker")
        .filter(pk=pk)
        .first()
    )
    if claim is None:
        region = Claim.objects.filter(pk=pk).values_list("village_id", flat=True).first()
        if region is not None:
            audit_record(
                actor=user,
                action=AuditAction.ACCESS_DENIED,
                object_type="claim",
                object_id=pk,
                region_code=region,
                summary="Akses ditolak ke klaim di luar wilayah atau tanpa hak claim.view",
            )
    return claim


def claims_filtered(user, *, status: str = "", kind: str = "") -> QuerySet[Claim]:
    qs = claims_visible_to(user).select_related("village", "programme")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-event_date", "-id")


def claims_list_audit(user, claims: list[Claim], *, channel: str = "") -> None:
    """A list of claims is one read event naming the cases it showed."""
    if not claims:
        return
    audit_record(
        actor=user,
        action=AuditAction.CLAIM_LIST,
        object_type="claim",
        summary=f"Melihat daftar klaim ({len(claims)} kasus){' lewat ' + channel if channel else ''}",
        detail={"claims": [c.pk for c in claims]},
    )


def claim_view_audit(user, claim: Claim, *, channel: str = "") -> None:
    audit_record(
        actor=user,
        action=AuditAction.CLAIM_VIEW,
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.village_id,
        summary=f"Melihat berkas klaim #{claim.pk} {claim.full_name}{' lewat ' + channel if channel else ''}",
    )


def reminders_due(user, *, today: dt.date | None = None, within_days: int = 7) -> QuerySet[Reminder]:
    """Open deadlines of visible open claims falling due by ``today + within_days`` (overdue ones first)."""
    today = today or timezone.localdate()
    return (
        Reminder.objects.filter(
            claim__in=claims_visible_to(user).filter(status__in=[s.value for s in _open()]),
            done_at__isnull=True,
            due_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("claim")
        .order_by("due_on", "id")
    )


def _open() -> tuple[ClaimStatus, ...]:
    return (ClaimStatus.REPORTED, ClaimStatus.DOCUMENTS_COMPLETE, ClaimStatus.SUBMITTED)


@dataclass(frozen=True)
class ClaimFigures:
    reported: int
    paid: int
    refused: int
    open: int
    amount_paid: int
    families_paid: int


def claim_figures(claims: QuerySet[Claim]) -> ClaimFigures:
    """Counts and the rupiah paid out of a claim queryset, in one aggregate query (for monev and pages)."""
    row = claims.aggregate(
        reported=Count("id"),
        paid=Count("id", filter=Q(status=ClaimStatus.PAID)),
        refused=Count("id", filter=Q(status=ClaimStatus.REFUSED)),
        open=Count("id", filter=Q(status__in=[s.value for s in _open()])),
        amount_paid=Sum("paid_amount", filter=Q(status=ClaimStatus.PAID)),
        families_paid=Count("nik", filter=Q(status=ClaimStatus.PAID), distinct=True),
    )
    return ClaimFigures(**{k: v or 0 for k, v in row.items()})
