"""What a budget plan's reader must know beside its figures: notes and the funding source's caution.

Notes are built when the plan is, in the active language (a plan is never stored); discount names and legal
bases are rule data and stay as the rule row has them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import number_format
from django.utils.translation import gettext

from lindung.contributions.calculator import MonthlyContribution, QuoteCache
from lindung.contributions.selectors import discount_reaches_category
from lindung.core.months import month_of

from .models import FundingSource
from .services import funding_policy

if TYPE_CHECKING:
    from .planner import PlanParams


def number_text(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def plan_cautions(params: PlanParams, month_quotes: list[MonthlyContribution]) -> list[str]:
    """The funding-source row's caution when any month was computed with a discount."""
    if not any(q.discount for q in month_quotes):
        return []
    policy = funding_policy(params.funding_source, on=month_of(params.start))
    return [policy.discount_caution] if policy is not None and policy.discount_caution else []


def _people(value: int) -> str:
    """A head count grouped the reader's way: 10.000 in Indonesian, 10,000 in English."""
    return number_format(value, force_grouping=True)


def _head_count_notes(params: PlanParams, distributed: int) -> list[str]:
    if params.per_village is not None or params.total_quota is None:
        return []
    total = params.total_quota
    if not distributed:
        return [
            gettext(
                "Kuota total {total} orang, tidak dibagi per desa; rincian per wilayah tidak tersedia."
            ).format(total=_people(total))
        ]
    if distributed < total:
        return [
            gettext(
                "Kuota total {total} orang: {distributed} sudah dibagi ke desa, {left} belum dibagi."
            ).format(
                total=_people(total), distributed=_people(distributed), left=_people(total - distributed)
            )
        ]
    if distributed > total:
        return [
            gettext(
                "Kuota desa berjumlah {distributed} orang, melebihi kuota total {total}; kebutuhan dihitung "
                "dari kuota total."
            ).format(total=_people(total), distributed=_people(distributed))
        ]
    return []


def plan_notes(
    params: PlanParams, quotes: QuoteCache, month_quotes: list[MonthlyContribution], quota_sum: int
) -> list[str]:
    """What the reader of a plan must know: a total quota that caps it, kelurahan left out, discounts."""
    notes = _head_count_notes(params, quota_sum)
    if params.per_village is not None and params.total_quota is not None and params.total_quota < quota_sum:
        notes.append(
            gettext(
                "Kuota total program {total} orang lebih kecil dari jumlah kuota desa {quota_sum}; "
                "kebutuhan dihitung dari kuota total."
            ).format(total=_people(params.total_quota), quota_sum=_people(quota_sum))
        )
    if not params.include_kelurahan:
        notes.append(
            gettext(
                "Kelurahan tidak dihitung karena tidak memiliki pemerintah desa; kelurahan dapat disertakan."
            )
        )
    for name, basis in dict.fromkeys((q.discount_name, q.discount_basis) for q in month_quotes if q.discount):
        notes.append(f"{name} ({basis}).")
    excluded = {
        (d.name, d.legal_basis)
        for q in month_quotes
        for d in quotes.rules.discounts
        if d.segment == params.segment
        and d.valid_from <= q.month <= (d.valid_to or q.month)
        and params.funding_source in (d.excluded_funding_sources or [])
        and discount_reaches_category(d, params.category)
    }
    for name, basis in sorted(excluded):
        source = (
            FundingSource(params.funding_source).label
            if params.funding_source in FundingSource.values
            else ""
        )
        notes.append(
            gettext("Tidak mendapat {discount}: sumber dana {source} dikecualikan ({basis}).").format(
                discount=name, source=source or params.funding_source, basis=basis
            )
        )
    return notes
