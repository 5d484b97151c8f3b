"""Programmes over JSON: list and detail (region-scoped), the budget planner and the contribution calculator.

Thin: every figure comes from ``programmes.planner`` and ``contributions.calculator``, the same services the
pages and the CLI use.
"""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from lindung.contributions.calculator import ContributionError, contribution_quote
from lindung.contributions.selectors import RuleMissing
from lindung.core.months import month_parse
from lindung.enrolment.selectors import enrolments_visible_to, programme_quota_usage, status_counts
from lindung.programmes.planner import (
    PlanParams,
    PlanRefused,
    budget_plan,
    plan_month_parse,
    plan_params_for_programme,
)
from lindung.programmes.selectors import programmes_visible_to
from lindung.programmes.services import funding_policy
from lindung.programmes.umbrella import UmbrellaRefused, umbrella_lines_set
from lindung.programmes.umbrella_selectors import umbrella_overview

from ..permissions import require
from ..schemas import Code, Months, MonthText, People, RegionCode, Rupiah, Year, answers
from .programme_schemas import (
    BudgetLinesIn,
    ContributionOut,
    LegalBasisOut,
    PlanOut,
    UmbrellaOut,
    VillageQuotaOut,
)

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    owner_region: str
    coverage_region: str
    coverage_region_name: str
    fiscal_year: int
    start_month: dt.date
    end_month: dt.date
    months: int
    segment: str
    declared_income: int
    include_jht: bool
    include_jp: bool
    funding_source: str
    apbdes_sub_source: str
    sponsor: str | None
    legal_basis: str
    legal_bases: list[LegalBasisOut]
    quota_per_village: int | None
    total_quota: int | None
    budget_ceiling: int | None
    eligible_categories: list[str]
    age_min: int
    age_max: int
    is_active: bool
    umbrella: bool


class ProgrammeDetail(ProgrammeOut):
    places_used: int
    status_counts: dict[str, int]


def _out(p) -> dict:
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "owner_region": p.owner_region_id,
        "coverage_region": p.coverage_region_id,
        "coverage_region_name": p.coverage_region.name,
        "fiscal_year": p.fiscal_year,
        "start_month": p.start_month,
        "end_month": p.end_month,
        "months": p.months,
        "segment": p.segment,
        "declared_income": p.declared_income,
        "include_jht": p.include_jht,
        "include_jp": p.include_jp,
        "funding_source": p.funding_source,
        "apbdes_sub_source": p.apbdes_sub_source,
        "sponsor": p.sponsor.name if p.sponsor_id else None,
        "legal_basis": p.legal_basis,
        "legal_bases": [
            {f: getattr(b, f) for f in ("kind", "issuer", "number", "year", "title", "issued_on", "citation")}
            for b in p.legal_bases.all()
        ],
        "quota_per_village": p.quota_per_village,
        "total_quota": p.total_quota,
        "budget_ceiling": p.budget_ceiling,
        "eligible_categories": list(p.eligible_categories or []),
        "age_min": p.age_min,
        "age_max": p.age_max,
        "is_active": p.is_active,
        "umbrella": p.umbrella,
    }


def _programme(request, code: str):
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if programme is None:
        raise HttpError(404, f'Program "{code}" tidak ditemukan di wilayah Anda.')
    return programme


@router.get("/", response=answers(list[ProgrammeOut], 403))
def list_programmes(request, year: Year | None = None, active: bool | None = None):
    """Programmes touching the caller's region (covering part of it, or covering it from above)."""
    require(request, "programme.view")
    qs = programmes_visible_to(request.user).order_by("-fiscal_year", "code")
    if year is not None:
        qs = qs.filter(fiscal_year=year)
    if active is not None:
        qs = qs.filter(is_active=active)
    return [_out(p) for p in qs]


@router.get("/contribution", response=answers(ContributionOut, 400, 403))
def contribution(
    request,
    month: MonthText,
    segment: Code = "BPU",
    income: Rupiah = 1_000_000,
    funding_source: Code = "apbd_kabupaten",
    category: Code = "",
    jht: bool = False,
    jp: bool = False,
):
    """The contribution calculator: one person-month, itemised, with the rule rows and legal basis used."""
    require(request, "programme.view")
    try:
        quote = contribution_quote(
            segment=segment,
            month=month_parse(month),
            income=income,
            funding_source=funding_source,
            category=category,
            include_jht=jht,
            include_jp=jp,
        )
    except (ContributionError, RuleMissing, ValueError) as exc:
        raise HttpError(400, str(exc)) from exc
    answer = quote.to_dict()
    policy = funding_policy(funding_source, on=quote.month) if quote.discount else None
    if policy is not None and policy.discount_caution:
        answer["notes"] = [*answer["notes"], policy.discount_caution]
    return answer


