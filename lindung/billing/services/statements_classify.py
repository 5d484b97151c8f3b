"""Every statement line → one outcome, set-based: Polars over the facts read in one pass (``statements_facts``).

1. Cells that cannot be read (``statements_parse``) are ``invalid``.
2. The person: the KPJ, else the NIK, against the enrolments the importer may see (any programme), giving
   the worker; nobody → ``unknown_person``.
3. The worker's enrolment in this programme. Without one: ``other_programme`` when another programme paid
   the month, else ``not_covered``.
4. With one, the payment check every payment passes (``payment_checks``): not yet a member, outside the
   programme, after the end or death → ``not_covered``; paid already or by an earlier line → ``paid_twice``;
   paid by another programme → ``other_programme``.
5. The rest compare the amount with the month's due (the bill's lines, else the rule rows): ``matched``,
   ``underpaid`` or ``overpaid``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from ..models import Outcome, Resolution
from . import payment_checks as pc
from .statements_facts import statement_facts

PROBLEM_OUTCOME = {
    pc.UNKNOWN: Outcome.UNKNOWN_PERSON.value,
    pc.NOT_MEMBER: Outcome.NOT_COVERED.value,
    pc.OUTSIDE_PROGRAMME: Outcome.NOT_COVERED.value,
    pc.AFTER_END: Outcome.NOT_COVERED.value,
    pc.PAID_ALREADY: Outcome.PAID_TWICE.value,
    pc.REPEATED: Outcome.PAID_TWICE.value,
    pc.PAID_OTHER_PROGRAMME: Outcome.OTHER_PROGRAMME.value,
    # Read before the check and reported as invalid there; listed so that no code is left unmapped.
    pc.AMOUNT_NOT_POSITIVE: Outcome.INVALID.value,
    pc.FUTURE: Outcome.INVALID.value,
}


def _without_enrolment(rows: pl.DataFrame, programme) -> pl.DataFrame:
    """Known people with no enrolment in this programme: paid elsewhere that month, or not covered."""
    month = pc.month_label_expr(pl.col("month"))
    return rows.with_columns(
        outcome=pl.when(pl.col("paid_code").is_not_null())
        .then(pl.lit(Outcome.OTHER_PROGRAMME.value))
        .otherwise(pl.lit(Outcome.NOT_COVERED.value)),
        message=pl.when(pl.col("paid_code").is_not_null())
        .then(
            pl.concat_str(
                [
                    pl.lit("Iuran "),
                    month,
                    pl.lit(" sudah dibayar oleh program "),
                    pl.col("paid_code"),
                    pl.lit("."),
                ]
            )
        )
        .otherwise(pl.lit(f"Tidak terdaftar sebagai peserta program {programme.code}.")),
        due=pl.lit(None, dtype=pl.Int64),
    ).select("row_number", "enrolment_id", "outcome", "message", "due")


def _with_enrolment(rows: pl.DataFrame, programme, today: dt.date) -> pl.DataFrame:
    probe = rows.rename({"row_number": "_order"})
    checked = pc.payments_evaluate(probe, today=today, programmes={programme.pk: programme}, in_order=False)
    problem_outcome = pl.col("problem").replace_strict(PROBLEM_OUTCOME, default=None, return_dtype=pl.String)
    outcome = (
        pl.when(pl.col("problem").is_not_null())
        .then(problem_outcome)
        .when(pl.col("due").is_null())
        .then(pl.lit(Outcome.NOT_COVERED.value))
        .when(pl.col("amount") == pl.col("due"))
        .then(pl.lit(Outcome.MATCHED.value))
        .when(pl.col("amount") < pl.col("due"))
        .then(pl.lit(Outcome.UNDERPAID.value))
        .otherwise(pl.lit(Outcome.OVERPAID.value))
    )
    checked = checked.with_columns(outcome=outcome)
    columns = dict(row_number="_order", enrolment_id="enrolment_id", outcome="outcome", due="due")
    matched = checked.filter(pl.col("outcome") == Outcome.MATCHED.value)
    # Only the lines that are not simply matched need a message (built per row, so not for a million).
    return pl.concat(
        [
            matched.select(**columns, message=pl.lit("", dtype=pl.String)),
            checked.filter(pl.col("outcome") != Outcome.MATCHED.value).select(**columns, message=_message()),
        ]
    ).select("row_number", "enrolment_id", "outcome", "message", "due")


def _message() -> pl.Expr:
    month = pc.month_label_expr(pl.col("month"))
    compare = [pl.lit("Dibayar "), pc.rupiah_expr(pl.col("amount")), pl.lit(", iuran "), month, pl.lit(" ")]
    compare.append(pc.rupiah_expr(pl.col("due")))
    return (
        pl.when(pl.col("problem").is_not_null())
        .then(pl.col("message"))
        .when(pl.col("due").is_null())
        .then(
            pl.concat_str(
                [pl.lit("Iuran "), month, pl.lit(" tidak dapat dihitung dari aturan yang berlaku.")]
            )
        )
        .otherwise(pl.concat_str(compare + [pl.lit(".")]))
    )


def classify(actor, frame: pl.DataFrame, programme, today: dt.date) -> pl.DataFrame:
    """``frame`` parsed (``statements_parse.parse_cells``) → one row per line with ``enrolment_id``,
    ``due``, ``outcome``, ``message`` and ``resolution`` added, in the file's order."""
    # Only the columns needed from here on are filtered and joined: a million-line file is copied less.
    keys = ("row_number", "kpj", "nik", "month", "amount", "paid_on")
    valid = statement_facts(
        actor, frame.select(*keys, "invalid").filter(pl.col("invalid").is_null()).drop("invalid"), programme
    )
    parts = [
        frame.select("row_number", "invalid")
        .filter(pl.col("invalid").is_not_null())
        .select(
            "row_number",
            enrolment_id=pl.lit(None, dtype=pl.Int64),
            outcome=pl.lit(Outcome.INVALID.value),
            message="invalid",
            due=pl.lit(None, dtype=pl.Int64),
        ),
        valid.filter(pl.col("worker_id").is_null()).select(
            "row_number",
            enrolment_id=pl.lit(None, dtype=pl.Int64),
            outcome=pl.lit(Outcome.UNKNOWN_PERSON.value),
            message=pl.lit("KPJ dan NIK tidak cocok dengan peserta mana pun yang dapat Anda lihat."),
            due=pl.lit(None, dtype=pl.Int64),
        ),
        _without_enrolment(
            valid.filter(pl.col("worker_id").is_not_null() & pl.col("enrolment_id").is_null()), programme
        ),
        _with_enrolment(valid.filter(pl.col("enrolment_id").is_not_null()), programme, today),
    ]
    outcomes = pl.concat([p.with_columns(pl.col("enrolment_id").cast(pl.Int64)) for p in parts])
    resolution = (
        pl.when(pl.col("outcome") == Outcome.MATCHED.value)
        .then(pl.lit(Resolution.APPLIED.value))
        .when(pl.col("outcome") == Outcome.INVALID.value)
        .then(pl.lit(Resolution.DISMISSED.value))
        .otherwise(pl.lit(Resolution.PENDING.value))
    )
    stored = frame.select("row_number", "kpj", "nik", "name", "month", "amount", "paid_on", "reference")
    return (
        stored.join(outcomes, on="row_number", how="left")
        .with_columns(resolution=resolution, message=pl.col("message").fill_null("").str.slice(0, 255))
        .sort("row_number")
    )
