"""Every row's account: its state, its reasons in the uploader's own column names, the counts, the outcome
file and the batch's audit event."""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.people.findings import KINDS
from lindung.people.findings.render import finding_params

from .columns import COLUMN_SETS
from .context import RunContext
from .models import ImportBatch
from .storage import upload_dir

PROBLEMS_KEPT = 500


STATES = ("accepted", "flagged", "rejected", "skipped")


# Where a finding's field is shown when its column is not in the file.
FIELD_COLUMNS = {
    "village": ("village_code",),
    "birth_date": ("birth_date", "birth_place_date"),
    "birth_place": ("birth_place", "birth_place_date"),
    "rt_rw": ("rt_rw", "rt", "rw"),
    "occupation_1": ("occupation_1",),
    "occupation_2": ("occupation_2", "occupation_3"),
}


FIELD_LABELS = {"village": _("Desa"), "programme": _("Program"), "rt_rw": _("RT/RW")}


def long_findings(frame: pl.DataFrame, code: str, text: pl.Expr) -> pl.DataFrame:
    return frame.select(
        pl.col("_row").cast(pl.Int64),
        pl.lit(code).alias("code"),
        pl.lit(KINDS[code].field).alias("field"),
        text.alias("message"),
    )


def with_severity(findings: pl.DataFrame) -> pl.DataFrame:
    severity = {code: str(kind.severity) for code, kind in KINDS.items()}
    return findings.with_columns(pl.col("code").replace_strict(severity).alias("severity"))


def row_states(rows: pl.DataFrame, findings: pl.DataFrame) -> pl.DataFrame:
    """``_row``, ``_skip``, ``state``: skipped, else rejected on any error, flagged on any warning, else accepted."""
    per_row = findings.group_by("_row").agg(
        (pl.col("severity") == "error").any().alias("has_error"),
        (pl.col("severity") == "warning").any().alias("has_warning"),
    )
    return (
        rows.select("_row", "_skip")
        .join(per_row, on="_row", how="left")
        .with_columns(
            pl.when(pl.col("_skip").is_not_null())
            .then(pl.lit("skipped"))
            .when(pl.col("has_error").fill_null(False))
            .then(pl.lit("rejected"))
            .when(pl.col("has_warning").fill_null(False))
            .then(pl.lit("flagged"))
            .otherwise(pl.lit("accepted"))
            .alias("state")
        )
    )


def record_outcome(
    ctx: RunContext, states: pl.DataFrame, findings: pl.DataFrame, *, detail: dict, **counts: int
) -> None:
    """Counts, the per-row outcome file, the first problems and the batch's audit event; status done."""
    batch = ctx.batch
    by_state = dict(states.group_by("state").len().iter_rows())
    batch.rows_total = states.height
    for state in STATES:
        setattr(batch, state, by_state.get(state, 0))
    for name, value in counts.items():
        setattr(batch, name, value)
    reasons = _reasons(findings, ctx)
    outcome = (
        states.join(reasons, on="_row", how="left")
        .with_columns(
            pl.when(pl.col("state") == "skipped")
            .then(pl.col("_skip"))
            .otherwise(pl.col("reason"))
            .fill_null("")
            .alias("reason")
        )
        .select("_row", "state", "reason")
        .sort("_row")
    )
    ctx.lap("outcome")
    batch.rows_name = f"{batch.pk:07d}-rows.parquet"
    outcome.write_parquet(upload_dir() / batch.rows_name)
    batch.problems = _problems(outcome, findings, ctx)
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        batch.message = batch_summary(batch)
    batch.save()
    audit_record(
        actor=ctx.actor,
        action=AuditAction.IMPORT_RUN
        if batch.kind == ImportBatch.Kind.WORKERS
        else AuditAction.INSURER_REPLY,
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        summary=batch.message,
        detail={
            k: getattr(batch, k)
            for k in ("rows_total", *STATES, "inserted", "updated", "unchanged", "enrolled")
        }
        | {"sha256": batch.sha256, "timings": ctx.timings}
        | detail,
    )


