"""Reads on programmes: who may see which programme. Places taken by enrolments are read in enrolment."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lindung.accounts.selectors import Scope, scope_for_actor
from lindung.regions.codes import ancestors_and_self, subtree_q

from .models import Programme


def programme_get(code: str) -> Programme | None:
    return (
        Programme.objects.select_related("owner_region", "coverage_region", "sponsor")
        .prefetch_related("legal_bases")
        .filter(code=code)
        .first()
    )


def programmes_for_region(code: str | None) -> QuerySet[Programme]:
    """Programmes that touch a region: covering any part of it, or covering it from above (a province's
    programme is seen by a village operator in that province). ``None``/``""`` = every programme."""
    qs = Programme.objects.select_related("owner_region", "coverage_region", "sponsor").prefetch_related(
        "legal_bases"
    )
    if not code:
        return qs
    return qs.filter(
        subtree_q("coverage_region_id", code) | Q(coverage_region_id__in=ancestors_and_self(code))
    )


def programmes_visible_to(user) -> QuerySet[Programme]:
    """The programmes a user may see: by the account's region (national when none); a sponsor sees its own."""
    scope = scope_for_actor(user)
    if not scope.allowed:
        return Programme.objects.none()
    qs = programmes_for_region(scope.region_code)
    if scope.is_sponsor:
        qs = qs.filter(sponsor_id=scope.sponsor_id) if scope.sponsor_id else qs.none()
    return qs


def programme_visible(user, pk: int) -> Programme | None:
    """One programme the user may see, or None (the page answers 404 either way)."""
    return programmes_visible_to(user).filter(pk=pk).first()


def programme_manageable(scope: Scope, programme: Programme) -> bool:
    """Admins manage the programmes their own region owns, not those of the province above them."""
    return scope.can("programme.manage") and scope.covers(programme.owner_region_id)
