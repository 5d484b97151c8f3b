"""The registry endpoints: import an extract edition, read editions, a worker's match, decile rules and the
vulnerable-worker counts. They call the same services and selectors as the pages; a refusal of the service
(audited there) becomes a 403, a record outside the caller's region a 404."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lindung.accounts.access import AccessRefused
from lindung.people.selectors import nik_for_display, worker_for
from lindung.programmes.selectors import programmes_visible_to
from lindung.registry import selectors
from lindung.registry.models import RegistryEdition
from lindung.registry.services import RegistryRefused, decile_rule_add
from lindung.transfer.reading import ImportRefused
from lindung.transfer.registry_import import registry_extract_upload

from ..permissions import require
from ..schemas import CODE, REGION_CODE, Code, Limit, Offset, RecordId, Text, Year, answers

router = Router(tags=["registry"])


class EditionOut(Schema):
    id: int
    kind: str
    edition_date: dt.date
    region: str
    file_name: str
    file_sha256: str
    vulnerable_max_decile: int
    rows: int
    imported: int
    flagged: int
    rejected: int
    missing_columns: list[str]


class EditionImportOut(Schema):
    created: bool
    same_file: bool
    edition: EditionOut


class ProblemOut(Schema):
    row: int
    outcome: str
    field: str
    message: str


class EntryOut(Schema):
    row: int
    nik: str
    name: str
    decile: int | None
    village: str | None
    flagged: bool


class EditionDetailOut(EditionOut):
    problems: list[ProblemOut]
    entries: list[EntryOut]


class MatchOut(Schema):
    worker: int
    found: bool
    decile: int | None = None
    method: str | None = None
    score: int | None = None
    edition: int | None = None
    kind: str | None = None
    edition_date: dt.date | None = None


class DecileRuleIn(Schema):
    programme: Code
    max_decile: Annotated[int, Field(ge=1, le=10)]
    valid_from: dt.date
    legal_basis: Text
    note: Text = ""


class DecileRuleOut(Schema):
    id: int
    programme: str
    max_decile: int
    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str


class CountOut(Schema):
    region: str
    count: int


def _edition_out(e: RegistryEdition) -> dict:
    return {
        "id": e.pk,
        "kind": e.kind,
        "edition_date": e.edition_date,
        "region": e.region_id,
        "file_name": e.original_name,
        "file_sha256": e.file_sha256,
        "vulnerable_max_decile": e.vulnerable_max_decile,
        "rows": e.rows_total,
        "imported": e.rows_imported,
        "flagged": e.rows_flagged,
        "rejected": e.rows_rejected,
        "missing_columns": e.missing_columns,
    }


def _rule_out(rule) -> dict:
    return {
        "id": rule.pk,
        "programme": rule.programme.code,
        "max_decile": rule.max_decile,
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
        "legal_basis": rule.legal_basis,
    }


def _refused(exc: AccessRefused):
    raise HttpError(404 if exc.outside_scope else 403, str(exc)) from None


@router.post(
    "/editions",
    # 201: a new edition; 200: the same edition again, which changed nothing.
    response=answers(EditionImportOut, 400, 403, 404, ok_status=201) | {200: EditionImportOut},
    url_name="registry_import",
)
def edition_import(
    request,
    file: File[UploadedFile],
    edition_date: Form[dt.date],
    kind: str = Form(..., **CODE),
    region: str = Form(..., **REGION_CODE),
    vulnerable_max_decile: int = Form(4, ge=1, le=10),
):
    """Import an extract (XLSX or CSV). 201 with ``created`` true for a new edition; the same edition again
    (kind, date, region) answers 200 and changes nothing."""
    require(request, "registry.import")
    try:
        result = registry_extract_upload(
            actor=request.user,
            source=file,
            original_name=file.name or "",
            kind=kind,
            edition_date=edition_date,
            region_code=region,
            vulnerable_max_decile=vulnerable_max_decile,
        )
    except AccessRefused as exc:
        _refused(exc)
    except (ImportRefused, RegistryRefused) as exc:
        return Status(400, {"detail": str(exc)})
    body = {"created": result.created, "same_file": result.same_file, "edition": _edition_out(result.edition)}
    return Status(201 if result.created else 200, body)


@router.get("/editions", response=answers(list[EditionOut], 403), url_name="registry_editions")
def edition_list(request, offset: Offset = 0, limit: Limit = 100):
    require(request, "registry.view")
    return [_edition_out(e) for e in selectors.editions_visible_to(request.user)[offset : offset + limit]]


@router.get("/editions/{pk}", response=answers(EditionDetailOut, 403, 404), url_name="registry_edition")
def edition_detail(request, pk: RecordId, offset: Offset = 0, limit: Limit = 100):
    """One edition: its counts, every flag and refusal by row and column, and a page of its people."""
    require(request, "registry.view")
    edition = selectors.edition_for(request.user, pk)
    if edition is None:
        raise HttpError(404, "Edisi tidak ditemukan.")
    entries = selectors.edition_entries(request.user, edition, offset=offset, limit=limit)
    return _edition_out(edition) | {
        "problems": [
            {"row": p.row_number, "outcome": p.outcome, "field": p.field, "message": p.message}
            for p in selectors.edition_problems(edition)[:10_000]
        ],
        "entries": [
            {
                "row": e.row_number,
                "nik": nik_for_display(request.user, e.nik),
                "name": e.full_name,
                "decile": e.decile,
                "village": e.village_id,
                "flagged": e.flagged,
            }
            for e in entries
        ],
    }


@router.get("/workers/{pk}", response=answers(MatchOut, 403, 404), url_name="registry_worker_match")
def worker_match(request, pk: RecordId):
    """The worker's match in the latest edition it was found in (``found`` false when none)."""
    require(request, "registry.view")
    worker = worker_for(request.user, pk)
    match = selectors.worker_registry_match(request.user, worker)
    if match is None:
        return {"worker": worker.pk, "found": False}
    return {
        "worker": worker.pk,
        "found": True,
        "decile": match.decile,
        "method": match.method,
        "score": match.score,
        "edition": match.edition_id,
        "kind": match.edition.kind,
        "edition_date": match.edition_date,
    }


