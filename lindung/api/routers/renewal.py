"""The JSON API for renewal into the next budget year and the province hand-over.

Thin: the same services as the pages and the CLI (``enrolment.services.renewal`` and ``.handover``), which
check ``programme.renew`` over both programmes' coverage areas. A programme the caller cannot see is a 404.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.enrolment.services import (
    HandoverRefused,
    RenewalRefused,
    handover_confirm,
    handover_preview,
    renewal_confirm,
    renewal_preview,
)
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programmes_visible_to

from ..permissions import require
from ..schemas import Code, answers

router = Router(tags=["renewal"])
CAPABILITY = "programme.renew"


class RenewalOut(Schema):
    source: str
    target: str
    carried: int
    dropped: int
    already_in_target: int
    total_places_left: int | None
    budget_left: int | None
    villages: list[dict[str, Any]]
    created: int | None = None


class HandoverOut(Schema):
    programme: str
    first_self_paid_month: str
    due_rule: str
    channels: str
    members: int
    pending: int
    villages: list[dict[str, Any]]
    ended: int | None = None


def _programme(request, code: str) -> Programme:
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if programme is None:
        raise HttpError(404, f'Program "{code}" tidak ditemukan di wilayah Anda.')
    return programme


# Registered before "/{source}/{target}", which would otherwise take "handover" for a programme code.
@router.get("/handover/{programme}", response=answers(HandoverOut, 403, 404))
def handover_get(request, programme: Code):
    require(request, CAPABILITY)
    return handover_preview(actor=request.user, programme=_programme(request, programme)).to_dict()


@router.post("/handover/{programme}", response=answers(HandoverOut, 400, 403, 404))
def handover_post(request, programme: Code):
    require(request, CAPABILITY)
    try:
        report = handover_confirm(actor=request.user, programme=_programme(request, programme))
    except HandoverRefused as exc:
        raise HttpError(400, str(exc)) from exc
    return report.to_dict()


@router.get("/{source}/{target}", response=answers(RenewalOut, 400, 403, 404))
def renewal_get(request, source: Code, target: Code):
    require(request, CAPABILITY)
    try:
        preview = renewal_preview(
            actor=request.user, source=_programme(request, source), target=_programme(request, target)
        )
    except RenewalRefused as exc:
        raise HttpError(400, str(exc)) from exc
    return preview.to_dict()


@router.post("/{source}/{target}", response=answers(RenewalOut, 400, 403, 404))
def renewal_post(request, source: Code, target: Code):
    require(request, CAPABILITY)
    try:
        report = renewal_confirm(
            actor=request.user, source=_programme(request, source), target=_programme(request, target)
        )
    except RenewalRefused as exc:
        raise HttpError(400, str(exc)) from exc
    return report.to_dict()
