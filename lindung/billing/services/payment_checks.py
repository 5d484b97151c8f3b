"""The one check every payment passes, whether typed, sent in bulk or read from a statement.

Set-based: the candidate payments are a Polars frame (``enrolment_id``, ``month``, ``amount``, ``paid_on``),
checked against frames of the enrolments, the months already paid by any programme of the same workers, and
what each month is due (the bill's lines where a bill is out, else the rule rows), each read in one query per
chunk. A row's first problem wins; its message names the person, the month and the figure in Indonesian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import polars as pl
from django.db.models import Sum

from lindung.contributions.calculator import BPU, QuoteCache
from lindung.core.money import rupiah
from lindung.core.months import MONTH_NAMES
from lindung.enrolment.models import EndReason, Enrolment, Status
from lindung.programmes.models import Programme

from ..models import BillLine, Payment

# SQLite allows 32,766 bound parameters per statement; two lists of this size stay well under it.
CHUNK = 10_000
NOT_YET_MEMBERS = [s.value for s in (Status.PROPOSED, Status.VERIFIED, Status.REJECTED)]
STATUS_LABELS = {k: str(v) for k, v in Status.choices}
END_LABELS = {k: str(v) for k, v in EndReason.choices}

# Problem codes, in the order they are tested (the first that applies is the row's).
AMOUNT_NOT_POSITIVE = "amount_not_positive"
FUTURE = "future"
UNKNOWN = "unknown"
NOT_MEMBER = "not_member"
OUTSIDE_PROGRAMME = "outside_programme"
AFTER_END = "after_end"
PAID_ALREADY = "paid_already"
PAID_OTHER_PROGRAMME = "paid_other_programme"
REPEATED = "repeated"

ENROLMENT_SCHEMA = {
    "enrolment_id": pl.Int64,
    "worker_id": pl.Int64,
    "programme_id": pl.Int64,
    "status": pl.String,
    "end_date": pl.Date,
    "end_reason": pl.String,
    "village_id": pl.String,
    "name": pl.String,
    "category": pl.String,
    "fixed_income": pl.Int64,
}


def chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def month_label_expr(month: pl.Expr) -> pl.Expr:
    """``Juni 2026`` for a date column, as ``core.months.month_label`` writes it."""
    names = month.dt.month().replace_strict(
        dict(enumerate(MONTH_NAMES, start=1)), default="?", return_dtype=pl.String
    )
    return pl.concat_str([names, month.dt.year().cast(pl.String)], separator=" ")


def rupiah_expr(amount: pl.Expr) -> pl.Expr:
    """``Rp 16.800`` for an integer column (thousands with dots, as ``core.money.rupiah``)."""
    digits = amount.abs().cast(pl.String)
    grouped = digits.str.reverse().str.replace_all(r"(\d{3})", "$1.").str.reverse().str.strip_chars_start(".")
    return pl.concat_str([pl.when(amount < 0).then(pl.lit("-Rp ")).otherwise(pl.lit("Rp ")), grouped])


def enrolments_frame(enrolment_ids: Iterable[int]) -> pl.DataFrame:
    """The enrolments named, with what the check needs from the worker; one query per chunk."""
    rows: list[tuple] = []
    for part in chunks(sorted(set(enrolment_ids))):
        rows.extend(
            Enrolment.objects.filter(pk__in=part).values_list(
                "pk",
                "worker_id",
                "programme_id",
                "status",
                "end_date",
                "end_reason",
                "village_id",
                "worker__full_name",
                "worker__category",
                "worker__fixed_income",
            )
        )
    return pl.DataFrame(rows, schema=ENROLMENT_SCHEMA, orient="row")


def paid_frame(worker_ids: Iterable[int], months: list[dt.date]) -> pl.DataFrame:
    """Months already paid for these workers in any programme: worker, month, enrolment, programme code."""
    rows: list[tuple] = []
    for part in chunks(sorted(set(worker_ids))):
        rows.extend(
            Payment.objects.filter(enrolment__worker_id__in=part, month__in=months).values_list(
                "enrolment__worker_id", "month", "enrolment_id", "enrolment__programme__code"
            )
        )
    schema = {"worker_id": pl.Int64, "month": pl.Date, "paid_enrolment": pl.Int64, "paid_code": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def bill_due_frame(enrolment_ids: Iterable[int], months: list[dt.date]) -> pl.DataFrame:
    """What each enrolment owes on the issued bill of a month: its charge, corrections and credits."""
    rows: list[tuple] = []
    for part in chunks(sorted(set(enrolment_ids))):
        rows.extend(
            BillLine.objects.filter(enrolment_id__in=part, month__in=months, bill__month__in=months)
            .values("enrolment_id", "month")
            .annotate(total=Sum("amount"))
            .values_list("enrolment_id", "month", "total")
        )
    schema = {"enrolment_id": pl.Int64, "month": pl.Date, "bill_due": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def rule_due(frame: pl.DataFrame, programmes: Mapping[int, Programme]) -> pl.DataFrame:
    """The calculator's amount per (programme, month, income, category): one quote per distinct group."""
    keys = frame.select("programme_id", "month", "category", "fixed_income").unique().drop_nulls("month")
    out = []
    for programme_id, month, category, fixed_income in keys.iter_rows():
        programme = programmes.get(programme_id)
        if programme is None or not (programme.start_month <= month <= programme.end_month):
            continue
        income = programme.declared_income if programme.segment == BPU else fixed_income
        if not income:
            continue
        quote = _quotes(programme).quote(month, income, category or "")
        out.append((programme_id, month, category, fixed_income, quote.total))
    schema = {
        "programme_id": pl.Int64,
        "month": pl.Date,
        "category": pl.String,
        "fixed_income": pl.Int64,
        "rule_due": pl.Int64,
    }
    return pl.DataFrame(out, schema=schema, orient="row")


