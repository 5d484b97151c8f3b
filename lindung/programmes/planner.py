"""The budget planner: how much a programme (or a what-if) needs, per village, kecamatan and kabupaten.

Set-based throughout: villages are counted per kecamatan with one GROUP BY on the region table, quota
overrides are read in one query, and the contribution is quoted once per month (it does not depend on the
person for BPU; for PU the planner uses the income given as the typical siltap). 84,000 villages cost the
same handful of queries as one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from lindung.contributions.calculator import ContributionError, MonthlyContribution, QuoteCache
from lindung.core.money import rupiah, rupiah_words
from lindung.core.months import month_add, month_label, month_of
from lindung.regions import codes
from lindung.regions.codes import subtree_q
from lindung.regions.models import Region

from .models import Programme, Segment, VillageQuota
from .plan_notes import number_text, plan_cautions, plan_notes
from .services import funding_source_refusal

VILLAGE_TYPES = ("desa", "desa_adat")
VILLAGE_AND_KELURAHAN_TYPES = ("desa", "desa_adat", "kelurahan")


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


class PlanRefused(ValueError):
    """The plan's parameters are incomplete or wrong; Indonesian message."""


# Bounds of a plan's parameters: far beyond any real programme (Indonesia has about 84,000 villages and
# no kabupaten budget near a thousand trillion rupiah), near enough that every sum stays exact and printable.
MAX_PEOPLE = 10_000_000
MAX_RUPIAH = 10**15
FIRST_YEAR, LAST_YEAR = 2000, 2100


def plan_month_parse(text: str) -> dt.date:
    """The first month of a plan: ``2026-01`` or a real day of it (``2026-01-31``), in 2000–2100."""
    parts = (text or "").strip().split("-")
    try:
        if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
            raise ValueError
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
    except (ValueError, OverflowError):
        raise PlanRefused(
            _('Bulan mulai "%(text)s" tidak dikenali; tulis sebagai TTTT-BB, misalnya 2026-01.')
            % {"text": text}
        ) from None
    _check_year(day)
    return month_of(day)


