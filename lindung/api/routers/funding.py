"""The funding endpoints. They call the same services and selectors as the pages."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.funding.selectors import PictureRefused, funding_picture

from ..permissions import require
from ..schemas import RegionCode, Year, answers

router = Router(tags=["funding"])


class SourceMonthOut(Schema):
    month: str
    planned: int
    committed: int
    enrolled: int
    billed: int
    paid: int


class FundingProgrammeOut(Schema):
    code: str
    name: str
    funding_source: str
    umbrella: bool
    planned: int
    committed: int
    note: str
    months: list[SourceMonthOut]


class PictureMonthOut(Schema):
    month: str
    planned: int
    committed: int
    enrolled_sum: int
    enrolled: int
    overlap: int
    billed: int
    paid: int


class PictureOut(Schema):
    region: str
    region_name: str
    year: int
    planned: int
    committed: int
    billed: int
    paid: int
    programmes: list[FundingProgrammeOut]
    months: list[PictureMonthOut]


@router.get("/picture", response=answers(PictureOut, 400, 403, 404))
def picture(request, region: RegionCode, year: Year):
    """A regency's funding picture: every programme and source by month, a person counted once per month."""
    require(request, "monev.view")
    try:
        return funding_picture(actor=request.user, region_code=region, year=year).to_dict()
    except PictureRefused as exc:
        raise HttpError(400, str(exc)) from exc
