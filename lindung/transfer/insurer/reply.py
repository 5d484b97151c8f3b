"""The branch's reply in: KPJ numbers and membership start dates, or refusals with reasons.

The reply is read with the import pipeline's reader and the same nothing-lost rules: every row is applied,
refused with a reason, or skipped; rows that match nobody are listed. Accepted rows move to *active* with KPJ
and start date, refused ones to *rejected* with the branch's reason; both through ``enrolments_transition``,
which owns the rules. Uploading the same reply twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from lindung.accounts.selectors import scope_for_actor
from lindung.billing.services import enrolments_activate
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolments_transition
from lindung.enrolment.transitions import status_label
from lindung.people.models import Worker
from lindung.people.names import normalize_name_expr

from ..checks import FINDINGS_SCHEMA, RegionCodes, message, registry_check
from ..context import RunContext
from ..outcome import long_findings, record_outcome, row_states, with_severity
from ..parsing import parse_date, parse_rows
from ..reading import ImportRefused, read_table
from ..storage import batch_path, preview_of

ACCEPTED_WORDS = {
    "DITERIMA",
    "TERIMA",
    "TERDAFTAR",
    "AKTIF",
    "BERHASIL",
    "SUKSES",
    "OK",
    "ACCEPTED",
    "DONE",
    "YA",
}
REFUSED_WORDS = {
    "DITOLAK",
    "TOLAK",
    "GAGAL",
    "TIDAKDITERIMA",
    "TIDAK",
    "REJECTED",
    "REJECT",
    "BATAL",
    "TIDAKLENGKAP",
}
REPLY_COLUMNS = ("nik", "full_name", "kpj", "start_date", "decision", "reason")
LOOKUP_CHUNK = 5000


def _decision() -> pl.Expr:
    key = pl.col("decision").str.to_uppercase().str.replace_all("[^A-Z]", "")
    return (
        pl.when(key.is_in(list(ACCEPTED_WORDS)))
        .then(pl.lit("accept"))
        .when(key.is_in(list(REFUSED_WORDS)))
        .then(pl.lit("refuse"))
        .when((key == "") & (pl.col("kpj") != ""))
        .then(pl.lit("accept"))
        .when((key == "") & (pl.col("reason") != ""))
        .then(pl.lit("refuse"))
    )


def reply_run(ctx: RunContext) -> None:
    """Apply the insurer's reply in ``ctx.batch`` (see the module docstring)."""
    if ctx.programme is None:
        raise ImportRefused("Pilih program yang dibalas BPJS sebelum mengunggah balasan.")
    rows = _read_reply(ctx)
    data = rows.filter(pl.col("_skip").is_null())
    ctx.progress(0.3, "Mencocokkan balasan")
    data, parts = _reply_findings(data, ctx)
    with transaction.atomic():
        data = data.join(_enrolments(ctx, data), on="nik_digits", how="left")
        parts += _match_findings(data, programme=ctx.programme.code)
        findings = with_severity(
            pl.concat([p for p in parts if p.height] or [pl.DataFrame(schema=FINDINGS_SCHEMA)])
        )
        applied = _apply(ctx, data, findings)
        record_outcome(
            ctx,
            row_states(rows, applied.findings),
            applied.findings,
            updated=applied.moved,
            unchanged=applied.unchanged,
            enrolled=applied.activated,
            inserted=0,
            detail={"programme": ctx.programme.code},
        )
    ctx.progress(1.0, "Selesai")


def _read_reply(ctx: RunContext) -> pl.DataFrame:
    """Every row of the reply as text, with the NIK cell's number when the spreadsheet stored one."""
    numbers = [i for i, f in ctx.mapping.items() if f == "nik"]
    table = read_table(batch_path(ctx.batch), preview_of(ctx.batch), number_columns=numbers)
    rows = parse_rows(table, ctx.mapping, kind="insurer_reply").rows
    rows = rows.with_columns(
        [pl.lit("", dtype=pl.String).alias(col) for col in REPLY_COLUMNS if col not in rows.columns]
    )
    nik_i = numbers[0] if numbers else None
    if nik_i is not None and f"_num{nik_i}" in table.columns:
        flags = table.slice(1).select("_row", pl.col(f"_num{nik_i}").alias("_is_num"))
        rows = rows.join(flags, on="_row", how="left")
        rows = rows.with_columns(
            pl.when(pl.col("_is_num")).then(pl.col("nik").cast(pl.Float64, strict=False)).alias("nik_number")
        )
    return rows


