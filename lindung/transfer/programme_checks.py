"""``enrolment.eligibility.eligibility_many`` for a whole file: the same rules from the same Programme row,
with the same catalogue messages, over Polars columns instead of one worker at a time.

Two deliberate differences, both about re-uploading: a person already in the programme is not an error
(the row still updates the registry and no second enrolment is made), and a person's age is checked by the
registry checks with the programme's limits, so it is reported once.

Places (village quota, total quota, budget ceiling) are first come, first served in file order, only for
rows with no other error, exactly as ``eligibility_many`` hands them out. Handing out places is a running
count by nature, so it is the one step that walks the candidate rows in order, with integers only.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.utils import timezone

from lindung.people.findings import KINDS
from lindung.people.models import Category

from .checks import FINDINGS_SCHEMA, message
from .outcome import long_findings


def _period(programme) -> str:
    from lindung.programmes.months import month_label

    return f"{month_label(programme.start_month)} – {month_label(programme.end_month)}"


def _basis(programme) -> str:
    return programme.legal_basis or f"ketentuan program {programme.code}"


def age_basis(programme) -> str:
    return f"Batas umur program {programme.code}: {programme.age_min}–{programme.age_max} tahun ({_basis(programme)})"


def overlapping_programmes(programme) -> list[int]:
    """Other programmes whose covered months overlap this one's (few rows: read in Python)."""
    from lindung.programmes.models import Programme

    return [
        p.pk
        for p in Programme.objects.exclude(pk=programme.pk)
        if p.start_month <= programme.end_month and programme.start_month <= p.end_month
    ]


def programme_findings(
    rows: pl.DataFrame, *, programme, others: pl.DataFrame, today: dt.date | None = None
) -> pl.DataFrame:
    """Findings that do not depend on places. ``rows``: ``_row``, ``village_final``, ``category``,
    ``wage_status``, ``fixed_income``, ``kpj_final``, ``nik_digits``; ``others``: (nik, status,
    programme_id) of funded enrolments in overlapping programmes."""
    from lindung.enrolment.transitions import status_label
    from lindung.programmes.models import Programme
    from lindung.programmes.months import month_label, month_of

    today = today or timezone.localdate()
    code = programme.code
    basis = _basis(programme)
    parts: list[pl.DataFrame] = []

    closed = None
    if not programme.is_active:
        closed = "program tidak aktif"
    elif month_of(today) > programme.end_month:
        closed = f"masa program berakhir {month_label(programme.end_month)}"
    if closed:
        parts.append(
            long_findings(
                rows,
                "programme_inactive",
                message("programme_inactive", programme=code, why=closed, basis=_period(programme)),
            )
        )

    coverage = programme.coverage_region_id
    village = pl.col("village_final")
    inside = (village == coverage) | village.str.starts_with(coverage + ".")
    parts.append(
        long_findings(
            rows.filter(~inside),
            "outside_coverage",
            message("outside_coverage", village=village, programme=code, coverage=coverage, basis=basis),
        )
    )
    allowed = list(programme.eligible_categories or [])
    if allowed:
        labels = dict(Category.choices)
        allowed_text = ", ".join(str(labels.get(c, c)) for c in allowed)
        shown = pl.col("category").replace_strict(
            {k: str(v) for k, v in labels.items()}, default=pl.col("category")
        )
        parts.append(
            long_findings(
                rows.filter(~pl.col("category").is_in(allowed)),
                "category_not_eligible",
                message(
                    "category_not_eligible", category=shown, programme=code, allowed=allowed_text, basis=basis
                ),
            )
        )
    if programme.segment == "BPU":
        parts.append(
            long_findings(
                rows.filter(pl.col("wage_status") == "PU"),
                "wage_earner_in_bpu",
                message("wage_earner_in_bpu", programme=code),
            )
        )
    if programme.segment == "PU":
        no_income = pl.col("fixed_income").is_null() | (pl.col("fixed_income") == 0)
        parts.append(
            long_findings(
                rows.filter(no_income),
                "fixed_income_required",
                message("fixed_income_required", programme=code),
            )
        )
    if others.height:
        progs = {p.pk: p for p in Programme.objects.filter(pk__in=others["programme_id"].unique().to_list())}
        details = pl.DataFrame(
            {
                "programme_id": list(progs),
                "other": [p.name for p in progs.values()],
                "other_code": [p.code for p in progs.values()],
                "other_period": [_period(p) for p in progs.values()],
            },
            schema={
                "programme_id": pl.Int64,
                "other": pl.String,
                "other_code": pl.String,
                "other_period": pl.String,
            },
        )
        labels = {s: status_label(s) for s in others["status"].unique().to_list()}
        hits = (
            rows.select("_row", "nik_digits")
            .join(others.rename({"nik": "nik_digits"}), on="nik_digits")
            .join(details, on="programme_id")
            .with_columns(pl.col("status").replace_strict(labels))
        )
        parts.append(
            long_findings(
                hits,
                "double_funding",
                message(
                    "double_funding",
                    status=pl.col("status"),
                    other=pl.col("other"),
                    other_code=pl.col("other_code"),
                    other_period=pl.col("other_period"),
                    programme=code,
                    period=_period(programme),
                ),
            )
        )
    parts.append(
        long_findings(
            rows.filter(pl.col("kpj_final") != ""),
            "already_has_kpj",
            message("already_has_kpj", value=pl.col("kpj_final")),
        )
    )
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else pl.DataFrame(schema=FINDINGS_SCHEMA)


def place_findings(candidates: pl.DataFrame, *, programme) -> pl.DataFrame:
    """Quota and budget for ``candidates`` (``_row``, ``village_final``, ``category``, ``fixed_income``: rows
    with no error that need a new enrolment), in file order."""
    from lindung.contributions.calculator import QuoteCache, programme_income, programme_person_cost
    from lindung.enrolment.eligibility import PlaceLedger

    if not candidates.height:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    has_quota = programme.quota_per_village is not None or programme.village_quotas.exists()
    if not (has_quota or programme.total_quota is not None or programme.budget_ceiling is not None):
        return pl.DataFrame(schema=FINDINGS_SCHEMA)

    candidates = candidates.sort("_row")
    quotes = QuoteCache(programme)
    places = PlaceLedger(programme, villages=candidates["village_final"].unique().to_list(), quotes=quotes)
    costs: dict[tuple, int] = {}
    if places.committed is not None:
        # One quote per distinct (income, category), not per person.
        for income, category in (
            candidates.select(pl.col("fixed_income"), pl.col("category")).unique().iter_rows()
        ):
            base = programme_income(programme, fixed_income=income)
            costs[(income, category)] = programme_person_cost(
                programme, income=base, category=category, quotes=quotes
            )

    out_rows: list[int] = []
    out_codes: list[str] = []
    out_messages: list[str] = []
    columns = [candidates[c].to_list() for c in ("_row", "village_final", "category", "fixed_income")]
    for row, village, category, income in zip(*columns, strict=True):
        for f in places.claim(village, costs.get((income, category), 0)):
            out_rows.append(row)
            out_codes.append(f.code)
            out_messages.append(f.message)
    return pl.DataFrame(
        {
            "_row": out_rows,
            "code": out_codes,
            "field": [KINDS[c].field for c in out_codes],
            "message": out_messages,
        },
        schema=FINDINGS_SCHEMA,
    )
