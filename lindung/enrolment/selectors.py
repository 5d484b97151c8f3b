"""Reads on enrolments that views, the API and reports share. Region scope is applied here."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Enrolment, EnrolmentEvent, Status


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Enrolments in the user's region (by the enrolment's village); a sponsor sees only the ones it funds."""
    from lindung.accounts.selectors import scope_of

    scope = scope_of(user)
    qs = Enrolment.objects.filter(scope.q("village_id"))
    if scope.is_sponsor:
        qs = qs.filter(programme__sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    return qs


def status_counts(enrolments: QuerySet[Enrolment]) -> dict[str, int]:
    """How many of these enrolments are in each status (every status present, zeros included); one GROUP BY."""
    counts = dict.fromkeys(Status.values, 0)
    rows = enrolments.values("status").annotate(n=Count("id")).order_by()
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def enrolment_history(enrolment: Enrolment) -> QuerySet[EnrolmentEvent]:
    """Every status change of one enrolment, oldest first, with who made it and why."""
    return enrolment.events.select_related("actor").order_by("at", "id")
