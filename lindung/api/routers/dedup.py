"""Probable duplicates over JSON: the same services and selectors as the review page and the CLI (``dedup``).

Pairs name people: every list and detail read is audited (DUPLICATE_VIEW); a pair outside the caller's
region answers 404, a refused decision a named 400.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.views.decorators.cache import never_cache
from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.accounts.access import AccessRefused
from lindung.dedup.models import DuplicatePair
from lindung.dedup.selectors import pair_for, pairs_view_record, pairs_visible_to
from lindung.dedup.services import MergeRefused, duplicate_distinct, duplicate_merge, duplicates_scan
from lindung.people.selectors import nik_for_display

from ..permissions import require
from ..schemas import PageNumber, RecordId, RegionCode, answers

router = Router(tags=["dedup"])
router.add_decorator(never_cache, mode="view")
PER_PAGE = 50


class PersonOut(Schema):
    id: int
    full_name: str
    nik: str
    birth_date: dt.date
    village_code: str


class PairOut(Schema):
    id: int
    score: int
    basis: str
    status: str
    a: PersonOut
    b: PersonOut


class PairPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[PairOut]


class ScanIn(Schema):
    region: RegionCode = ""


class ScanOut(Schema):
    people: int
    candidates: int
    found: int
    new: int


class MergeIn(Schema):
    keep: RecordId


class MergeOut(Schema):
    kept: int
    removed: int
    moved: dict[str, int]


def _person(request, worker) -> dict:
    return {
        "id": worker.pk,
        "full_name": worker.full_name,
        "nik": nik_for_display(request.user, worker.nik),
        "birth_date": worker.birth_date,
        "village_code": worker.village_id,
    }


def _out(request, pair: DuplicatePair) -> dict:
    return {
        "id": pair.pk,
        "score": pair.score,
        "basis": pair.basis,
        "status": pair.status,
        "a": _person(request, pair.worker_a),
        "b": _person(request, pair.worker_b),
    }


def _pair(request, pair_id: int) -> DuplicatePair:
    try:
        return pair_for(request.user, pair_id)
    except Http404:
        raise HttpError(404, f"Pasangan #{pair_id} tidak ditemukan di wilayah Anda.") from None


def _access(exc: AccessRefused):
    raise HttpError(404 if exc.outside_scope else 403, exc.message) from exc


@router.get("", response=answers(PairPageOut, 403))
def list_pairs(request, page: PageNumber = 1):
    """Pending pairs in the caller's region, highest score first, 50 a page; audited as one read."""
    require(request, "duplicate.view")
    pairs = pairs_visible_to(request.user)
    count = pairs.count()
    items = list(pairs[(page - 1) * PER_PAGE : page * PER_PAGE]) if page <= count // PER_PAGE + 1 else []
    pairs_view_record(request.user, items, where="API")
    return {
        "count": count,
        "page": page,
        "pages": -(-count // PER_PAGE),
        "items": [_out(request, p) for p in items],
    }


@router.post("/scan", response=answers(ScanOut, 403, 404))
def scan(request, body: ScanIn):
    """Score the region's candidate pairs (the caller's region when none is given) and store the new ones."""
    require(request, "duplicate.resolve")
    try:
        result = duplicates_scan(actor=request.user, region_code=body.region or None)
    except AccessRefused as exc:
        _access(exc)
    return {
        "people": result.people,
        "candidates": result.candidates,
        "found": result.found,
        "new": result.new,
    }


@router.get("/{int:pair_id}", response=answers(PairOut, 403, 404))
def pair_detail(request, pair_id: RecordId):
    """One pair, pending or decided (an audited read)."""
    require(request, "duplicate.view")
    pair = _pair(request, pair_id)
    pairs_view_record(request.user, [pair], where="API")
    return _out(request, pair)


@router.post("/{int:pair_id}/merge", response=answers(MergeOut, 400, 403, 404))
def merge(request, pair_id: RecordId, body: MergeIn):
    """Merge the pair into ``keep``; refused (400, with the reason) for double funding or a decided pair."""
    require(request, "duplicate.resolve")
    pair = _pair(request, pair_id)
    keep = {pair.worker_a_id: pair.worker_a, pair.worker_b_id: pair.worker_b}.get(body.keep)
    if keep is None:
        raise HttpError(400, f"keep: pekerja #{body.keep} bukan salah satu dari pasangan #{pair.pk}.")
    try:
        record = duplicate_merge(actor=request.user, pair=pair, keep=keep)
    except AccessRefused as exc:
        _access(exc)
    except MergeRefused as exc:
        raise HttpError(400, str(exc)) from None
    return {"kept": keep.pk, "removed": record.removed_worker_id, "moved": record.moved}


@router.post("/{int:pair_id}/distinct", response=answers(PairOut, 400, 403, 404))
def distinct(request, pair_id: RecordId):
    """Mark the pair as two different people; it never comes back."""
    require(request, "duplicate.resolve")
    pair = _pair(request, pair_id)
    try:
        duplicate_distinct(actor=request.user, pair=pair)
    except AccessRefused as exc:
        _access(exc)
    except MergeRefused as exc:
        raise HttpError(400, str(exc)) from None
    return _out(request, pair)
