"""The run of a worker-list import once the mapping is set: read, parse, check, decide, write (steps in
``services``). The Polars work is here and in ``parsing``/``checks``; the SQL is in ``writing``."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from lindung.accounts.selectors import scope_for_actor
from lindung.enrolment.transitions import FUNDED
from lindung.people.checks import registry_age_rule
from lindung.people.findings import KINDS
from lindung.people.models import Category

from . import lookups, writing
from .checks import formula_findings, message, registry_check
from .context import RunContext
from .matching import file_probable_duplicates, match_registry
from .outcome import long_findings, record_outcome, row_states, with_severity
from .parsing import Parsed, parse_rows
from .programme_checks import age_basis, overlapping_programmes, place_findings, programme_findings
from .reading import read_table
from .region_columns import RegionCodes
from .storage import batch_path, preview_of

# Findings that belong to the proposal, not to the person, and so are not stored on the worker.
PROPOSAL_ONLY = {"already_has_kpj"}


# Which model attribute each mapped field fills, for "update only what the file has".
FIELD_ATTRS = {
    "birth_place": ("birth_place",),
    "birth_date": ("birth_date",),
    "birth_place_date": ("birth_place", "birth_date"),
    "gender": ("gender",),
    "address": ("address",),
    "rt": ("rt", "rw"),
    "rw": ("rt", "rw"),
    "rt_rw": ("rt", "rw"),
    "phone": ("phone",),
    "email": ("email",),
    "occupation_1": ("occupation_1", "occupation_2"),
    "occupation_2": ("occupation_1", "occupation_2"),
    "occupation_3": ("occupation_1", "occupation_2"),
    "category": ("category",),
    "wage_status": ("wage_status",),
    "fixed_income": ("fixed_income",),
    "kk_number": ("kk_number",),
    "kpj": ("kpj",),
}


def run_workers(ctx: RunContext) -> None:
    """Read, parse, check, decide and write a worker list (``services`` lists the steps)."""
    batch, mapping = ctx.batch, ctx.mapping
    ctx.progress(0.05, "Membaca berkas")
    numbers = [i for i, f in mapping.items() if f in ("nik", "kk_number")]
    ctx.lap("upload")
    table = read_table(batch_path(batch), preview_of(batch), number_columns=numbers)
    ctx.lap("read")
    ctx.progress(0.25, "Memeriksa data")
    parsed = parse_rows(table, mapping, village_code=batch.village_id or "")
    del table
    ctx.lap("parse")
    # Skipped rows stay in the frame (no copy); none has a readable NIK, and their findings are dropped below.
    data = parsed.rows
    limits = _age_limits(ctx.programme, ctx.today)
    values, registry = registry_check(data, today=ctx.today, regions=RegionCodes.load(), **limits)
    data = data.hstack(values)
    ctx.lap("registry_checks")
    # str.isdigit() also accepts non-ASCII digits (the scalar check would then fail on the table's CHECK);
    # here such a KPJ is simply malformed.
    unicode_kpj = data.filter(
        pl.col("kpj_final").str.contains(r"^\d{11}$") & ~pl.col("kpj_final").str.contains(r"^[0-9]{11}$")
    )
    findings = [
        parsed.findings,
        registry,
        formula_findings(data),
        long_findings(unicode_kpj, "kpj_malformed", message("kpj_malformed", value=pl.col("kpj"))),
        _file_duplicates(data),
        file_probable_duplicates(data),
    ]
    ctx.lap("file_duplicates")
    ctx.progress(0.5, "Mencocokkan dengan data terdaftar")

    before = writing.tune()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            _write(ctx, cursor, parsed, data, findings, limits)
    finally:
        writing.untune(before)
    ctx.progress(1.0, "Selesai")


def _file_duplicates(data: pl.DataFrame) -> pl.DataFrame:
    """Later rows with a NIK seen earlier in the file (rejected); the same name and birth date under another
    NIK (a warning on the later row, pointing at the first)."""
    valid = data.select("_row", "nik_digits", "name_normalized", "birth_date_final").filter(
        pl.col("nik_digits").is_not_null()
    )
    first = valid.filter(pl.col("nik_digits").is_first_distinct())
    later = valid.filter(~pl.col("nik_digits").is_first_distinct()).join(
        first.select("nik_digits", pl.col("_row").alias("first_row")), on="nik_digits"
    )
    person = ["name_normalized", "birth_date_final"]
    named = first.filter((pl.col("name_normalized") != "") & pl.col("birth_date_final").is_not_null())
    original = named.filter(pl.struct(person).is_first_distinct())
    twins = named.filter(~pl.struct(person).is_first_distinct()).join(
        original.select(*person, pl.col("_row").alias("other_row")), on=person
    )
    return pl.concat(
        [
            long_findings(
                later, "duplicate_in_file", message("duplicate_in_file", first_row=pl.col("first_row"))
            ),
            long_findings(
                twins,
                "possible_duplicate_in_file",
                message("possible_duplicate_in_file", other_row=pl.col("other_row")),
            ),
        ]
    )


def _age_limits(programme, today: dt.date) -> dict:
    """The programme's age rule; for a file that proposes to no programme, the registry's row in force."""
    if programme is None:
        age_min, age_max, basis = registry_age_rule(today)
        return {"age_min": age_min, "age_max": age_max, "age_basis": basis}
    return {
        "age_on_date": programme.start_month,
        "age_min": programme.age_min,
        "age_max": programme.age_max,
        "age_basis": age_basis(programme),
    }


def _write(
    ctx: RunContext, cursor, parsed: Parsed, data: pl.DataFrame, findings: list[pl.DataFrame], limits: dict
) -> None:
    programme = ctx.programme
    writing.lock_registry(cursor)
    # 1. Look-ups for every row with a readable NIK (first occurrence in the file).
    scope = scope_for_actor(ctx.actor)
    data, existing, db_findings = match_registry(cursor, data, region=scope.region_code)
    findings = findings + db_findings
    ctx.lap("registry_lookups")
    if programme is not None:
        findings += _programme_rows(ctx, cursor, data, existing, findings)

    # 2. Every row's state.
    skipped = data.filter(pl.col("_skip").is_not_null()).select("_row")
    all_findings = with_severity(pl.concat(findings)).join(skipped, on="_row", how="anti")
    states = row_states(parsed.rows, all_findings)
    # 3. Writes. 4. The batch's account of every row.
    ctx.progress(0.6, "Menyimpan")
    counts = _store(ctx, cursor, data, states=states, findings=all_findings, limits=limits)
    record_outcome(
        ctx, states, all_findings, **counts, detail={"programme": programme.code if programme else None}
    )


def _programme_rows(
    ctx: RunContext, cursor, data: pl.DataFrame, existing: pl.DataFrame, findings: list[pl.DataFrame]
) -> list[pl.DataFrame]:
    """The programme's rules for every row, then places (quota, budget) for the rows that need a new
    enrolment and have no error so far."""
    programme = ctx.programme
    in_programme, others = lookups.programme_links(
        cursor, programme, existing["worker_id"].to_list(), overlapping_programmes(programme), sorted(FUNDED)
    )
    by_worker = existing.select("nik", "worker_id")
    others = others.join(by_worker, on="worker_id").select("nik", "status", "programme_id")
    in_programme = in_programme.join(by_worker, on="worker_id")
    rules = programme_findings(data, programme=programme, others=others, today=ctx.today)
    blocked = (
        with_severity(pl.concat([*findings, rules]))
        .filter(pl.col("severity") == "error")
        .select("_row")
        .unique()
    )
    candidates = (
        data.filter(pl.col("_skip").is_null())
        .join(blocked, on="_row", how="anti")
        .join(in_programme.select(pl.col("nik").alias("nik_digits")), on="nik_digits", how="anti")
    )
    places = place_findings(
        candidates.select("_row", "village_final", "category", "fixed_income"), programme=programme
    )
    return [rules, places]


def _store(
    ctx: RunContext, cursor, data: pl.DataFrame, *, states: pl.DataFrame, findings: pl.DataFrame, limits: dict
) -> dict[str, int]:
    """Insert the new workers, update the known ones, propose them all and audit the changed ones. Rows are
    picked by index and gathered a chunk at a time: the frame is never copied whole."""
    batch, programme = ctx.batch, ctx.programme
    now = timezone.now()
    present = {a for f in ctx.mapping.values() for a in FIELD_ATTRS.get(f, ())}
    stored = findings.filter((pl.col("severity") == "warning") & ~pl.col("code").is_in(list(PROPOSAL_ONLY)))
    findings_json = data.select("_row").join(
        _findings_json(stored, limits), on="_row", how="left", maintain_order="left"
    )["findings"]
    data = data.with_columns(findings_json.fill_null("[]"), findings_json.is_not_null().alias("needs_review"))
    writes = states["state"].is_in(["accepted", "flagged"])
    known_flags = data["worker_id"].is_not_null()
    new_rows = pl.arg_where(writes & ~known_flags, eager=True)
    known_rows = pl.arg_where(writes & known_flags, eager=True)
    actor_id = ctx.actor.pk if getattr(ctx.actor, "is_authenticated", False) else None
    label = ctx.actor.get_username() if actor_id else "sistem"
    ctx.lap("states")
    inserted = writing.workers_insert(
        cursor, _new_columns(data, present), rows=new_rows, now=now, actor_id=actor_id
    )
    ctx.lap("insert")
    updated = writing.workers_update(cursor, _update_columns(data), rows=known_rows, present=present, now=now)
    ctx.lap("update")
    enrolled = 0
    if programme is not None:
        writing.stage_keys(cursor, data["nik_digits"].gather(pl.concat([new_rows, known_rows])))
        enrolled = writing.enrolments_insert(
            cursor,
            programme=programme,
            now=now,
            actor_id=actor_id,
            actor_label=label,
            reason=f"Impor berkas #{batch.pk}",
        )
    if updated:
        writing.audit_updated_workers(
            cursor,
            now=now,
            actor_id=actor_id,
            actor_label=label,
            summary=f"Data diubah lewat impor #{batch.pk}",
        )
    writing.drop_temp(cursor)
    ctx.lap("enrol_audit")
    return {
        "inserted": inserted,
        "updated": updated,
        "unchanged": known_rows.len() - updated,
        "enrolled": enrolled,
    }


def _findings_json(stored: pl.DataFrame, limits: dict) -> pl.DataFrame:
    """The warnings of each written row as the JSON list ``Worker.findings`` holds (as worker_save writes it)."""
    if not stored.height:
        return pl.DataFrame(schema={"_row": pl.Int64, "findings": pl.String})
    basis = {}
    for code, kind in KINDS.items():
        basis[code] = limits["age_basis"] if kind.basis == "{basis}" else kind.basis
    items = stored.sort(["_row", "code"]).with_columns(pl.col("code").replace_strict(basis).alias("basis"))
    items = items.select(
        "_row", pl.struct("code", "severity", "field", "message", "basis").struct.json_encode().alias("item")
    )
    return items.group_by("_row").agg(
        pl.concat_str(pl.lit("["), pl.col("item").str.join(","), pl.lit("]")).alias("findings")
    )


def _new_columns(frame: pl.DataFrame, present: set[str]) -> pl.DataFrame:
    """New workers' values. Attributes the file has no column for are left out: the insert writes their
    model default (empty, "BPU", no income) once instead of once per row."""
    columns = {
        "nik": pl.col("nik_digits"),
        "kk_number": pl.col("kk_final"),
        "full_name": pl.col("full_name_clean"),
        "name_normalized": pl.col("name_normalized"),
        "birth_place": pl.col("birth_place"),
        "birth_date": pl.col("birth_date_final"),
        "gender": pl.col("gender_final"),
        "village_id": pl.col("village_final"),
        "address": pl.col("address"),
        "rt": pl.col("rt"),
        "rw": pl.col("rw"),
        "phone": pl.col("phone_final"),
        "email": pl.col("email"),
        "occupation_1": pl.col("occupation_1_final"),
        "occupation_2": pl.col("occupation_2_final"),
        # A new worker needs a category the worker form accepts, or fixing the row later fails on a field
        # the office never saw; without one in the file it is "other informal work" until someone says.
        "category": pl.when(pl.col("category").fill_null("") == "")
        .then(pl.lit(Category.INFORMAL_LAIN.value))
        .otherwise(pl.col("category")),
        "wage_status": pl.col("wage_status"),
        "fixed_income": pl.col("fixed_income"),
        "kpj": pl.col("kpj_final"),
        "findings": pl.col("findings"),
        "needs_review": pl.col("needs_review"),
    }
    always = {
        "nik",
        "full_name",
        "name_normalized",
        "birth_date",
        "gender",
        "village_id",
        "findings",
        "needs_review",
        "occupation_1",
        "category",
    }
    return frame.select(
        [expr.alias(name) for name, expr in columns.items() if name in always or name in present]
    )


def _update_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Given values only: what the file says, with empty meaning "keep the registered value"."""
    return frame.select(
        pl.col("nik_digits").alias("nik"),
        pl.col("full_name_clean").alias("full_name"),
        "name_normalized",
        "birth_place",
        "birth_date",
        "gender",
        pl.col("village_final").alias("village_id"),
        "address",
        "rt",
        "rw",
        pl.col("phone_final").alias("phone"),
        "email",
        pl.col("occupation_1_final").alias("occupation_1"),
        pl.col("occupation_2_final").alias("occupation_2"),
        "category",
        pl.when(pl.col("_wage_text") == "")
        .then(pl.lit(""))
        .otherwise(pl.col("wage_status"))
        .alias("wage_status"),
        "fixed_income",
        pl.col("kk_final").alias("kk_number"),
        pl.col("kpj_final").alias("kpj"),
        "findings",
        "needs_review",
    )