@router.get("/decile-rules", response=answers(list[DecileRuleOut], 403), url_name="registry_decile_rules")
def decile_rule_list(request, programme: Code = ""):
    require(request, "registry.view")
    programmes = programmes_visible_to(request.user)
    if programme:
        programmes = programmes.filter(code=programme)
    return [_rule_out(r) for r in selectors.decile_rules_of(programmes)[:1000]]


@router.post(
    "/decile-rules",
    response=answers(DecileRuleOut, 400, 403, 404, ok_status=201),
    url_name="registry_decile_add",
)
def decile_rule_create(request, payload: DecileRuleIn):
    """Add a programme's "decile ≤ N" rule from ``valid_from``, citing its legal basis."""
    require(request, "programme.manage")
    programme = programmes_visible_to(request.user).filter(code=payload.programme).first()
    if programme is None:
        raise HttpError(404, "Program tidak ditemukan.")
    try:
        rule = decile_rule_add(
            actor=request.user,
            programme=programme,
            max_decile=payload.max_decile,
            valid_from=payload.valid_from,
            legal_basis=payload.legal_basis,
            note=payload.note,
        )
    except AccessRefused as exc:
        _refused(exc)
    except RegistryRefused as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, _rule_out(rule))


@router.get(
    "/vulnerable-counts", response=answers(list[CountOut], 403), url_name="registry_vulnerable_counts"
)
def vulnerable_count_list(request, year: Year):
    """The vulnerable-worker count per region from the social registry, for the regions in scope."""
    require(request, "registry.view")
    counts = selectors.vulnerable_counts(request.user, year)
    return [{"region": code, "count": n} for code, n in sorted(counts.items())]
