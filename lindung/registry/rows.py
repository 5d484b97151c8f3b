"""An extract's rows, checked column by column: each row is imported, imported with a flag, or refused.

The transfer app reads the file (``transfer.registry_import``) into ``EXTRACT_COLUMNS``, all text except
``row_number``, ``nik_lost`` (the spreadsheet stored the NIK as a number and its last digits are gone) and
``birth_date`` (read, or null). Here each row is judged; every flag and refusal names the row and the column.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from lindung.people.names import normalize_name_expr
from lindung.regions.codes import subtree_range

from . import problem_text as text

EXTRACT_COLUMNS = (
    "row_number",
    "nik",
    "nik_lost",
    "full_name",
    "kk_number",
    "decile_text",
    "address",
    "village_code",
    "birth_date",
    "birth_date_text",
)
# Column labels in messages, as the agencies' extracts name them.
FIELD_LABELS = {
    "nik": "NIK",
    "full_name": "Nama",
    "kk_number": "No KK",
    "decile": "Desil",
    "address": "Alamat",
    "village_code": "Kode Desa",
    "birth_date": "Tanggal Lahir",
}


def _problem(condition: pl.Expr, outcome: str, field: str, message: pl.Expr | str) -> pl.Expr:
    text = pl.lit(message) if isinstance(message, str) else message
    return pl.when(condition).then(
        pl.struct(outcome=pl.lit(outcome), field=pl.lit(field), message=text.str.slice(0, 255))
    )


def _checks(region_code: str) -> list[pl.Expr]:
    """One expression per rule: the problem (a struct) where the row breaks it, else null. Worded in
    Indonesian whoever imports: the edition's record; pages show it in the reader's language
    (``problem_text.problem_shown``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _checks_worded(region_code)


def _checks_worded(region_code: str) -> list[pl.Expr]:
    nik, village = pl.col("nik"), pl.col("village_code")
    return [
        _problem(
            pl.col("nik_lost"),
            "rejected",
            "nik",
            pl.format(
                _(text.NIK_LOST),
                nik,
            ),
        ),
        _problem(nik == "", "rejected", "nik", _(text.NIK_EMPTY)),
        _problem(
            ~pl.col("nik_lost") & (nik != "") & ~pl.col("_nik_ok"),
            "rejected",
            "nik",
            pl.format(_(text.NIK_NOT_16), nik),
        ),
        _problem(
            pl.col("_dup"),
            "rejected",
            "nik",
            pl.format(_(text.NIK_REPEATED), pl.col("_first")),
        ),
        _problem(pl.col("full_name") == "", "rejected", "full_name", _(text.NAME_EMPTY)),
        _problem(
            ~pl.col("_inside"),
            "rejected",
            "village_code",
            pl.format(
                _(text.OUTSIDE),
                village,
                pl.lit(region_code),
            ),
        ),
        _problem(
            pl.col("_inside") & (village != "") & ~pl.col("_known"),
            "flagged",
            "village_code",
            pl.format(_(text.VILLAGE_UNKNOWN), village),
        ),
        _problem(pl.col("decile_text") == "", "flagged", "decile", _(text.DECILE_EMPTY)),
        _problem(
            (pl.col("decile_text") != "") & pl.col("decile").is_null(),
            "flagged",
            "decile",
            pl.format(_(text.DECILE_UNREADABLE), pl.col("decile_text")),
        ),
        _problem(
            (pl.col("birth_date_text") != "") & pl.col("birth_date").is_null(),
            "flagged",
            "birth_date",
            pl.format(_(text.BIRTH_DATE_UNREADABLE), pl.col("birth_date_text")),
        ),
        _problem(
            (pl.col("kk_number") != "") & ~pl.col("kk_number").str.contains(r"^[0-9]{16}$"),
            "flagged",
            "kk_number",
            pl.format(_(text.KK_NOT_16), pl.col("kk_number")),
        ),
    ]


def _entries(judged: pl.DataFrame, problems: pl.DataFrame, region_code: str) -> pl.DataFrame:
    """The rows not refused, typed as ``RegistryEntry`` fields; ``flagged`` where a problem flags them."""
    village = pl.col("village_code")
    rejected = problems.filter(pl.col("outcome") == "rejected").get_column("row_number").unique()
    flagged = problems.filter(pl.col("outcome") == "flagged").get_column("row_number").unique()
    return judged.filter(~pl.col("row_number").is_in(rejected.implode())).select(
        "row_number",
        "nik",
        pl.col("full_name").str.slice(0, 150),
        normalize_name_expr(pl.col("full_name")).str.slice(0, 150).alias("name_normalized"),
        pl.when(pl.col("kk_number").str.contains(r"^[0-9]{16}$"))
        .then(pl.col("kk_number"))
        .otherwise(pl.lit(""))
        .alias("kk_number"),
        "decile",
        pl.col("address").str.slice(0, 255),
        pl.when(pl.col("_known")).then(village).alias("village_id"),
        pl.when(pl.col("_known")).then(village).otherwise(pl.lit(region_code)).alias("region_code"),
        "birth_date",
        pl.col("row_number").is_in(flagged.implode()).alias("flagged"),
    )


def judge(
    frame: pl.DataFrame, *, region_code: str, known_villages: set[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(entries, problems): the rows to import with their typed values and flag, and one problem per row and
    field (``row_number``, ``outcome``, ``field``, ``message``)."""
    low, high = subtree_range(region_code) if region_code else ("", "\uffff")
    nik, village = pl.col("nik"), pl.col("village_code")
    decile = pl.col("decile_text").str.extract(r"^(?i:desil\s*)?(\d{1,2})(?:[.,]0+)?$", 1).cast(pl.Int64)
    frame = frame.with_columns(
        decile=pl.when(decile.is_between(1, 10)).then(decile),
        _nik_ok=nik.str.contains(r"^[0-9]{16}$") & ~pl.col("nik_lost"),
        _inside=(village == "") | (village == region_code) | ((village > low) & (village < high)),
        _known=village.is_in(list(known_villages)),
    )
    frame = frame.with_columns(_first=pl.col("row_number").min().over("nik"))
    frame = frame.with_columns(_dup=pl.col("_nik_ok") & (pl.col("row_number") != pl.col("_first")))
    judged = frame.with_columns(
        pl.concat_list([c.alias(f"_p{i}") for i, c in enumerate(_checks(region_code))]).alias("_problems")
    )
    problems = (
        judged.select("row_number", "_problems")
        .explode("_problems")
        .drop_nulls("_problems")
        .unnest("_problems")
        .select("row_number", "outcome", "field", "message")
    )
    return _entries(judged, problems, region_code), problems
