"""Reads on probable duplicates that the review page, the API, the CLI and the import share."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lindung.accounts.selectors import Scope, scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.people.models import Worker
from lindung.regions.codes import at_level, subtree_q

from . import engine
from .models import DuplicatePair, DuplicateThreshold, PairStatus

KECAMATAN_LEVEL = 3


def thresholds_in_force(on: dt.date | None = None) -> engine.Thresholds:
    """The threshold row in force per basis; a basis without a row keeps the engine's default."""
    on = on or timezone.localdate()
    minimum = dict(engine.DEFAULT_MINIMUM)
    nik_digits = dict(engine.DEFAULT_MAX_NIK_DIGITS)
    rare = dict(engine.DEFAULT_RARE_NAME_PEOPLE)
    for basis in engine.BASES:
        row = DuplicateThreshold.objects.filter(basis=basis).in_force(on).first()
        if row is not None:
            minimum[basis] = row.min_score
            nik_digits[basis] = row.max_nik_digits
            rare[basis] = row.rare_name_people
    return engine.Thresholds(minimum=minimum, max_nik_digits=nik_digits, rare_name_people=rare)


def people_frame(workers: QuerySet[Worker]) -> pl.DataFrame:
    """The engine's input (id, nik, name, birth_date, gender, kecamatan, village) for ``workers``, in one
    query."""
    rows = workers.order_by().values_list("id", "nik", "full_name", "birth_date", "gender", "village_id")
    frame = pl.DataFrame(
        list(rows),
        schema={
            "id": pl.Int64,
            "nik": pl.String,
            "name": pl.String,
            "birth_date": pl.Date,
            "gender": pl.String,
            "village": pl.String,
        },
        orient="row",
    )
    return with_kecamatan(frame)


def with_kecamatan(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with the kecamatan of its ``village`` column (codes split by ``regions.codes`` only)."""
    villages = frame["village"].unique().to_list()
    kecamatan = {code: at_level(code, KECAMATAN_LEVEL) if code else "" for code in villages}
    return frame.with_columns(
        kecamatan=pl.col("village").replace_strict(kecamatan, default="", return_dtype=pl.String)
    )


def pairs_visible_to(actor, *, status: str | None = PairStatus.PENDING) -> QuerySet[DuplicatePair]:
    """Pairs with at least one person in the actor's region (none without ``duplicate.view``)."""
    scope = scope_for_actor(actor)
    if not scope.can("duplicate.view"):
        return DuplicatePair.objects.none()
    qs = DuplicatePair.objects.filter(_in_scope(scope)).select_related(
        "worker_a__village", "worker_b__village"
    )
    return qs.filter(status=status) if status else qs


def _in_scope(scope: Scope) -> Q:
    return scope.q("worker_a__village_id") | scope.q("worker_b__village_id")


def pair_for(actor, pk: int) -> DuplicatePair:
    """One pair the actor may see, or 404."""
    pair = pairs_visible_to(actor, status=None).filter(pk=pk).first()
    if pair is None:
        raise Http404("Pasangan tidak ditemukan")
    return pair


def pending_pair_of(worker_ids: list[int]) -> QuerySet[DuplicatePair]:
    """Pending pairs naming any of ``worker_ids`` (the worker page's "possible duplicate" notice)."""
    return DuplicatePair.objects.filter(
        Q(worker_a_id__in=worker_ids) | Q(worker_b_id__in=worker_ids), status=PairStatus.PENDING
    )


def region_workers(code: str) -> QuerySet[Worker]:
    return Worker.objects.filter(subtree_q("village_id", code))


def pairs_view_record(actor, pairs: list[DuplicatePair], *, where: str) -> None:
    """One DUPLICATE_VIEW event naming every person a list showed (UU PDP: reads of personal data)."""
    if not pairs:
        return
    workers = sorted({w for pair in pairs for w in (pair.worker_a_id, pair.worker_b_id)})
    audit_record(
        actor=actor,
        action=AuditAction.DUPLICATE_VIEW,
        object_type="duplicate",
        object_id=pairs[0].pk if len(pairs) == 1 else "",
        region_code=scope_for_actor(actor).region_code,
        summary=f"{len(pairs)} pasangan kemungkinan data ganda ({where})",
        detail={"pairs": [pair.pk for pair in pairs], "workers": workers},
    )
