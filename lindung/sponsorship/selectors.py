"""Reads of sponsors, their people and their money, scoped: a region sees its own, a sponsor only itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lindung.accounts.models import Sponsor
from lindung.accounts.selectors import Scope, scope_for_actor
from lindung.billing.models import Payment
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.enrolment.models import Enrolment, Status
from lindung.people.selectors import nik_for_display

from .models import CsrCommitment, CsrPayment, SponsorRegistration, Sponsorship, SponsorshipNoticeRule


def _scope(user) -> Scope | None:
    scope = scope_for_actor(user)
    return scope if scope.can("sponsorship.view") else None


def sponsors_visible_to(user) -> QuerySet[Sponsor]:
    """A sponsor account: its own sponsor. Others: sponsors registered in, or sponsoring people in, their region."""
    scope = _scope(user)
    if scope is None:
        return Sponsor.objects.none()
    if scope.is_sponsor:
        return Sponsor.objects.filter(pk=scope.sponsor_id) if scope.sponsor_id else Sponsor.objects.none()
    if not scope.region_code:
        return Sponsor.objects.all()
    return Sponsor.objects.filter(
        Q(pk__in=Sponsorship.objects.filter(scope.q("worker__village_id")).values("sponsor_id"))
        | Q(registration__in=_registrations(scope))
    )


def _registrations(scope: Scope):
    return SponsorRegistration.objects.filter(scope.q("region_id")).values("pk")


def sponsor_visible(user, pk: int) -> Sponsor | None:
    """One sponsor the user may see, or None; a miss on one that exists is an access attempt on the record."""
    sponsor = sponsors_visible_to(user).filter(pk=pk).first()
    if sponsor is None and Sponsor.objects.filter(pk=pk).exists():
        audit_record(
            actor=user,
            action=AuditAction.ACCESS_DENIED,
            object_type="sponsor",
            object_id=pk,
            summary=f"Akses ditolak ke sponsor #{pk} di luar wilayah",
        )
    return sponsor


def sponsorships_visible_to(user) -> QuerySet[Sponsorship]:
    """Sponsorships of people in the user's region; a sponsor account sees only its own people."""
    scope = _scope(user)
    if scope is None:
        return Sponsorship.objects.none()
    qs = Sponsorship.objects.filter(scope.q("worker__village_id")).select_related(
        "sponsor", "worker", "worker__village", "programme"
    )
    if scope.is_sponsor:
        qs = qs.filter(sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    return qs


def sponsorship_visible(user, pk: int) -> Sponsorship | None:
    return sponsorships_visible_to(user).filter(pk=pk).first()


def sponsorship_state(s: Sponsorship, today: dt.date) -> str:
    """``upcoming``, ``active`` or ``ended`` on ``today``."""
    if s.ended_on or s.end_date < today:
        return "ended"
    return "upcoming" if s.start_date > today else "active"


def sponsor_people(user, sponsor: Sponsor, *, today: dt.date | None = None) -> list[dict]:
    """The people ``sponsor`` pays for as ``user`` may see them (NIK masked for roles that see it masked),
    with their membership and the months of contribution paid within the sponsorship."""
    today = today or timezone.localdate()
    active_member = Enrolment.objects.filter(worker_id=OuterRef("worker_id"), status=Status.ACTIVE)
    rows = (
        sponsorships_visible_to(user)
        .filter(sponsor=sponsor)
        .annotate(covered=Exists(active_member))
        .order_by("worker__full_name", "start_date")
    )
    paid = _paid_months(rows)
    return [
        {
            "sponsorship": s,
            "name": s.worker.full_name,
            "nik": nik_for_display(user, s.worker.nik),
            "village": s.worker.village.name,
            "state": sponsorship_state(s, today),
            "covered": s.covered,
            "paid_months": paid.get(s.pk, 0),
        }
        for s in rows
    ]


def _paid_months(sponsorships: QuerySet[Sponsorship]) -> dict[int, int]:
    """Months of contribution paid for each sponsorship's person within its period (one grouped query)."""
    rows = (
        sponsorships.filter(
            worker__enrolments__payments__month__gte=F("start_date"),
            worker__enrolments__payments__month__lte=F("end_date"),
        )
        .values("pk")
        .annotate(months=Count("worker__enrolments__payments__month", distinct=True))
    )
    return {row["pk"]: row["months"] for row in rows}


def sponsor_people_audit(user, sponsor: Sponsor, people: list[dict], *, channel: str = "") -> None:
    """A list of sponsored people is one read event naming the people it showed (SPONSORSHIP_VIEW)."""
    if not people:
        return
    audit_record(
        actor=user,
        action=AuditAction.SPONSORSHIP_VIEW,
        object_type="sponsor",
        object_id=sponsor.pk,
        summary=f"Melihat {len(people)} pekerja yang disponsori {sponsor.name}{' lewat ' + channel if channel else ''}",
        detail={"workers": [p["sponsorship"].worker_id for p in people]},
    )


def commitments_visible_to(user) -> QuerySet[CsrCommitment]:
    """Commitments in the user's region (a sponsor: its own), with ``paid`` and ``outstanding`` annotated."""
    scope = _scope(user)
    if scope is None:
        return CsrCommitment.objects.none()
    qs = CsrCommitment.objects.select_related("sponsor", "programme", "region")
    if scope.is_sponsor:
        qs = qs.filter(sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    else:
        qs = qs.filter(scope.q("region_id"))
    return qs.annotate(paid=Coalesce(Sum("payments__amount"), Value(0))).annotate(
        outstanding=F("amount") - F("paid")
    )


def payments_visible_to(user) -> QuerySet[CsrPayment]:
    return CsrPayment.objects.filter(commitment__in=commitments_visible_to(user).values("pk")).select_related(
        "commitment", "commitment__sponsor"
    )


@dataclass
class MoneyTotals:
    committed: int = 0
    paid: int = 0

    @property
    def outstanding(self) -> int:
        return self.committed - self.paid


def money_totals(commitments) -> MoneyTotals:
    totals = MoneyTotals()
    for c in commitments:
        totals.committed += c.amount
        totals.paid += c.paid
    return totals


@dataclass
class EndingGroup:
    """People who lose ``sponsor`` on ``end_date``: ``urgent`` inside the second (30-day) warning."""

    sponsor: Sponsor
    end_date: dt.date
    days_left: int
    urgent: bool
    people: list[dict] = field(default_factory=list)


@dataclass
class EndingWarnings:
    groups: list[EndingGroup]
    first_days: int
    second_days: int
    basis: str

    @property
    def people_count(self) -> int:
        return sum(len(g.people) for g in self.groups)


def ending_warnings(user, *, today: dt.date | None = None) -> EndingWarnings:
    """Sponsorships ending within the first warning (60 days by the rule in force), grouped by sponsor and
    end date, naming the people who will lose their sponsor (NIK as ``user`` may see it)."""
    today = today or timezone.localdate()
    rule = SponsorshipNoticeRule.objects.in_force(today).first()
    if rule is None:
        return EndingWarnings(groups=[], first_days=0, second_days=0, basis="")
    horizon = today + dt.timedelta(days=rule.first_warning_days)
    rows = (
        sponsorships_visible_to(user)
        .filter(ended_on__isnull=True, end_date__gte=today, end_date__lte=horizon)
        .order_by("end_date", "sponsor__name", "worker__full_name")
    )
    groups: dict[tuple[int, dt.date], EndingGroup] = {}
    for s in rows:
        days = (s.end_date - today).days
        group = groups.setdefault(
            (s.sponsor_id, s.end_date),
            EndingGroup(
                sponsor=s.sponsor,
                end_date=s.end_date,
                days_left=days,
                urgent=days <= rule.second_warning_days,
            ),
        )
        group.people.append(
            {"name": s.worker.full_name, "nik": nik_for_display(user, s.worker.nik), "id": s.pk}
        )
    return EndingWarnings(
        groups=list(groups.values()),
        first_days=rule.first_warning_days,
        second_days=rule.second_warning_days,
        basis=rule.legal_basis,
    )


def sponsor_monev(user, sponsor: Sponsor, *, today: dt.date | None = None) -> dict:
    """A sponsor's own monev: its people (sponsored now), how many are covered, and the contribution paid for
    them within their sponsorships; with its committed, paid and outstanding CSR money."""
    today = today or timezone.localdate()
    people = sponsor_people(user, sponsor, today=today)
    current = [p for p in people if p["state"] == "active"]
    sponsorships = sponsorships_visible_to(user).filter(sponsor=sponsor)
    paid = Payment.objects.filter(
        enrolment__worker__sponsorships__in=sponsorships,
        month__gte=F("enrolment__worker__sponsorships__start_date"),
        month__lte=F("enrolment__worker__sponsorships__end_date"),
    ).aggregate(total=Sum("amount"))["total"]
    return {
        "people": people,
        "sponsored_now": len(current),
        "covered_now": sum(1 for p in current if p["covered"]),
        "contribution_paid": paid or 0,
        "money": money_totals(commitments_visible_to(user).filter(sponsor=sponsor)),
    }
