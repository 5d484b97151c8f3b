"""Finding probable duplicates in the registry, and the verifier's two decisions: merge, or distinct.

Merge rules (each has its test in tests/dedup/test_merge.py):
- only a verifier (``duplicate.resolve``) covering both people's villages may merge;
- only a pending pair is merged; a pair marked distinct stays decided;
- two people enrolled in programmes whose periods overlap are refused (double funding) until one of the
  enrolments is ended or rejected; two enrolments in the same programme are refused outright (one person
  holds one enrolment per programme);
- every row pointing at the removed person (enrolments and through them bills and payments, claims,
  sponsorships, registry matches, whatever points at ``people.Worker``) is re-pointed to the kept one with
  one UPDATE per table, found from the model graph, so a table added later is not forgotten;
- the kept person's empty fields are filled from the removed one (KK, phone, KPJ, poverty evidence, ...);
- the removed person's record is kept whole in ``DuplicateMerge`` and in the audit event;
- a pair the removed person had marked distinct stays distinct for the kept person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Worker
from lindung.programmes.models import Programme

from . import engine
from .models import DuplicateMerge, DuplicatePair, PairStatus
from .selectors import people_frame, region_workers, thresholds_in_force

# Fields the kept person takes from the removed one when its own are empty.
FILLED_FIELDS = (
    "kk_number",
    "birth_place",
    "address",
    "rt",
    "rw",
    "phone",
    "email",
    "occupation_2",
    "kpj",
    "poverty_evidence",
    "dtsen_decile",
    "poverty_note",
)
# Enrolments that no longer fund anybody: they do not stand in the way of a merge.
CLOSED = (Status.ENDED, Status.REJECTED)
OWN_MODELS = (DuplicatePair, DuplicateMerge)


class MergeRefused(Exception):
    """The pair cannot be merged; ``str(exc)`` is the Indonesian reason."""


@dataclass
class ScanResult:
    people: int
    candidates: int
    found: int
    new: int


def duplicates_scan(*, actor, region_code: str | None = None) -> ScanResult:
    """Score every candidate pair in the region (the actor's when None) and store the new probable pairs.

    A pair already stored, pending or marked distinct, is left as it is: a distinct pair never comes back.
    """
    scope = access_require(
        actor, "duplicate.resolve", region_code=region_code, object_type="duplicate", what="scan"
    )
    code = scope.region_code if region_code is None else region_code
    people = people_frame(region_workers(code))
    pairs, stats = engine.probable_duplicates(people, thresholds=thresholds_in_force())
    before = DuplicatePair.objects.count()
    DuplicatePair.objects.bulk_create(
        [
            DuplicatePair(worker_a_id=a, worker_b_id=b, score=score, basis=basis)
            for a, b, score, basis in pairs.iter_rows()
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    new = DuplicatePair.objects.count() - before
    result = ScanResult(people=stats.people, candidates=stats.candidates, found=stats.found, new=new)
    audit_record(
        actor=actor,
        action=AuditAction.DUPLICATE_SCAN,
        object_type="region",
        object_id=code,
        region_code=code,
        summary=f"{result.people} orang, {result.found} kemungkinan data ganda, {result.new} baru",
        detail={"people": result.people, "candidates": result.candidates, "found": result.found, "new": new},
    )
    return result


def _decide_guard(actor, pair: DuplicatePair, what: str) -> None:
    for worker in (pair.worker_a, pair.worker_b):
        access_require(
            actor,
            "duplicate.resolve",
            region_code=worker.village_id,
            object_type="duplicate",
            object_id=pair.pk,
            what=what,
        )


def duplicate_distinct(*, actor, pair: DuplicatePair) -> DuplicatePair:
    """Mark the pair as two different people; no scan brings it back."""
    _decide_guard(actor, pair, "distinct")
    if pair.status != PairStatus.PENDING:
        raise MergeRefused(_("Pasangan #%(id)s sudah diputuskan.") % {"id": pair.pk})
    pair.status = PairStatus.DISTINCT
    pair.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.DUPLICATE_DISTINCT,
        object_type="duplicate",
        object_id=pair.pk,
        region_code=pair.worker_a.village_id,
        summary=f"Pekerja #{pair.worker_a_id} dan #{pair.worker_b_id} orang berbeda",
        detail={"workers": [pair.worker_a_id, pair.worker_b_id], "score": pair.score, "basis": pair.basis},
    )
    return pair


def _period(programme: Programme) -> tuple[dt.date, dt.date]:
    return programme.start_month, programme.end_month


def double_funding(kept: Worker, removed: Worker) -> str:
    """Why the two people's open enrolments cannot be one person's, or "" when they can."""
    open_of = {
        worker.pk: list(
            Enrolment.objects.filter(worker=worker).exclude(status__in=CLOSED).select_related("programme")
        )
        for worker in (kept, removed)
    }
    all_of = {
        worker.pk: set(Enrolment.objects.filter(worker=worker).values_list("programme_id", flat=True))
        for worker in (kept, removed)
    }
    same = all_of[kept.pk] & all_of[removed.pk]
    if same:
        programme = Programme.objects.get(pk=min(same))
        return _(
            "Keduanya terdaftar di program %(programme)s: satu orang hanya punya satu kepesertaan per "
            "program. Hapus atau pindahkan salah satunya lebih dulu."
        ) % {"programme": programme.name}
    for a in open_of[kept.pk]:
        for b in open_of[removed.pk]:
            (a_from, a_to), (b_from, b_to) = _period(a.programme), _period(b.programme)
            if a_from <= b_to and b_from <= a_to:
                return _(
                    "Pendanaan ganda: %(a)s (%(a_status)s) dan %(b)s (%(b_status)s) berjalan pada masa yang "
                    "sama. Akhiri salah satu kepesertaan lebih dulu."
                ) % {
                    "a": a.programme.name,
                    "a_status": a.get_status_display(),
                    "b": b.programme.name,
                    "b_status": b.get_status_display(),
                }
    return ""


def worker_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) with a foreign key to ``people.Worker``, the dedup tables aside."""
    return [
        (rel.related_model, rel.field.name)
        for rel in Worker._meta.related_objects
        if rel.related_model not in OWN_MODELS and (rel.one_to_many or rel.one_to_one)
    ]


def _repoint(kept: Worker, removed: Worker) -> dict[str, int]:
    """One UPDATE per table pointing at ``removed``; the count moved, by table."""
    moved = {}
    for model, field in worker_relations():
        count = model._base_manager.filter(**{field: removed}).update(**{field: kept})
        if count:
            moved[f"{model._meta.label_lower}.{field}"] = count
    return moved


def _keep_distinct(kept: Worker, removed: Worker) -> None:
    """The removed person's distinct pairs, carried over to the kept person."""
    others = set()
    decided = DuplicatePair.objects.filter(status=PairStatus.DISTINCT).filter(
        Q(worker_a=removed) | Q(worker_b=removed)
    )
    for a, b in decided.values_list("worker_a_id", "worker_b_id"):
        others.add(b if a == removed.pk else a)
    others.discard(kept.pk)
    DuplicatePair.objects.bulk_create(
        [
            DuplicatePair(
                worker_a_id=min(kept.pk, other),
                worker_b_id=max(kept.pk, other),
                score=0,
                basis=engine.SAME_DATE,
                status=PairStatus.DISTINCT,
                decided_at=timezone.now(),
            )
            for other in others
        ],
        ignore_conflicts=True,
    )
    # Pairs of the kept person with the same people, found by an earlier scan, are decided the same way.
    DuplicatePair.objects.filter(
        Q(worker_a=kept, worker_b__in=others) | Q(worker_b=kept, worker_a__in=others),
        status=PairStatus.PENDING,
    ).update(status=PairStatus.DISTINCT, decided_at=timezone.now())


def _fill_blanks(kept: Worker, removed: Worker) -> list[str]:
    filled = [
        name
        for name in FILLED_FIELDS
        if getattr(kept, name) in ("", None) and getattr(removed, name) not in ("", None)
    ]
    for name in filled:
        setattr(kept, name, getattr(removed, name))
    if filled:
        kept.save(update_fields=[*filled, "updated_at"])
    return filled


def duplicate_merge(*, actor, pair: DuplicatePair, keep: Worker) -> DuplicateMerge:
    """Merge the pair into ``keep`` (one of its two people). Steps: guard, double-funding check, re-point every
    row, fill blanks, record the removed person, delete it, audit."""
    _decide_guard(actor, pair, "merge")
    if pair.status != PairStatus.PENDING:
        raise MergeRefused(_("Pasangan #%(id)s sudah diputuskan.") % {"id": pair.pk})
    if keep.pk not in (pair.worker_a_id, pair.worker_b_id):
        raise MergeRefused(
            _("Data yang dipertahankan harus salah satu dari pasangan #%(id)s.") % {"id": pair.pk}
        )
    kept = Worker.objects.get(pk=keep.pk)
    removed = Worker.objects.get(pk=pair.worker_b_id if kept.pk == pair.worker_a_id else pair.worker_a_id)
    reason = double_funding(kept, removed)
    if reason:
        raise MergeRefused(reason)
    record = model_to_dict(removed)
    record = {
        key: (str(value) if not isinstance(value, (int, bool, type(None), list, dict)) else value)
        for key, value in record.items()
    }
    try:
        with transaction.atomic():
            moved = _repoint(kept, removed)
            filled = _fill_blanks(kept, removed)
            _keep_distinct(kept, removed)
            merge = DuplicateMerge.objects.create(
                kept=kept,
                removed_worker_id=removed.pk,
                removed_nik=removed.nik,
                removed_name=removed.full_name,
                removed_record=record,
                moved=moved,
                score=pair.score,
                basis=pair.basis,
                merged_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            Worker.objects.filter(pk=removed.pk).delete()
            audit_record(
                actor=actor,
                action=AuditAction.DUPLICATE_MERGE,
                object_type="worker",
                object_id=kept.pk,
                region_code=kept.village_id,
                summary=f"Pekerja #{removed.pk} ({removed.full_name}) digabung ke #{kept.pk} ({kept.full_name})",
                detail={
                    "merge": merge.pk,
                    "removed": record,
                    "moved": moved,
                    "filled": filled,
                    "pair": pair.pk,
                },
            )
    except IntegrityError as exc:
        raise MergeRefused(
            _("Penggabungan gagal karena data keduanya bertabrakan: %(error)s") % {"error": exc}
        ) from exc
    return merge