def _reply_findings(data: pl.DataFrame, ctx: RunContext) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """The NIK checks of the registry, the decision, KPJ and start date read, and what the file alone shows."""
    values, nik_findings = registry_check(
        data.select("_row", "nik", *(["nik_number"] if "nik_number" in data.columns else [])),
        today=ctx.today,
        regions=RegionCodes.load(),
    )
    data = data.hstack(values.select("nik_digits")).with_columns(
        _decision().alias("_decision"),
        pl.col("kpj").str.replace_all(r"[\s.\-]", "").alias("_kpj"),
        parse_date(pl.col("start_date")).alias("_start"),
        normalize_name_expr(pl.col("full_name")).alias("_name"),
    )
    first = pl.col("_row").min().over("nik_digits")
    dup = (
        data.filter(pl.col("nik_digits").is_not_null())
        .with_columns(first.alias("first_row"))
        .filter(pl.col("_row") != pl.col("first_row"))
    )
    accept = pl.col("_decision") == "accept"
    return data, [
        nik_findings.filter(pl.col("code").str.starts_with("nik_")),
        long_findings(dup, "duplicate_in_file", message("duplicate_in_file", first_row=pl.col("first_row"))),
        long_findings(
            data.filter(pl.col("_decision").is_null()),
            "reply_decision_unknown",
            message("reply_decision_unknown", value=pl.col("decision")),
        ),
        long_findings(
            data.filter(accept & (pl.col("_kpj") == "")), "reply_kpj_required", message("reply_kpj_required")
        ),
        long_findings(
            data.filter(accept & (pl.col("_kpj") != "") & ~pl.col("_kpj").str.contains(r"^\d{11}$")),
            "kpj_malformed",
            message("kpj_malformed", value=pl.col("kpj")),
        ),
        long_findings(
            data.filter(accept & (pl.col("start_date") != "") & pl.col("_start").is_null()),
            "reply_start_date_unreadable",
            message("reply_start_date_unreadable", value=pl.col("start_date")),
        ),
    ]


def _enrolments(ctx: RunContext, data: pl.DataFrame) -> pl.DataFrame:
    """The programme's enrolments of the reply's NIKs in the actor's region (a chunk of NIKs per query)."""
    niks = data["nik_digits"].drop_nulls().unique().to_list()
    scope = scope_for_actor(ctx.actor)
    found = []
    for start in range(0, len(niks), LOOKUP_CHUNK):
        qs = Enrolment.objects.filter(
            programme=ctx.programme, worker__nik__in=niks[start : start + LOOKUP_CHUNK]
        )
        qs = qs.filter(scope.q("village_id"))
        found += list(
            qs.values_list("worker__nik", "id", "status", "kpj", "worker_id", "worker__name_normalized")
        )
    return pl.DataFrame(
        found,
        schema={
            "nik_digits": pl.String,
            "eid": pl.Int64,
            "status": pl.String,
            "old_kpj": pl.String,
            "worker_id": pl.Int64,
            "registered": pl.String,
        },
        orient="row",
    )


def _match_findings(data: pl.DataFrame, *, programme: str) -> list[pl.DataFrame]:
    """Rows that match nobody in the programme, and rows whose name differs from the registered one."""
    unmatched = long_findings(
        data.filter(pl.col("nik_digits").is_not_null() & pl.col("eid").is_null()),
        "reply_unmatched",
        message("reply_unmatched", programme=programme),
    )
    differs = data.filter(
        pl.col("eid").is_not_null() & (pl.col("_name") != "") & (pl.col("_name") != pl.col("registered"))
    )
    names = (
        dict(Worker.objects.filter(id__in=differs["worker_id"].to_list()).values_list("id", "full_name"))
        if differs.height
        else {}
    )
    differs = differs.with_columns(
        pl.col("worker_id")
        .replace_strict(names, default="", return_dtype=pl.String)
        .alias("_registered_name")
    )
    return [
        unmatched,
        long_findings(
            differs,
            "reply_name_differs",
            message("reply_name_differs", given=pl.col("full_name"), registered=pl.col("_registered_name")),
        ),
    ]