def _check_year(start: dt.date) -> None:
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise PlanRefused(
            _("Tahun bulan mulai %(year)s harus %(first)s–%(last)s.")
            % {"year": start.year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _check_count(value: int | None, what: str) -> None:
    if value is not None and not 0 <= value <= MAX_PEOPLE:
        raise PlanRefused(
            _("%(what)s %(value)s harus 0 sampai %(max)s orang.")
            % {"what": what, "value": value, "max": number_text(MAX_PEOPLE)}
        )


def _check_rupiah(value: int | None, what: str) -> None:
    if value is not None and not 0 <= value <= MAX_RUPIAH:
        raise PlanRefused(_("%(what)s harus Rp 0 sampai Rp 1.000.000.000.000.000.") % {"what": what})


@dataclass(frozen=True)
class PlanParams:
    region_code: str
    per_village: int | None
    months: int
    start: dt.date
    income: int
    funding_source: str
    segment: str = Segment.BPU
    category: str = ""
    include_jht: bool = False
    include_jp: bool = False
    include_kelurahan: bool = False
    budget_ceiling: int | None = None
    total_quota: int | None = None
    programme_code: str = ""


@dataclass
class PlanMonth:
    month: dt.date
    per_person: int
    people: int
    amount: int
    contribution: MonthlyContribution

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "label": month_label(self.month),
            "per_person": self.per_person,
            "people": self.people,
            "amount": self.amount,
            "discount": self.contribution.discount,
            "discount_rule": self.contribution.discount_name,
        }


@dataclass
class PlanArea:
    code: str
    name: str
    villages: int
    quota: int
    monthly: int  # the first month's need; later months may differ when a discount starts or ends
    total: int


@dataclass
class BudgetPlan:
    params: PlanParams
    region_name: str
    months: list[PlanMonth]
    per_person_total: int
    villages: int
    people: int
    village_quota_sum: int
    total: int
    kabupaten: list[PlanArea] = field(default_factory=list)
    kecamatan: list[PlanArea] = field(default_factory=list)
    desa: list[PlanArea] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The funding-source row's caution, printed beside every figure computed with a discount (DOMAIN.md §1 ⚠).
    cautions: list[str] = field(default_factory=list)

    @property
    def head_count(self) -> bool:
        """A plan by total head count (no per-village quota): its villages show only what was distributed."""
        return self.params.per_village is None

    @property
    def per_village_total(self) -> int | None:
        return None if self.params.per_village is None else self.params.per_village * self.per_person_total

    @property
    def ceiling_gap(self) -> int | None:
        """Ceiling minus need: negative when the ceiling is short."""
        ceiling = self.params.budget_ceiling
        return None if ceiling is None else ceiling - self.total

    @property
    def within_ceiling(self) -> bool | None:
        gap = self.ceiling_gap
        return None if gap is None else gap >= 0

    def month_runs(self) -> list[tuple[dt.date, dt.date, int]]:
        """Consecutive months with the same per-person amount: [(first, last, amount)]."""
        runs: list[tuple[dt.date, dt.date, int]] = []
        for m in self.months:
            if runs and runs[-1][2] == m.per_person:
                runs[-1] = (runs[-1][0], m.month, m.per_person)
            else:
                runs.append((m.month, m.month, m.per_person))
        return runs

    def per_village_formula(self) -> str:
        """``100 × Rp 16.800 × 12 bulan = Rp 20.160.000`` (with one term per discount run)."""
        n = self.params.per_village
        if n is None:
            return ""
        return _formula(n, self.month_runs(), self.per_village_total or 0)

    def formula(self) -> str:
        """``10.000 orang × Rp 16.800 × 12 bulan = Rp 2.016.000.000`` for the whole plan."""
        return _formula(self.people, self.month_runs(), self.total)

    def to_dict(self) -> dict[str, Any]:
        params = asdict(self.params) | {"start": self.params.start.isoformat()[:7]}
        return {
            "params": params,
            "region_name": self.region_name,
            "months": [
                m.to_dict() | {"caution": " ".join(self.cautions) if m.contribution.discount else ""}
                for m in self.months
            ],
            "per_person_total": self.per_person_total,
            "per_village_total": self.per_village_total,
            "per_village_formula": self.per_village_formula(),
            "formula": self.formula(),
            "head_count": self.head_count,
            "cautions": self.cautions,
            "villages": self.villages,
            "people": self.people,
            "village_quota_sum": self.village_quota_sum,
            "total": self.total,
            "total_text": rupiah(self.total),
            "total_words": rupiah_words(self.total),
            "budget_ceiling": self.params.budget_ceiling,
            "ceiling_gap": self.ceiling_gap,
            "within_ceiling": self.within_ceiling,
            "kabupaten": [asdict(a) for a in self.kabupaten],
            "kecamatan": [asdict(a) for a in self.kecamatan],
            "desa": [asdict(a) for a in self.desa],
            "notes": self.notes,
        }


def _formula(people: int, runs: list[tuple[dt.date, dt.date, int]], total: int) -> str:
    terms = [f"{rupiah(a)} × {_months_between(first, last)} bulan" for first, last, a in runs]
    inner = terms[0] if len(terms) == 1 else "(" + " + ".join(terms) + ")"
    return f"{people:,}".replace(",", ".") + f" orang × {inner} = {rupiah(total)}"


def plan_params_for_programme(
    programme: Programme, *, region_code: str | None = None, **overrides
) -> PlanParams:
    """The plan parameters a programme implies; ``region_code`` narrows it to part of the coverage area."""
    region = region_code or programme.coverage_region_id
    coverage = programme.coverage_region_id
    if not codes.within(region, coverage):
        raise PlanRefused(
            _("Wilayah %(region)s berada di luar wilayah cakupan program %(code)s (%(coverage)s).")
            % {"region": region, "code": programme.code, "coverage": coverage}
        )
    values: dict[str, Any] = dict(
        region_code=region,
        per_village=programme.quota_per_village,
        months=programme.months,
        start=programme.start_month,
        income=programme.declared_income,
        funding_source=programme.funding_source,
        segment=programme.segment,
        include_jht=programme.include_jht,
        include_jp=programme.include_jp,
        budget_ceiling=programme.budget_ceiling if region == coverage else None,
        total_quota=programme.total_quota if region == coverage else None,
        programme_code=programme.code,
    )
    values.update({k: v for k, v in overrides.items() if v is not None})
    return PlanParams(**values)


def programme_plan(
    programme: Programme, *, region_code: str | None = None, **overrides
) -> tuple[BudgetPlan | None, str]:
    """The budget a programme needs, or the Indonesian reason it cannot be planned."""
    try:
        params = plan_params_for_programme(programme, region_code=region_code, **overrides)
        return budget_plan(params, programme=programme), ""
    except PlanRefused as exc:
        return None, str(exc)


def _validate(params: PlanParams) -> None:
    _check_year(params.start)
    # The same funding-source policy rows as programme_validate, read for the plan's first month.
    if refusal := funding_source_refusal(params.funding_source, on=month_of(params.start)):
        raise PlanRefused(refusal)
    if params.per_village is None and params.total_quota is None and not params.programme_code:
        raise PlanRefused(
            _("Isi kuota per desa (mis. --per-village 100), kuota total (mis. --total 10000), atau keduanya.")
        )
    _check_count(params.per_village, _("Kuota per desa"))
    _check_count(params.total_quota, _("Kuota total"))
    if not 1 <= params.months <= 12:
        raise PlanRefused(_("Jumlah bulan %(months)s harus 1–12.") % {"months": params.months})
    _check_rupiah(params.income, _("Penghasilan"))
    _check_rupiah(params.budget_ceiling, _("Pagu anggaran"))


def _month_quotes(params: PlanParams) -> tuple[QuoteCache, list[MonthlyContribution]]:
    """One person's contribution for each month of the plan (the same for everyone in a BPU plan)."""
    start = month_of(params.start)
    quotes = QuoteCache(
        rules=None,
        segment=params.segment,
        funding_source=params.funding_source,
        include_jht=params.include_jht,
        include_jp=params.include_jp,
    )
    try:
        month_quotes = [
            quotes.quote(month_add(start, i), params.income, params.category) for i in range(params.months)
        ]
    except (ContributionError, LookupError) as exc:
        raise PlanRefused(str(exc)) from exc
    return quotes, month_quotes


@dataclass
class _Villages:
    """The villages a plan counts: the queryset, how many per kecamatan, and the programme's own quotas."""

    queryset: QuerySet[Region]
    per_kecamatan: dict[str, int]
    overrides: dict[str, int]
    delta_by_kecamatan: dict[str, int]


def _villages(params: PlanParams, programme: Programme | None, default: int) -> _Villages:
    types = VILLAGE_AND_KELURAHAN_TYPES if params.include_kelurahan else VILLAGE_TYPES
    villages_qs = Region.objects.filter(
        subtree_q("code", params.region_code), level=codes.VILLAGE, type__in=types, retired_at__isnull=True
    )
    per_kecamatan = {
        r["parent_code"]: r["n"]
        for r in villages_qs.values("parent_code").annotate(n=Count("code")).order_by()
    }
    # Override deltas per kecamatan (a village's own quota instead of the default).
    delta_by_kecamatan: dict[str, int] = defaultdict(int)
    overrides: dict[str, int] = {}
    if programme is not None:
        overrides = dict(
            VillageQuota.objects.filter(programme=programme)
            .filter(subtree_q("village_id", params.region_code), village__type__in=types)
            .values_list("village_id", "quota")
        )
        for code, quota in overrides.items():
            delta_by_kecamatan[codes.parent(code)] += quota - default
    return _Villages(villages_qs, per_kecamatan, overrides, delta_by_kecamatan)


def _areas(
    params: PlanParams,
    region: Region | None,
    villages: _Villages,
    per_person: list[int],
    *,
    default: int,
    with_villages: bool,
) -> tuple[list[PlanArea], list[PlanArea], list[PlanArea]]:
    """Kabupaten, kecamatan and (``with_villages``) desa rows of the plan."""
    # Kabupaten and kecamatan below the region, and (for a plan of one kecamatan or desa) those above it.
    above = codes.ancestors_and_self(region.code) if region is not None else []
    names = dict(
        Region.objects.filter(
            Q(subtree_q("code", params.region_code), level__in=(codes.REGENCY, codes.DISTRICT))
            | Q(code__in=above)
        ).values_list("code", "name")
    )
    per_person_total = sum(per_person)

    def area(code: str, count: int, quota: int) -> PlanArea:
        return PlanArea(
            code=code,
            name=names.get(code, ""),
            villages=count,
            quota=quota,
            monthly=quota * per_person[0],
            total=quota * per_person_total,
        )

    kecamatan = [
        area(code, n, n * default + villages.delta_by_kecamatan.get(code, 0))
        for code, n in sorted(villages.per_kecamatan.items())
    ]
    by_kabupaten: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k in kecamatan:
        acc = by_kabupaten[codes.parent(k.code)]
        acc[0] += k.villages
        acc[1] += k.quota
    kabupaten = [area(code, v, q) for code, (v, q) in sorted(by_kabupaten.items())]
    desa = []
    if with_villages:
        rows = list(villages.queryset.order_by("code").values_list("code", "name"))
        names.update(rows)
        desa = [area(code, 1, villages.overrides.get(code, default)) for code, _ in rows]
    return kabupaten, kecamatan, desa


def _people(params: PlanParams, programme: Programme | None, quota_sum: int, *, distributed: bool) -> int:
    """How many people a plan pays for: the village quotas (capped by a total), or the total head count."""
    if params.per_village is not None:
        return quota_sum if params.total_quota is None else min(quota_sum, params.total_quota)
    if params.total_quota is not None:
        return params.total_quota
    if distributed:  # part of a head-count programme: the people distributed to its villages there
        return quota_sum
    if programme is not None and programme.total_quota is not None:
        raise PlanRefused(
            _(
                "Program %(code)s memakai kuota total %(total)s orang yang belum dibagi ke desa di wilayah "
                "%(region)s; rencanakan untuk seluruh wilayah cakupan %(coverage)s."
            )
            % {
                "code": programme.code,
                "total": number_text(programme.total_quota),
                "region": params.region_code,
                "coverage": programme.coverage_region_id,
            }
        )
    raise PlanRefused(
        _(
            "Program %(code)s belum punya kuota per desa maupun kuota total; isi salah satunya untuk "
            "merencanakan anggaran."
        )
        % {"code": params.programme_code}
    )


def budget_plan(
    params: PlanParams, *, programme: Programme | None = None, with_villages: bool = False
) -> BudgetPlan:
    """The contribution need of a plan: per month, per person, per village, kecamatan, kabupaten and in total.

    With ``programme`` its village quota overrides are applied. ``with_villages`` adds one row per village
    (one query; meant for a kabupaten, not for the whole country).
    """
    _validate(params)
    region = Region.objects.filter(code=params.region_code).first() if params.region_code else None
    if params.region_code and region is None:
        raise PlanRefused(_('Wilayah "%(region)s" tidak ditemukan.') % {"region": params.region_code})
    quotes, month_quotes = _month_quotes(params)
    per_person = [q.programme_share for q in month_quotes]
    default = params.per_village or 0
    villages = _villages(params, programme, default)
    kabupaten, kecamatan, desa = _areas(
        params, region, villages, per_person, default=default, with_villages=with_villages
    )
    quota_sum = sum(k.quota for k in kecamatan)
    people = _people(params, programme, quota_sum, distributed=bool(villages.overrides))
    if params.per_village is None:  # by head count: the areas show only what was distributed to villages
        kabupaten, kecamatan, desa = ([a for a in rows if a.quota] for rows in (kabupaten, kecamatan, desa))
    if people > MAX_PEOPLE:
        raise PlanRefused(
            _(
                "Rencana ini mencakup %(people)s orang, lebih dari %(max)s; persempit wilayah atau kurangi kuota per desa."
            )
            % {"people": number_text(people), "max": number_text(MAX_PEOPLE)}
        )
    months = [
        PlanMonth(
            month=q.month,
            per_person=q.programme_share,
            people=people,
            amount=people * q.programme_share,
            contribution=q,
        )
        for q in month_quotes
    ]
    return BudgetPlan(
        params=params,
        region_name=region.name if region else "Indonesia",
        months=months,
        per_person_total=sum(per_person),
        villages=sum(villages.per_kecamatan.values()),
        people=people,
        village_quota_sum=quota_sum,
        total=people * sum(per_person),
        kabupaten=kabupaten,
        kecamatan=kecamatan,
        desa=desa,
        notes=plan_notes(params, quotes, month_quotes, quota_sum),
        cautions=plan_cautions(params, month_quotes),
    )


def programme_budget_plan(
    programme: Programme, *, region_code: str | None = None, with_villages: bool = False
) -> BudgetPlan:
    """The plan for an existing programme (its quotas, months, income and funding source)."""
    return budget_plan(
        plan_params_for_programme(programme, region_code=region_code),
        programme=programme,
        with_villages=with_villages,
    )
