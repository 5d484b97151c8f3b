"""Reads for the home page: what is waiting in the user's region, counted in a few grouped queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lindung.accounts.selectors import Scope, scope_of
from lindung.billing.selectors import arrears_warnings
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.selectors import enrolments_visible_to, programmes_places_used, programmes_quota_usage
from lindung.people.selectors import workers_visible_to
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.codes import is_village, subtree_q
from lindung.regions.models import Region


@dataclass
class VillageRow:
    code: str
    name: str
    workers: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class HomeSummary:
    region_name: str
    workers: int
    needs_review: int
    status_counts: dict[str, int]
    denied_recently: int = 0
    villages: list[VillageRow] = field(default_factory=list)


def audit_events_visible_to(scope: Scope) -> QuerySet[AuditEvent]:
    """Events an auditor may read: those on data in its region, and every refusal of an account of its region
    wherever the attempt aimed (a denial is filed under its target, so the actor's own auditor would miss it)."""
    own_attempts = Q(action=AuditAction.ACCESS_DENIED) & subtree_q(
        "actor__account__region_id", scope.region_code
    )
    if not scope.allowed:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(scope.q("region_code") | own_attempts)


def home_summary(user) -> HomeSummary:
    scope = scope_of(user)
    region = Region.objects.filter(code=scope.region_code).first() if scope.region_code else None
    workers = workers_visible_to(user)
    enrolments = enrolments_visible_to(user)
    counts = dict(
        enrolments.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    summary = HomeSummary(
        region_name=region.name if region else "",
        workers=workers.count(),
        needs_review=workers.filter(needs_review=True).count(),
        status_counts=counts,
    )
    if scope.can("audit.view"):
        since = timezone.now() - dt.timedelta(days=30)
        summary.denied_recently = (
            audit_events_visible_to(scope).filter(action=AuditAction.ACCESS_DENIED, at__gte=since).count()
        )
    # A kecamatan's reviewer sees its villages side by side; one grouped query each for people and enrolments.
    if region is not None and region.level == 3:
        villages = {
            r.code: VillageRow(r.code, r.name)
            for r in Region.objects.filter(parent_code=region.code, retired_at__isnull=True).order_by("code")
        }
        for code, n in workers.order_by().values_list("village_id").annotate(n=Count("id")):
            if code in villages:
                villages[code].workers = n
        for code, status, n in (
            enrolments.order_by().values_list("village_id", "status").annotate(n=Count("id"))
        ):
            if code in villages:
                villages[code].counts[status] = n
        summary.villages = list(villages.values())
    return summary


@dataclass
class ProgrammeQuotaRow:
    """One line of the home page's quota table; ``quota`` and ``left`` are None when there is no limit."""

    programme_id: int
    name: str
    quota: int | None
    used: int
    left: int | None


def home_programme_quotas(user, *, limit: int = 10) -> list[ProgrammeQuotaRow]:
    """Quota left in the active programmes: a village's own places for its operator, totals for the others.

    The places are counted for all the programmes at once, so the page runs as many queries for 20
    programmes as for 2.
    """
    scope = scope_of(user)
    if not scope.can("programme.view"):
        return []
    programmes = list(
        programmes_visible_to(user).filter(is_active=True).order_by("-fiscal_year", "name")[:limit]
    )
    if is_village(scope.region_code):
        village = scope.region_code
        usages = programmes_quota_usage(programmes, villages=[village])
        return [
            ProgrammeQuotaRow(
                programme_id=p.pk,
                name=str(p),
                quota=usages[p.pk].quota_for(village),
                used=usages[p.pk].used_by_village.get(village, 0),
                left=usages[p.pk].remaining_for(village),
            )
            for p in programmes
        ]
    used = programmes_places_used(programmes)
    return [
        ProgrammeQuotaRow(
            programme_id=p.pk,
            name=str(p),
            quota=p.total_quota,
            used=used[p.pk],
            left=None if p.total_quota is None else max(p.total_quota - used[p.pk], 0),
        )
        for p in programmes
    ]


@dataclass
class ArrearsWarning:
    """A home-page warning: ``count`` active members with exactly ``months`` unpaid months in a row; ``last``
    when one more unpaid month makes them non-active (the payment rule row's limit)."""

    months: int
    count: int
    last: bool


def home_arrears_warnings(user, *, as_of: dt.date | None = None) -> list[ArrearsWarning]:
    """The warnings at N-1 and N unpaid months (2 and 3 under PP 44/2015), from the arrears selector."""
    counts = arrears_warnings(actor=user, as_of=as_of or timezone.localdate())
    longest = max(counts)
    return [
        ArrearsWarning(months=k, count=n, last=k == longest - 1)
        for k, n in sorted(counts.items())
        if k < longest and n
    ]
