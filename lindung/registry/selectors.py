"""Reads of the registry, scoped by region: editions, a worker's match, decile rules, vulnerable counts."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.codes import ancestors
from lindung.regions.models import VulnerableWorkerCount

from .models import DecileRule, RegistryEdition, RegistryEntry, RegistryRowProblem, WorkerRegistryMatch


def editions_visible_to(actor) -> QuerySet[RegistryEdition]:
    """Editions whose region lies in the actor's scope; none without ``registry.view``."""
    scope = scope_for_actor(actor)
    if not scope.can("registry.view"):
        return RegistryEdition.objects.none()
    # A kecamatan's reader sees the regency's editions too, but only its own people in them (``edition_entries``).
    above = Q(region_id__in=ancestors(scope.region_code)) if scope.region_code else Q()
    return RegistryEdition.objects.filter(scope.q("region_id") | above).select_related(
        "region", "imported_by"
    )


def edition_for(actor, pk: int) -> RegistryEdition | None:
    return editions_visible_to(actor).filter(pk=pk).first()


def edition_entries(
    actor, edition: RegistryEdition, *, offset: int = 0, limit: int = 100
) -> list[RegistryEntry]:
    """A page of the edition's people in the actor's scope; the read is one ``registry.view`` event naming
    the rows shown."""
    scope = scope_for_actor(actor)
    rows = list(
        RegistryEntry.objects.filter(scope.q("region_code"), edition=edition)
        .select_related("village")
        .order_by("row_number")[offset : offset + limit]
    )
    audit_record(
        actor=actor,
        action=AuditAction.REGISTRY_VIEW,
        object_type="registry_edition",
        object_id=edition.pk,
        region_code=edition.region_id,
        summary=f"{edition}: {len(rows)} orang ditampilkan",
        detail={"entries": [r.pk for r in rows]},
    )
    return rows


def edition_problems(edition: RegistryEdition) -> QuerySet[RegistryRowProblem]:
    return edition.problems.order_by("row_number", "pk")


def worker_registry_match(actor, worker) -> WorkerRegistryMatch | None:
    """The worker's match in the latest edition it was found in, or None (also for roles that do not see the
    registry)."""
    scope = scope_for_actor(actor)
    if not scope.can("registry.view") or not scope.covers(worker.village_id):
        return None
    return (
        WorkerRegistryMatch.objects.filter(worker=worker)
        .select_related("edition", "entry")
        .order_by("-edition_date", "-pk")
        .first()
    )


def latest_decile(worker_field: str = "worker_id") -> Subquery:
    """An annotation: the decile of the worker's latest registry match (null when not found)."""
    latest = WorkerRegistryMatch.objects.filter(worker_id=OuterRef(worker_field)).order_by(
        "-edition_date", "-pk"
    )
    return Subquery(latest.values("decile")[:1])


def decile_limit(programme_field: str = "programme_id", on: dt.date | None = None) -> Subquery:
    """An annotation: the programme's decile rule in force on ``on`` (today), null when it has none."""
    rules = DecileRule.objects.filter(programme_id=OuterRef(programme_field)).in_force(
        on or timezone.localdate()
    )
    return Subquery(rules.values("max_decile")[:1])


def decile_rule_in_force(programme, on: dt.date | None = None) -> DecileRule | None:
    return DecileRule.objects.filter(programme=programme).in_force(on or timezone.localdate()).first()


def decile_rules_of(programmes) -> QuerySet[DecileRule]:
    """The decile rules of these programmes (a queryset the caller scoped), by programme, latest first."""
    rules = DecileRule.objects.filter(programme__in=programmes).select_related("programme")
    return rules.order_by("programme__code", "-valid_from", "-pk")


def vulnerable_counts(actor, year: int) -> dict[str, int]:
    """Region code → the vulnerable-worker count from the social registry, for the regions in scope."""
    scope = scope_for_actor(actor)
    rows = VulnerableWorkerCount.objects.filter(
        scope.q("region_id"), year=year, source=VulnerableWorkerCount.Source.REGISTRY
    ).values_list("region_id", "count")
    return dict(rows)