_QUOTES: dict[int, QuoteCache] = {}


def _quotes(programme) -> QuoteCache:
    # One cache per call of ``payments_check``: cleared there so rule rows edited between calls are read.
    if programme.pk not in _QUOTES:
        _QUOTES[programme.pk] = QuoteCache(programme)
    return _QUOTES[programme.pk]


def programmes_frame(programmes: Mapping[int, Programme]) -> pl.DataFrame:
    rows = [(pk, p.code, p.start_month, p.end_month) for pk, p in programmes.items()]
    schema = {"programme_id": pl.Int64, "code": pl.String, "p_start": pl.Date, "p_end": pl.Date}
    return pl.DataFrame(rows, schema=schema, orient="row")


def payments_check(
    frame: pl.DataFrame, *, today: dt.date, programmes: Mapping[int, Programme]
) -> pl.DataFrame:
    """``frame`` (``enrolment_id``, ``month``, ``amount``, ``paid_on``, optional ``_order``) with the columns
    ``problem`` (a code above, null when the payment may be recorded), ``message``, ``due``, ``worker_id``,
    ``village_id`` and ``paid_code`` added. ``programmes``: every programme the enrolments may belong to.

    A row repeating an earlier row's enrolment and month is ``repeated`` (``_order`` says which is earlier).
    """
    if "_order" not in frame.columns:
        frame = frame.with_row_index("_order")
    ids = frame.get_column("enrolment_id").drop_nulls().unique().to_list()
    months = frame.get_column("month").drop_nulls().unique().to_list()
    people = enrolments_frame(ids)
    joined = frame.join(people, on="enrolment_id", how="left")
    paid = paid_frame(people.get_column("worker_id").to_list(), months)
    same = paid.rename({"paid_enrolment": "enrolment_id"}).select(
        "enrolment_id", "month", pl.lit(True).alias("_paid")
    )
    joined = joined.join(same, on=["enrolment_id", "month"], how="left")
    other = (
        paid.join(people.select("enrolment_id", "worker_id"), on="worker_id", how="inner")
        .filter(pl.col("paid_enrolment") != pl.col("enrolment_id"))
        .group_by("enrolment_id", "month")
        .agg(pl.col("paid_code").first())
    )
    joined = joined.join(other, on=["enrolment_id", "month"], how="left")
    joined = joined.join(bill_due_frame(ids, months), on=["enrolment_id", "month"], how="left")
    return payments_evaluate(joined, today=today, programmes=programmes)