@dataclass
class _Applied:
    """What applying the reply did: enrolments moved, activated, already as the reply says; all findings."""

    findings: pl.DataFrame
    moved: int
    activated: int
    unchanged: int


def _apply(ctx: RunContext, data: pl.DataFrame, findings: pl.DataFrame) -> _Applied:
    """Activate the accepted and reject the refused rows without errors, through the enrolment services;
    rows already as the reply says are left alone, and a transition the services refuse becomes a finding."""
    blocked = findings.filter(pl.col("severity") == "error").select("_row").unique()
    todo = data.filter(pl.col("eid").is_not_null()).join(blocked, on="_row", how="anti")
    already = todo.filter(
        (
            (pl.col("_decision") == "accept")
            & (pl.col("status") == Status.ACTIVE)
            & (pl.col("old_kpj") == pl.col("_kpj"))
        )
        | ((pl.col("_decision") == "refuse") & (pl.col("status") == Status.REJECTED))
    )
    todo = todo.join(already.select("_row"), on="_row", how="anti")
    tag = f"balasan BPJS #{ctx.batch.pk}"
    activated, activate_refused = _activate(ctx, todo.filter(pl.col("_decision") == "accept"), tag)
    rejected, reject_refused = _reject(ctx, todo.filter(pl.col("_decision") == "refuse"), tag)
    refusals = activate_refused | reject_refused
    if refusals:
        findings = pl.concat([findings, _conflicts(todo, refusals)])
    return _Applied(findings, moved=activated + rejected, activated=activated, unchanged=already.height)


def _activate(ctx: RunContext, activate: pl.DataFrame, tag: str) -> tuple[int, dict[int, str]]:
    if not activate.height:
        return 0, {}
    per_id = {
        eid: {"kpj": kpj, "start_date": start}
        for eid, kpj, start in activate.select("eid", "_kpj", "_start").iter_rows()
    }
    # A reply without a start date starts the membership on the first payment's date (billing's rule).
    report = enrolments_activate(
        actor=ctx.actor, ids=list(per_id), per_id=per_id, reason=f"KPJ terbit ({tag})", today=ctx.today
    )
    activated = activate.filter(pl.col("eid").is_in(report.moved))
    _set_worker_kpj(activated.select("worker_id", "_kpj"))
    return len(report.moved), report.refused


def _reject(ctx: RunContext, refuse: pl.DataFrame, tag: str) -> tuple[int, dict[int, str]]:
    if not refuse.height:
        return 0, {}
    per_id = {
        eid: {"reason": f"Ditolak BPJS: {why or 'tanpa alasan'} ({tag})"[:255]}
        for eid, why in refuse.select("eid", "reason").iter_rows()
    }
    report = enrolments_transition(
        actor=ctx.actor,
        ids=list(per_id),
        to_status=Status.REJECTED,
        per_id=per_id,
        reason="Ditolak BPJS",
        today=ctx.today,
    )
    return len(report.moved), report.refused


def _conflicts(todo: pl.DataFrame, refusals: dict[int, str]) -> pl.DataFrame:
    """Rows whose enrolment the services would not move (its status does not allow it), with their reason."""
    failed = todo.filter(pl.col("eid").is_in(list(refusals))).with_columns(
        pl.col("eid").replace_strict(refusals, return_dtype=pl.String).alias("_why"),
        pl.col("status")
        .replace_strict({s: status_label(s) for s in Status.values}, default=pl.col("status"))
        .alias("_status"),
    )
    return with_severity(
        long_findings(
            failed,
            "reply_status_conflict",
            message("reply_status_conflict", status=pl.col("_status"), why=pl.col("_why")),
        )
    )


def _set_worker_kpj(pairs: pl.DataFrame) -> None:
    """The registry learns a person's KPJ when the insurer issues it, unless it already holds one."""
    if not pairs.height:
        return
    now = Worker._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Worker._meta.db_table} SET kpj = %s, updated_at = %s WHERE id = %s AND kpj = ''",  # noqa: S608
            [(kpj, now, wid) for wid, kpj in pairs.iter_rows()],
        )