def _check_region(scope, region: str) -> None:
    if not scope.covers(region):
        raise HttpError(403, f"Wilayah {region or 'nasional'} berada di luar wilayah akun Anda.")


@router.get("/budget-plan", response=answers(PlanOut, 400, 403))
def plan_adhoc(
    request,
    start: MonthText,
    funding_source: Code,
    per_village: People | None = None,
    total: People | None = None,
    months: Months = 12,
    income: Rupiah = 1_000_000,
    region: RegionCode = "",
    segment: Code = "BPU",
    category: Code = "",
    jht: bool = False,
    jp: bool = False,
    include_kelurahan: bool = False,
    ceiling: Rupiah | None = None,
    villages: bool = False,
):
    """A what-if budget for a region (default: the caller's region), by village quota, head count or both.

    Without ``per_village`` and ``total``, 100 people per village.
    """
    scope = require(request, "programme.view")
    region = region or scope.region_code
    _check_region(scope, region)
    try:
        params = PlanParams(
            region_code=region,
            per_village=100 if per_village is None and total is None else per_village,
            total_quota=total,
            months=months,
            start=plan_month_parse(start),
            income=income,
            funding_source=funding_source,
            segment=segment,
            category=category,
            include_jht=jht,
            include_jp=jp,
            include_kelurahan=include_kelurahan,
            budget_ceiling=ceiling,
        )
        return budget_plan(params, with_villages=villages and len(region) >= 5).to_dict()
    except (PlanRefused, ValueError) as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/{code}", response=answers(ProgrammeDetail, 403, 404))
def programme_detail(request, code: Code):
    """One programme with its quota use and how many enrolments are in each status (in the caller's region)."""
    require(request, "programme.view")
    programme = _programme(request, code)
    counts = status_counts(enrolments_visible_to(request.user).filter(programme=programme))
    return _out(programme) | {
        "places_used": programme_quota_usage(programme).total_used,
        "status_counts": counts,
    }


@router.get("/{code}/budget-plan", response=answers(PlanOut, 400, 403, 404))
def plan_programme(request, code: Code, region: RegionCode = "", villages: bool = False):
    """The programme's budget need per village, kecamatan and kabupaten, against its ceiling."""
    scope = require(request, "programme.view")
    programme = _programme(request, code)
    coverage = programme.coverage_region_id
    # A pendamping of one kecamatan sees the kabupaten programme's plan for that kecamatan.
    region = region or (coverage if scope.covers(coverage) else scope.region_code)
    _check_region(scope, region)
    try:
        params = plan_params_for_programme(programme, region_code=region)
        return budget_plan(params, programme=programme, with_villages=villages).to_dict()
    except PlanRefused as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/{code}/quota/{village}", response=answers(VillageQuotaOut, 403, 404))
def quota_for_village(request, code: Code, village: RegionCode):
    """A village's quota in the programme and the places already taken."""
    scope = require(request, "programme.view")
    programme = _programme(request, code)
    _check_region(scope, village)
    usage = programme_quota_usage(programme, villages=[village])
    return {
        "programme": programme.code,
        "village": village,
        "quota": usage.quota_for(village),
        "used": usage.used_by_village.get(village, 0),
        "remaining": usage.remaining_for(village),
    }


def _umbrella(request, code: str):
    programme = _programme(request, code)
    if not programme.umbrella:
        raise HttpError(404, f"Program {code} bukan skema payung APBDes.")
    return programme


@router.get("/{code}/umbrella", response=answers(UmbrellaOut, 403, 404))
def umbrella_get(request, code: Code):
    """An umbrella APBDes scheme: every village's line, and the villages that have not budgeted yet."""
    require(request, "programme.view")
    return umbrella_overview(_umbrella(request, code)).to_dict()


@router.put("/{code}/umbrella", response=answers(UmbrellaOut, 403, 404, 422))
def umbrella_put(request, code: Code, body: BudgetLinesIn):
    """Write villages' APBDes lines (each replaces that village's line); all or nothing. Dana Desa is refused."""
    require(request, "programme.manage")
    programme = _umbrella(request, code)
    try:
        umbrella_lines_set(
            actor=request.user, programme=programme, lines=[line.dict() for line in body.lines]
        )
    except UmbrellaRefused as exc:
        raise HttpError(422, str(exc)) from exc
    return umbrella_overview(programme).to_dict()