def payments_evaluate(
    joined: pl.DataFrame, *, today: dt.date, programmes: Mapping[int, Programme], in_order: bool = True
) -> pl.DataFrame:
    """The check itself, on candidate payments already joined with what the database knows of them:
    ``_order``, ``enrolment_id``, ``month``, ``amount``, ``paid_on`` and the facts ``worker_id``,
    ``programme_id``, ``status``, ``end_date``, ``end_reason``, ``village_id``, ``name``, ``category``,
    ``fixed_income`` (``ENROLMENT_SCHEMA``), ``_paid`` (this enrolment paid the month), ``paid_code`` (another
    programme of the worker paid it) and ``bill_due``. ``payments_check`` reads the facts in chunks; the
    statement import reads them with one set-based query (``statements_facts``). ``in_order`` False leaves
    the rows unsorted (a million-line statement sorts once, at the end, and is spared a copy here)."""
    _QUOTES.clear()
    joined = joined.join(programmes_frame(programmes), on="programme_id", how="left")
    joined = joined.join(
        rule_due(joined, programmes),
        on=["programme_id", "month", "category", "fixed_income"],
        how="left",
        nulls_equal=True,
    )
    joined = joined.with_columns(due=pl.coalesce("bill_due", "rule_due"))
    # Not the first row of its enrolment and month (``_order`` is unique); a minimum per group costs a fifth
    # of a rank over it (billing bench, a million lines: 0.15 s against 0.72 s).
    joined = joined.with_columns(
        _repeated=pl.col("_order") > pl.col("_order").min().over("enrolment_id", "month")
    )
    rules = _problem(today)
    joined = joined.with_columns(problem=rules["problem"])
    # A message is a string built per row (rupiah, month names, dates): only rows with a problem need one, and
    # in a statement those are a few percent of a million lines.
    checked = pl.concat(
        [
            joined.filter(pl.col("problem").is_null()).with_columns(message=pl.lit("", dtype=pl.String)),
            joined.filter(pl.col("problem").is_not_null()).with_columns(message=rules["message"]),
        ]
    )
    return checked.sort("_order") if in_order else checked


def _problem(today: dt.date) -> dict[str, pl.Expr]:
    problem: pl.Expr = pl.lit(None, dtype=pl.String)
    message: pl.Expr = pl.lit("", dtype=pl.String)
    for condition, code, text in reversed(_payment_rules(today) + _membership_rules()):
        problem = pl.when(condition.fill_null(False)).then(pl.lit(code)).otherwise(problem)
        message = pl.when(condition.fill_null(False)).then(text).otherwise(message)
    return {"problem": problem, "message": message}


def _payment_rules(today: dt.date) -> list[tuple[pl.Expr, str, pl.Expr]]:
    """The payment itself: a positive amount, a date that has come, an enrolment that exists."""
    return [
        (
            pl.col("amount").is_null() | (pl.col("amount") <= 0),
            AMOUNT_NOT_POSITIVE,
            pl.concat_str(
                [
                    pl.lit("Jumlah "),
                    rupiah_expr(pl.col("amount")).fill_null("kosong"),
                    pl.lit(" tidak sah: iuran harus lebih dari nol."),
                ]
            ),
        ),
        (
            pl.col("paid_on") > pl.lit(today),
            FUTURE,
            pl.concat_str(
                [
                    pl.lit("Tanggal bayar "),
                    pl.col("paid_on").dt.strftime("%d-%m-%Y"),
                    pl.lit(f" belum terjadi (hari ini {today:%d-%m-%Y})."),
                ]
            ),
        ),
        (
            pl.col("worker_id").is_null(),
            UNKNOWN,
            pl.concat_str(
                [pl.lit("Kepesertaan #"), pl.col("enrolment_id").cast(pl.String), pl.lit(" tidak ditemukan.")]
            ),
        ),
    ]


