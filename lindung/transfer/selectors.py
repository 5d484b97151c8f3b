"""Reads on imports and insurer exchanges that views and the API share. Region scoping lives here."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from lindung.accounts.selectors import scope_of

from .models import ImportBatch, InsurerExport

# Who may handle (and so see) each kind of upload: a sponsor or a facilitator has no business with them.
KIND_CAPABILITY = {ImportBatch.Kind.WORKERS: "import.upload", ImportBatch.Kind.INSURER_REPLY: "insurer.reply"}


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


def rows_page(
    batch: ImportBatch, *, state: str | None = None, offset: int = 0, limit: int = 100
) -> tuple[int, list[dict]]:
    """Rows of a finished batch with their state and reason, for the API and the result page."""
    import polars as pl

    from .services import batch_outcome

    outcome = batch_outcome(batch)
    if state:
        outcome = outcome.filter(pl.col("state") == state)
    page = outcome.slice(offset, limit)
    return outcome.height, [{"row": r, "state": s, "reason": why} for r, s, why in page.iter_rows()]
