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

from lindung.contributions.calculator import QuoteCache, programme_income, programme_person_cost
from lindung.core.months import month_label, month_of
from lindung.enrolment.eligibility import PlaceLedger
from lindung.enrolment.models import Enrolment
from lindung.enrolment.transitions import status_label
from lindung.people.findings import KINDS
from lindung.people.models import Category
from lindung.programmes.models import Programme
from lindung.programmes.services import funding_policy

from .checks import FINDINGS_SCHEMA, message
from .outcome import long_findings
from .region_columns import within


def _period(programme) -> str:
    return f"{month_label(programme.start_month)} – {month_label(programme.end_month)}"


def _basis(programme) -> str:
    return programme.legal_basis or f"ketentuan program {programme.code}"


def age_basis(programme) -> str:
    return f"Batas umur program {programme.code}: {programme.age_min}–{programme.age_max} tahun ({_basis(programme)})"


def overlapping_programmes(programme) -> list[int]:
    """Other programmes whose covered months overlap this one's (few rows: read in Python)."""
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
    parts = [
        *_closed(rows, programme, today=today or timezone.localdate()),
        _outside_coverage(rows, programme),
        *_category_not_eligible(rows, programme),
        *_source_rules(rows, programme),
        *_segment(rows, programme),
        *_double_funding(rows, programme, others),
        long_findings(
            rows.filter(pl.col("kpj_final") != ""),
            "already_has_kpj",
            message("already_has_kpj", value=pl.col("kpj_final")),
        ),
    ]
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else pl.DataFrame(schema=FINDINGS_SCHEMA)


def _closed(rows: pl.DataFrame, programme, *, today: dt.date) -> list[pl.DataFrame]:
    """Every row, when the programme is inactive or its months are over."""
    if not programme.is_active:
        why = "program tidak aktif"
    elif month_of(today) > programme.end_month:
        why = f"masa program berakhir {month_label(programme.end_month)}"
    else:
        return []
    text = message("programme_inactive", programme=programme.code, why=why, basis=_period(programme))
    return [long_findings(rows, "programme_inactive", text)]


def _outside_coverage(rows: pl.DataFrame, programme) -> pl.DataFrame:
    coverage = programme.coverage_region_id
    village = pl.col("village_final")
    return long_findings(
        rows.filter(~within(village, coverage)),
        "outside_coverage",
        message(
            "outside_coverage",
            village=village,
            programme=programme.code,
            coverage=coverage,
            basis=_basis(programme),
        ),
    )


def _category_not_eligible(rows: pl.DataFrame, programme) -> list[pl.DataFrame]:
    allowed = list(programme.eligible_categories or [])
    if not allowed:
        return []
    labels = dict(Category.choices)
    allowed_text = ", ".join(str(labels.get(c, c)) for c in allowed)
    shown = pl.col("category").replace_strict(
        {k: str(v) for k, v in labels.items()}, default=pl.col("category")
    )
    text = message(
        "category_not_eligible",
        category=shown,
        programme=programme.code,
        allowed=allowed_text,
        basis=_basis(programme),
    )
    return [long_findings(rows.filter(~pl.col("category").is_in(allowed)), "category_not_eligible", text)]


def _source_rules(rows: pl.DataFrame, programme) -> list[pl.DataFrame]:
    """The funding source's policy row, read as ``eligibility`` reads it for one person: the categories the
    source may pay for (DBH sawit: plantation workers), and no worker already protected elsewhere (a wage
    earner, or a KPJ that no Lindung enrolment of that NIK received)."""
    policy = funding_policy(programme.funding_source, on=programme.start_month)
    if policy is None:
        return []
    common = {"source": policy.label, "programme": programme.code, "basis": policy.legal_basis}
    parts = []
    allowed = list(policy.allowed_categories or [])
    if allowed:
        labels = {k: str(v) for k, v in Category.choices}
        shown = pl.col("category").replace_strict(labels, default=pl.col("category"))
        names = ", ".join(labels.get(c, c) for c in allowed)
        text = message("category_not_for_source", category=shown, allowed=names, **common)
        parts.append(
            long_findings(rows.filter(~pl.col("category").is_in(allowed)), "category_not_for_source", text)
        )
    if policy.refuses_protected_workers:
        wage_earners = rows.filter(pl.col("wage_status") == "PU")
        why = "berstatus penerima upah (PU)"
        text = message("protected_not_for_source", field="wage_status", why=why, **common)
        parts.append(
            long_findings(wage_earners, "protected_not_for_source", text).with_columns(
                pl.lit("wage_status").alias("field")
            )
        )
        with_kpj = rows.filter((pl.col("wage_status") != "PU") & (pl.col("kpj_final") != ""))
        ours = pl.DataFrame(
            list(
                Enrolment.objects.filter(kpj__in=with_kpj["kpj_final"].unique().to_list()).values_list(
                    "worker__nik", "kpj"
                )
            ),
            schema={"nik_digits": pl.String, "kpj_final": pl.String},
            orient="row",
        )
        outside = with_kpj.join(ours, on=["nik_digits", "kpj_final"], how="anti")
        why_kpj = pl.concat_str(
            [pl.lit("nomor KPJ "), pl.col("kpj_final"), pl.lit(" bukan dari kepesertaan Lindung")]
        )
        text = message("protected_not_for_source", field="kpj", why=why_kpj, **common)
        parts.append(
            long_findings(outside, "protected_not_for_source", text).with_columns(
                pl.lit("kpj").alias("field")
            )
        )
    return parts


def _segment(rows: pl.DataFrame, programme) -> list[pl.DataFrame]:
    """A wage earner in a BPU programme; no fixed income in a PU one (its contribution is a share of it)."""
    code = programme.code
    if programme.segment == "BPU":
        return [
            long_findings(
                rows.filter(pl.col("wage_status") == "PU"),
                "wage_earner_in_bpu",
                message("wage_earner_in_bpu", programme=code),
            )
        ]
    if programme.segment == "PU":
        no_income = pl.col("fixed_income").is_null() | (pl.col("fixed_income") == 0)
        return [
            long_findings(
                rows.filter(no_income),
                "fixed_income_required",
                message("fixed_income_required", programme=code),
            )
        ]
    return []


def _double_funding(rows: pl.DataFrame, programme, others: pl.DataFrame) -> list[pl.DataFrame]:
    """Rows whose person is already funded by an overlapping programme."""
    if not others.height:
        return []
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
    text = message(
        "double_funding",
        status=pl.col("status"),
        other=pl.col("other"),
        other_code=pl.col("other_code"),
        other_period=pl.col("other_period"),
        programme=programme.code,
        period=_period(programme),
    )
    return [long_findings(hits, "double_funding", text)]


def place_findings(candidates: pl.DataFrame, *, programme) -> pl.DataFrame:
    """Quota and budget for ``candidates`` (``_row``, ``village_final``, ``category``, ``fixed_income``: rows
    with no error that need a new enrolment), in file order."""
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
