"""Reads on imports and insurer exchanges that views and the API share. Region scoping lives here."""

from __future__ import annotations

import polars as pl
from django.db.models import Count, QuerySet
from django.http import Http404

from lindung.accounts.selectors import scope_for_actor, scope_of
from lindung.enrolment.models import Enrolment, Status
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programmes_visible_to
from lindung.regions.codes import VILLAGE
from lindung.regions.models import Region

from .access import KIND_CAPABILITY
from .models import ImportBatch, InsurerExport
from .outcome import batch_outcome


def batches_visible_to(user, *, kind: str | None = None) -> QuerySet[ImportBatch]:
    """Uploads in the user's region; a region-wide officer sees the villages' uploads below them too."""
    qs = ImportBatch.objects.filter(scope_of(user).q("region_code")).select_related(
        "job", "programme", "village"
    )
    return qs.filter(kind=kind) if kind else qs


def batches_handled_by(user, *, kind: str | None = None) -> QuerySet[ImportBatch]:
    """The uploads listed to a user: visible, and of a kind their role handles. (Opening one of another kind
    is a 403 in the views, so the lists must not offer it.)"""
    scope = scope_of(user)
    kinds = [k for k, capability in KIND_CAPABILITY.items() if scope.can(capability)]
    return batches_visible_to(user, kind=kind).filter(kind__in=kinds)


def batch_for(user, pk: int) -> ImportBatch:
    batch = batches_visible_to(user).filter(pk=pk).first()
    if batch is None:
        raise Http404("Unggahan tidak ditemukan")
    return batch


def exports_visible_to(user) -> QuerySet[InsurerExport]:
    return InsurerExport.objects.filter(scope_of(user).q("region_code")).select_related(
        "programme", "created_by"
    )


def export_for(user, pk: int) -> InsurerExport:
    export = exports_visible_to(user).filter(pk=pk).first()
    if export is None:
        raise Http404("Berkas tidak ditemukan")
    return export


def active_programmes_for(user) -> QuerySet[Programme]:
    """The active programmes a user may upload to or exchange files for: those they may see (coverage above
    or below their region; a sponsor's own only), newest fiscal year first."""
    return programmes_visible_to(user).filter(is_active=True).order_by("-fiscal_year", "name")


def programme_for(user, code: str) -> Programme | None:
    """One programme by code if the user may see it (``None`` is Lindung itself, which sees all)."""
    programmes = Programme.objects.all() if user is None else programmes_visible_to(user)
    return programmes.filter(code=code).first()


def village_get(code: str) -> Region | None:
    """The desa/kelurahan ``code``, or ``None`` when it is not one."""
    return Region.objects.filter(code=code, level=VILLAGE).first() if code else None


def exportable(actor, *, programme: Programme | None = None) -> QuerySet[Enrolment]:
    """Verified enrolments waiting to go to the insurer in the actor's region, of one programme if given."""
    scope = scope_for_actor(actor)
    qs = Enrolment.objects.filter(status=Status.VERIFIED)
    qs = qs.filter(scope.q("village_id"))
    return qs.filter(programme=programme) if programme is not None else qs


def programmes_ready_to_send(user) -> list[tuple[Programme, int]]:
    """The user's active programmes, each with how many of its enrolments ``exportable`` holds: one query
    for the programmes and one GROUP BY for the counts, however many programmes there are."""
    programmes = list(active_programmes_for(user))
    ready = dict(
        exportable(user)
        .filter(programme_id__in=[p.pk for p in programmes])
        .values("programme_id")
        .annotate(n=Count("id"))
        .values_list("programme_id", "n")
        .order_by()
    )
    return [(p, ready.get(p.pk, 0)) for p in programmes]


def rows_page(
    batch: ImportBatch, *, state: str | None = None, offset: int = 0, limit: int = 100
) -> tuple[int, list[dict]]:
    """Rows of a finished batch with their state and reason, for the API and the result page."""
    outcome = batch_outcome(batch)
    if state:
        outcome = outcome.filter(pl.col("state") == state)
    page = outcome.slice(offset, limit)
    return outcome.height, [{"row": r, "state": s, "reason": why} for r, s, why in page.iter_rows()]
