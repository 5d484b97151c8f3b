"""Reads on programmes: who may see which programme, and how much of each quota is used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from lindung.core.fields import within_region

from .models import Programme, VillageQuota


def programme_get(code: str) -> Programme | None:
    return (
        Programme.objects.select_related("owner_region", "coverage_region", "sponsor")
        .filter(code=code)
        .first()
    )


def _ancestors_and_self(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def programmes_for_region(code: str | None) -> QuerySet[Programme]:
    """Programmes that touch a region: covering any part of it, or covering it from above (a province's
    programme is seen by a village operator in that province). ``None``/``""`` = every programme."""
    qs = Programme.objects.select_related("owner_region", "coverage_region", "sponsor")
    if not code:
        return qs
    return qs.filter(
        within_region("coverage_region_id", code) | Q(coverage_region_id__in=_ancestors_and_self(code))
    )


def programmes_visible_to(user) -> QuerySet[Programme]:
    """The programmes a user may see: by the account's region (national when none); a sponsor sees its own."""
    from lindung.accounts.selectors import scope_of

    scope = scope_of(user)
    if not scope.allowed:
        return Programme.objects.none()
    qs = programmes_for_region(scope.region_code)
    if scope.is_sponsor:
        qs = qs.filter(sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    return qs


@dataclass
class QuotaUsage:
    """Quota places of one programme: the default per village, its overrides, and the places taken."""

    programme_id: int
    default_per_village: int | None
    total_quota: int | None
    overrides: dict[str, int] = field(default_factory=dict)
    used_by_village: dict[str, int] = field(default_factory=dict)
    total_used: int = 0

    def quota_for(self, village_code: str) -> int | None:
        """The village's quota: its override, else the programme default; None = no per-village limit."""
        return self.overrides.get(village_code, self.default_per_village)

    def remaining_for(self, village_code: str) -> int | None:
        quota = self.quota_for(village_code)
        return None if quota is None else max(quota - self.used_by_village.get(village_code, 0), 0)


def programme_quota_usage(programme: Programme, *, villages: Iterable[str] | None = None) -> QuotaUsage:
    """Quota and places used per village (one GROUP BY), limited to ``villages`` when given.

    A place is taken by every enrolment that is proposed, verified, submitted, active or non-active;
    rejected and ended ones give their place back.
    """
    from lindung.enrolment.models import Enrolment
    from lindung.enrolment.transitions import OCCUPYING

    occupying = Enrolment.objects.filter(programme=programme, status__in=OCCUPYING)
    overrides = VillageQuota.objects.filter(programme=programme)
    by_village = occupying
    if villages is not None:
        villages = list(villages)
        by_village = occupying.filter(village_id__in=villages)
        overrides = overrides.filter(village_id__in=villages)
    used = {
        r["village_id"]: r["n"] for r in by_village.values("village_id").annotate(n=Count("id")).order_by()
    }
    return QuotaUsage(
        programme_id=programme.pk,
        default_per_village=programme.quota_per_village,
        total_quota=programme.total_quota,
        overrides=dict(overrides.values_list("village_id", "quota")),
        used_by_village=used,
        total_used=occupying.count(),
    )


def village_quota(programme: Programme, village_code: str) -> int | None:
    """The quota for one village (override or default); None when the programme has no per-village limit."""
    override = (
        VillageQuota.objects.filter(programme=programme, village_id=village_code)
        .values_list("quota", flat=True)
        .first()
    )
    return programme.quota_per_village if override is None else override


def quota_used(programme: Programme, village_code: str | None = None) -> int:
    """Places taken in the programme, or in one village of it."""
    usage = programme_quota_usage(programme, villages=[village_code] if village_code else None)
    return usage.used_by_village.get(village_code, 0) if village_code else usage.total_used