def _labels(ctx: RunContext) -> dict[str, str]:
    """Finding field → what the uploader calls that column (their own header), or Lindung's label."""
    headers = ctx.batch.headers
    by_field = {f: headers[i] for i, f in ctx.mapping.items() if i < len(headers)}
    cols = COLUMN_SETS[ctx.batch.kind]
    labels = {}
    for c in cols:
        labels[c.key] = by_field.get(c.key) or c.label
    for kind in KINDS.values():
        f = kind.field
        if f in labels:
            continue
        names = FIELD_COLUMNS.get(f, (f,))
        labels[f] = next((by_field[n] for n in names if n in by_field), FIELD_LABELS.get(f, f))
    for f, names in FIELD_COLUMNS.items():
        labels[f] = next(
            (by_field[n] for n in names if n in by_field), labels.get(f) or FIELD_LABELS.get(f, f)
        )
    return labels


def _reasons(findings: pl.DataFrame, ctx: RunContext) -> pl.DataFrame:
    labels = _labels(ctx)
    text = pl.concat_str(
        [pl.col("field").replace_strict(labels, default=pl.col("field")), pl.lit(": "), pl.col("message")]
    )
    ordered = findings.with_columns(text.alias("text"), (pl.col("severity") != "error").alias("_w")).sort(
        ["_row", "_w", "code"]
    )
    return ordered.group_by("_row", maintain_order=True).agg(pl.col("text").str.join("; ").alias("reason"))


def _problems(outcome: pl.DataFrame, findings: pl.DataFrame, ctx: RunContext) -> list[dict]:
    """The first rows that are not plainly accepted, for the result page and the API."""
    labels = _labels(ctx)
    shown = outcome.filter(pl.col("state") != "accepted").head(PROBLEMS_KEPT)
    detail = findings.join(shown.select("_row"), on="_row", how="semi").sort(["_row", "severity", "code"])
    headers = {str(h) for h in ctx.batch.headers}
    by_row: dict[int, list[dict]] = {}
    for row, code, name, msg, severity in detail.select(
        "_row", "code", "field", "message", "severity"
    ).iter_rows():
        # The code and values let a page show the reason in the viewer's language; the message stays as stored.
        params = finding_params(KINDS[code], msg) if code in KINDS else None
        column = labels.get(name, name)
        by_row.setdefault(row, []).append(
            {
                "column": column,
                "own_column": column in headers,
                "message": msg,
                "severity": severity,
                "code": code,
                "params": params,
            }
        )
    return [
        {
            "row": row,
            "state": state,
            "reasons": by_row.get(row, [{"column": "", "message": reason, "severity": "info"}]),
        }
        for row, state, reason in shown.iter_rows()
    ]


def batch_summary(batch: ImportBatch) -> str:
    """The finished batch's counts in a sentence, in the active language (stored in Indonesian as ``message``)."""
    if batch.status != ImportBatch.Status.DONE:
        return batch.message
    if batch.kind == ImportBatch.Kind.INSURER_REPLY:
        return _reply_summary(batch)
    return _summary(batch)


def _reply_summary(batch: ImportBatch) -> str:
    return gettext(
        "{rows} baris balasan: {applied} diterapkan, {rejected} ditolak; {skipped} baris kosong atau baris "
        "jumlah dilewati. Kepesertaan: {enrolled} diaktifkan, {refused} ditolak BPJS, {unchanged} sudah sesuai."
    ).format(
        rows=batch.data_rows,
        applied=batch.accepted + batch.flagged,
        rejected=batch.rejected,
        skipped=batch.skipped,
        enrolled=batch.enrolled,
        refused=batch.updated - batch.enrolled,
        unchanged=batch.unchanged,
    )


def _summary(batch: ImportBatch) -> str:
    text = gettext(
        "{rows} baris data: {accepted} diterima, {flagged} diterima dengan catatan, {rejected} ditolak; "
        "{skipped} baris kosong atau baris jumlah dilewati. Registri: {inserted} baru, {updated} diperbarui, "
        "{unchanged} tidak berubah."
    ).format(
        rows=batch.data_rows,
        accepted=batch.accepted,
        flagged=batch.flagged,
        rejected=batch.rejected,
        skipped=batch.skipped,
        inserted=batch.inserted,
        updated=batch.updated,
        unchanged=batch.unchanged,
    )
    if batch.programme_id:
        text += " " + gettext("{enrolled} diusulkan ke program.").format(enrolled=batch.enrolled)
    return text


def batch_outcome(batch: ImportBatch) -> pl.DataFrame:
    """Every data row's state and reason (``_row``, ``state``, ``reason``)."""
    if not batch.rows_name:
        return pl.DataFrame(schema={"_row": pl.Int64, "state": pl.String, "reason": pl.String})
    return pl.read_parquet(upload_dir() / batch.rows_name)
