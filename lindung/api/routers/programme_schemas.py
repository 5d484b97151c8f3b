"""What the programme endpoints answer: the contribution calculator, the budget planner and a village quota.

These mirror ``MonthlyContribution.to_dict`` and ``BudgetPlan.to_dict``; the OpenAPI document shows them,
and django-ninja refuses an answer that strays from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from ..schemas import People, RegionCode, Rupiah


class ContributionLineOut(Schema):
    component: str
    gross: int
    discount: int
    net: int
    programme_share: int
    worker_share: int
    rate: str
    legal_basis: str
    rule_id: int | None


class DiscountRuleOut(Schema):
    id: int
    name: str
    percent: str
    legal_basis: str


class ContributionOut(Schema):
    month: str
    month_label: str
    segment: str
    income: int
    funding_source: str
    category: str
    jkk: int
    jkm: int
    jht: int
    jp: int
    gross: int
    discount: int
    total: int
    programme_share: int
    worker_share: int
    discount_rule: DiscountRuleOut | None
    lines: list[ContributionLineOut]
    legal_basis: list[str]
    notes: list[str]


class PlanParamsOut(Schema):
    region_code: str
    per_village: int | None
    months: int
    start: str
    income: int
    funding_source: str
    segment: str
    category: str
    include_jht: bool
    include_jp: bool
    include_kelurahan: bool
    budget_ceiling: int | None
    total_quota: int | None
    programme_code: str


class PlanMonthOut(Schema):
    month: str
    label: str
    per_person: int
    people: int
    amount: int
    discount: int
    discount_rule: str
    caution: str


class PlanAreaOut(Schema):
    code: str
    name: str
    villages: int
    quota: int
    monthly: int
    total: int


class PlanOut(Schema):
    params: PlanParamsOut
    region_name: str
    months: list[PlanMonthOut]
    per_person_total: int
    per_village_total: int | None
    per_village_formula: str
    formula: str
    head_count: bool
    cautions: list[str]
    villages: int
    people: int
    village_quota_sum: int
    total: int
    total_text: str
    total_words: str
    budget_ceiling: int | None
    ceiling_gap: int | None
    within_ceiling: bool | None
    kabupaten: list[PlanAreaOut]
    kecamatan: list[PlanAreaOut]
    desa: list[PlanAreaOut]
    notes: list[str]


class LegalBasisOut(Schema):
    kind: str
    issuer: str
    number: str
    year: int | None
    title: str
    issued_on: dt.date | None
    citation: str


class VillageQuotaOut(Schema):
    programme: str
    village: str
    quota: int | None
    used: int
    remaining: int | None


class BudgetLineIn(Schema):
    """One village's line of an umbrella APBDes scheme."""

    village: RegionCode
    kind: Annotated[str, Field(max_length=13, pattern=r"^(apbdes|apbd_transfer)$")] = "apbdes"
    amount: Rupiah
    perdes_number: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[^\x00]*$")]
    perdes_date: dt.date
    sub_source: Annotated[str, Field(max_length=16, pattern=r"^[^\x00]*$")] = ""
    quota: People


class BudgetLinesIn(Schema):
    lines: Annotated[list[BudgetLineIn], Field(min_length=1, max_length=100_000)]


class BudgetLineOut(Schema):
    village: str
    kind: str
    amount: int
    perdes_number: str
    perdes_date: str
    sub_source: str
    quota: int


class UmbrellaOut(Schema):
    programme: str
    villages: int
    budgeted: int
    not_budgeted: list[str]
    total_amount: int
    total_quota: int
    lines: list[BudgetLineOut]