def _ended_how() -> pl.Expr:
    """``Budi meninggal 12-05-2026`` or ``Budi berhenti 12-05-2026 (pindah domisili)``."""
    end = pl.col("end_date").dt.strftime("%d-%m-%Y")
    end_reason = pl.col("end_reason").replace_strict(END_LABELS, default="berakhir", return_dtype=pl.String)
    return (
        pl.when(pl.col("end_reason") == EndReason.DEATH.value)
        .then(pl.concat_str([pl.col("name"), pl.lit(" meninggal "), end]))
        .otherwise(
            pl.concat_str([pl.col("name"), pl.lit(" berhenti "), end, pl.lit(" ("), end_reason, pl.lit(")")])
        )
    )


def _membership_rules() -> list[tuple[pl.Expr, str, pl.Expr]]:
    """The person and the month: a member, within the programme and their membership, not paid yet."""
    month = month_label_expr(pl.col("month"))
    ended_how = _ended_how()
    after_end = pl.col("end_date").is_not_null() & (pl.col("month") > pl.col("end_date").dt.month_start())
    return [
        (
            pl.col("status").is_in(NOT_YET_MEMBERS),
            NOT_MEMBER,
            pl.concat_str(
                [
                    pl.col("name"),
                    pl.lit(" belum menjadi peserta "),
                    pl.col("code"),
                    pl.lit(" (status: "),
                    pl.col("status").replace_strict(STATUS_LABELS, default="?", return_dtype=pl.String),
                    pl.lit("); iuran "),
                    month,
                    pl.lit(" tidak dapat dicatat."),
                ]
            ),
        ),
        (
            (pl.col("month") < pl.col("p_start")) | (pl.col("month") > pl.col("p_end")),
            OUTSIDE_PROGRAMME,
            pl.concat_str([month, pl.lit(" di luar masa program "), pl.col("code"), pl.lit(".")]),
        ),
        (
            after_end,
            AFTER_END,
            pl.concat_str([ended_how, pl.lit("; iuran "), month, pl.lit(" tidak dapat dicatat.")]),
        ),
        (
            pl.col("_paid").fill_null(False),
            PAID_ALREADY,
            pl.concat_str(
                [
                    pl.lit("Iuran "),
                    month,
                    pl.lit(" untuk "),
                    pl.col("name"),
                    pl.lit(" (kepesertaan #"),
                    pl.col("enrolment_id").cast(pl.String),
                    pl.lit(") sudah tercatat."),
                ]
            ),
        ),
        (
            pl.col("paid_code").is_not_null(),
            PAID_OTHER_PROGRAMME,
            pl.concat_str(
                [
                    pl.lit("Iuran "),
                    month,
                    pl.lit(" untuk "),
                    pl.col("name"),
                    pl.lit(" sudah dibayar oleh program "),
                    pl.col("paid_code"),
                    pl.lit("."),
                ]
            ),
        ),
        (
            pl.col("_repeated"),
            REPEATED,
            pl.concat_str(
                [
                    pl.lit("Iuran "),
                    month,
                    pl.lit(" untuk "),
                    pl.col("name"),
                    pl.lit(" (kepesertaan #"),
                    pl.col("enrolment_id").cast(pl.String),
                    pl.lit(") muncul lebih dari sekali."),
                ]
            ),
        ),
    ]


def amount_unlike_due(amount: int, due: int | None, month: dt.date) -> str:
    """The message for a single payment whose amount is not what the month costs; empty when it is."""
    if due is None or amount == due:
        return ""
    label = f"{MONTH_NAMES[month.month - 1]} {month.year}"
    return f"Jumlah {rupiah(amount)} tidak sama dengan iuran {label} {rupiah(due)}."
