"""Reads on enrolments that views, the API and reports share. Region scope is applied here.

The places a programme's quota has left are counted here too: a place is taken by an enrolment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet

from lindung.accounts.selectors import scope_for_actor
from lindung.people.models import Worker
from lindung.programmes.models import Programme, VillageQuota

from .models import Enrolment, EnrolmentEvent, Status
from .transitions import OCCUPYING


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Enrolments in the user's region (by the enrolment's village); a sponsor sees only the ones it funds."""
    scope = scope_for_actor(user)
    qs = Enrolment.objects.filter(scope.q("village_id"))
    if scope.is_sponsor:
        qs = qs.filter(programme__sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    return qs


def workers_with_enrolment(
    workers: QuerySet[Worker], *, status: str = "", programme_id: int | None = None
) -> QuerySet[Worker]:
    """Narrow workers to those with an enrolment in ``status`` and/or ``programme_id`` (the same enrolment)."""
    if not (status or programme_id):
        return workers
    enrolments = Enrolment.objects.filter(worker_id=OuterRef("pk"))
    if status:
        enrolments = enrolments.filter(status=status)
    if programme_id:
        enrolments = enrolments.filter(programme_id=programme_id)
    return workers.filter(Exists(enrolments))


def status_counts(enrolments: QuerySet[Enrolment]) -> dict[str, int]:
    """How many of these enrolments are in each status (every status present, zeros included); one GROUP BY."""
    counts = dict.fromkeys(Status.values, 0)
    rows = enrolments.values("status").annotate(n=Count("id")).order_by()
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def enrolment_history(enrolment: Enrolment) -> QuerySet[EnrolmentEvent]:
    """Every status change of one enrolment, oldest first, with who made it and why."""
    return enrolment.events.select_related("actor").order_by("at", "id")


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


def programmes_places_used(programmes: Iterable[Programme]) -> dict[int, int]:
    """Places taken in each of many programmes, in one GROUP BY (list pages must not count per programme)."""
    ids = [p.pk for p in programmes]
    rows = (
        Enrolment.objects.filter(programme_id__in=ids, status__in=OCCUPYING)
        .values("programme_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict.fromkeys(ids, 0) | {r["programme_id"]: r["n"] for r in rows}


def programmes_quota_usage(
    programmes: Iterable[Programme], *, villages: Iterable[str] | None = None
) -> dict[int, QuotaUsage]:
    """``programme_quota_usage`` for many programmes at once, in at most three queries whatever their number.

    One GROUP BY on (programme, village) for the places taken, one read of the overrides and, when limited
    to ``villages``, one GROUP BY on programme for the totals (pages must not count per programme).
    """
    programmes = list(programmes)
    ids = [p.pk for p in programmes]
    occupying = Enrolment.objects.filter(programme_id__in=ids, status__in=OCCUPYING)
    overrides = VillageQuota.objects.filter(programme_id__in=ids)
    if villages is not None:
        villages = list(villages)
        occupying = occupying.filter(village_id__in=villages)
        overrides = overrides.filter(village_id__in=villages)
    usages = {
        p.pk: QuotaUsage(
            programme_id=p.pk, default_per_village=p.quota_per_village, total_quota=p.total_quota
        )
        for p in programmes
    }
    for programme_id, village_id, n in (
        occupying.values_list("programme_id", "village_id").annotate(n=Count("id")).order_by()
    ):
        usages[programme_id].used_by_village[village_id] = n
    for programme_id, village_id, quota in overrides.values_list("programme_id", "village_id", "quota"):
        usages[programme_id].overrides[village_id] = quota
    if villages is None:
        for usage in usages.values():
            usage.total_used = sum(usage.used_by_village.values())
    else:
        for programme_id, n in programmes_places_used(programmes).items():
            usages[programme_id].total_used = n
    return usages
