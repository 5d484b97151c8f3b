"""``people.checks.check_worker``, vectorised: the same registry findings for a whole file in Polars expressions.

Every rule here mirrors one line of the scalar check, down to which characters count as white space and
how a spreadsheet number is told from typed text; ``tests/transfer/test_checks.py`` runs both over one corpus
of awkward rows and insists on identical codes and messages. Change a rule in both places or in neither.

Input columns (one row per person, as ``WorkerInput``): ``_row``, ``nik`` (the text a cell shows),
``nik_number`` (the value, only for cells the spreadsheet stored as a number), ``full_name``,
``birth_date`` (Date), ``gender``, ``village_code``, ``kk_number``, ``kpj``, ``phone``, ``occupation_1`` …
``occupation_3``, ``category``.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import polars as pl
from lokal.provinces import PROVINCES

from lindung.core.spreadsheets import FORMULA_PATTERN, PLAIN_NUMBER_PATTERN
from lindung.people.checks import IN_FORCE, registry_age_rule
from lindung.people.findings import KINDS
from lindung.people.models import Category
from lindung.people.validation import FORMULA_FIELDS
from lindung.regions.codes import DISTRICT, REGENCY

from .region_columns import RegionCodes, nik_region, within

# What Python's str.strip() and re's \s treat as white space (str.isspace), which the scalar checks use.
# Polars' own default differs on U+001C–U+001F, so the set is spelled out (a test compares it with Python).
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# lokal-id's phone parser follows JavaScript, whose white space has U+FEFF and lacks U+001C–U+001F and U+0085.
JS_WHITESPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028"
    "\u2029\u202f\u205f\u3000\ufeff"
)


def _char_class(chars: str) -> str:
    return "".join(f"\\x{{{ord(c):x}}}" for c in chars)


_PY_WS = _char_class(PY_WHITESPACE)
_NIK_SEPARATORS = f"[{_PY_WS}.\\-]"
_PHONE_NOISE = f"[{_char_class(JS_WHITESPACE)}().\\-]"
_PROVINCES = pl.Series(list(PROVINCES), dtype=pl.String)
_CATEGORIES = pl.Series(list(Category.values), dtype=pl.String)

# Polars 2 defaults to its streaming engine; these wide, one-shot selects over data already in memory run
# faster on the in-memory engine (measured by bench/import_bench.py).
ENGINE = "in-memory"
FINDINGS_SCHEMA = {"_row": pl.Int64, "code": pl.String, "field": pl.String, "message": pl.String}


def message(kind: str, /, **values: Any) -> pl.Expr:
    """The catalogue message of ``kind`` as an expression; values may be expressions or plain values."""
    parts: list[pl.Expr] = []
    for literal, name, _spec, _conv in string.Formatter().parse(KINDS[kind].template):
        if literal:
            parts.append(pl.lit(literal))
        if name is not None:
            value = values[name]
            parts.append(value.cast(pl.String) if isinstance(value, pl.Expr) else pl.lit(str(value)))
    return pl.concat_str(parts)


def is_in(expr: pl.Expr, values: pl.Series) -> pl.Expr:
    return expr.is_in(pl.lit(values).implode())


def _text(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.String).fill_null("")


def _strip(expr: pl.Expr) -> pl.Expr:
    return expr.str.strip_chars(PY_WHITESPACE)


def _lost_int(int_text: pl.Expr) -> pl.Expr:
    """``people.checks._lost_digits`` for an integer written out: 16+ digits whose tail past the 15th is zeros."""
    return (int_text.str.len_chars() >= 16) & int_text.str.slice(15).str.contains(r"^0*$")


# Each stage refers to the columns of the stages before it by name, so every intermediate value is computed
# once; nested expressions would be recomputed wherever they are used.
def _nik_stages(today: dt.date, regions: RegionCodes) -> list[list[pl.Expr]]:
    return [*_nik_digit_stages(), *_nik_content_stages(today, regions)]


def _nik_digit_stages() -> list[list[pl.Expr]]:
    """From the cell (text, or a number the spreadsheet stored) to 16 digits, or why not."""
    number = pl.col("nik_number").cast(pl.Float64)
    text = pl.col("_nik_text")
    repr_digits = pl.col("_repr_digits")
    int_digits = pl.col("_int_digits")
    is_number = pl.col("_is_number")
    compact = pl.col("_nik_compact")
    empty, lost = pl.col("_nik_empty"), pl.col("_nik_lost")
    return [
        [
            _strip(_text("nik")).alias("_nik_text"),
            number.is_not_null().alias("_is_number"),
            number.cast(pl.Int64, strict=False).cast(pl.String).alias("_int_digits"),
        ],
        [
            # A typed value: "6203171708850000.0" as some programs write numbers.
            text.str.extract(r"^([0-9]{10,20})[.,]0+$", 1).alias("_repr_digits"),
        ],
        [
            # A whole number is shown by its digits (6203170109940040, not 6203170109940040.0), as the cell shows it.
            pl.when(is_number & (number == number.floor()) & int_digits.is_not_null())
            .then(int_digits)
            .when(is_number)
            .then(number.cast(pl.String))
            .otherwise(text)
            .alias("_nik_shown"),
            (~is_number & (text == "")).alias("_nik_empty"),
            pl.when(is_number)
            .then((number != number.floor()) | int_digits.is_null() | _lost_int(int_digits))
            .otherwise(
                text.str.contains(r"^[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+$")
                | (repr_digits.is_not_null() & _lost_int(repr_digits.str.strip_chars_start("0")))
            )
            .alias("_nik_lost"),
            pl.when(is_number)
            .then(int_digits)
            .when(repr_digits.is_not_null())
            .then(repr_digits)
            .otherwise(text)
            .str.replace_all(_NIK_SEPARATORS, "")
            .alias("_nik_compact"),
        ],
        [
            (~empty & ~lost & compact.str.contains("[^0-9]")).alias("_f_nik_not_digits"),
            compact.str.len_chars().alias("_nik_length"),
        ],
        [
            (~empty & ~lost & ~pl.col("_f_nik_not_digits") & (pl.col("_nik_length") != 16)).alias(
                "_f_nik_length"
            ),
            (~empty & ~lost & ~pl.col("_f_nik_not_digits") & (pl.col("_nik_length") == 16)).alias("_nik_ok"),
        ],
    ]


def _nik_content_stages(today: dt.date, regions: RegionCodes) -> list[list[pl.Expr]]:
    """What 16 digits say: birth date and gender (DDMMYY, women +40), region, and a serial that is not 0000."""
    compact = pl.col("_nik_compact")
    day, month, year = pl.col("_day"), pl.col("_month"), pl.col("_year")
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = (
        pl.when(month == 2)
        .then(28 + leap.cast(pl.Int32))
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    real = (month >= 1) & (month <= 12) & (day >= 1) & (day <= month_days)
    return [
        [
            compact.str.slice(6, 2).cast(pl.Int32, strict=False).alias("_dd"),
            compact.str.slice(8, 2).cast(pl.Int32, strict=False).alias("_month"),
            compact.str.slice(10, 2).cast(pl.Int32, strict=False).alias("_yy"),
        ],
        [
            (pl.col("_dd") > 40).alias("_female"),
            pl.when(pl.col("_dd") > 40).then(pl.col("_dd") - 40).otherwise(pl.col("_dd")).alias("_day"),
            # lokal-id's century rule: two-digit years up to this year's are 20xx, the rest 19xx.
            pl.when(pl.col("_yy") <= today.year % 100)
            .then(pl.col("_yy") + 2000)
            .otherwise(pl.col("_yy") + 1900)
            .alias("_year"),
        ],
        [
            (pl.col("_nik_ok") & real).alias("_nik_date_ok"),
        ],
        [
            pl.when(pl.col("_nik_ok")).then(compact).alias("nik_digits"),
            pl.when(pl.col("_nik_date_ok")).then(pl.date(year, month, day)).alias("_nik_birth"),
            pl.when(pl.col("_nik_date_ok"))
            .then(pl.when(pl.col("_female")).then(pl.lit("P")).otherwise(pl.lit("L")))
            .alias("_nik_gender"),
            (pl.col("_nik_ok") & ~real).alias("_f_nik_birth_date_invalid"),
            (pl.col("_nik_ok") & (compact.str.slice(12, 4) == "0000")).alias("_f_nik_serial_zero"),
            (
                pl.col("_nik_ok")
                & (
                    ~is_in(compact.str.slice(0, 2), _PROVINCES)
                    | (compact.str.slice(2, 2) == "00")
                    | (compact.str.slice(4, 2) == "00")
                    | ~is_in(compact.str.slice(0, 6), regions.districts_compact)
                )
            ).alias("_f_nik_region_unknown"),
        ],
    ]


def _person_stages(
    *, on: dt.date, age_min: int | None, age_max: int | None, regions: RegionCodes
) -> list[list[pl.Expr]]:
    ok = pl.col("_nik_ok")
    compact = pl.col("_nik_compact")
    given_gender, nik_gender = pl.col("_given_gender"), pl.col("_nik_gender")
    given_birth, nik_birth = pl.col("birth_date").cast(pl.Date), pl.col("_nik_birth")
    birth = pl.col("birth_date_final")
    village = pl.col("village_final")
    age = pl.col("_age")
    # The NIK holds two year digits only, so 1925 and 2025 are the same NIK date.
    same_birth = (
        (given_birth.dt.day() == nik_birth.dt.day())
        & (given_birth.dt.month() == nik_birth.dt.month())
        & (given_birth.dt.year() % 100 == nik_birth.dt.year() % 100)
    )
    before_birthday = (birth.dt.month() > on.month) | (
        (birth.dt.month() == on.month) & (birth.dt.day() > on.day)
    )
    below = birth.is_not_null() & (age < age_min) if age_min is not None else pl.lit(False)
    above = birth.is_not_null() & ~below & (age > age_max) if age_max is not None else pl.lit(False)
    first = _strip(_text("gender")).str.to_uppercase().str.slice(0, 1)
    o1, o2, o3 = (pl.col(f"_o{i}") for i in (1, 2, 3))
    # [o.strip() for o in occupations if o.strip()]: the first and second non-empty of three.
    first_job = pl.when(o1 != "").then(o1).when(o2 != "").then(o2).otherwise(o3)
    second_job = (
        pl.when(o1 != "")
        .then(pl.when(o2 != "").then(o2).otherwise(o3))
        .otherwise(pl.when(o2 != "").then(o3).otherwise(pl.lit("")))
    )
    return [
        [
            pl.when((first == "L") | (first == "P")).then(first).alias("_given_gender"),
            _strip(_text("village_code")).alias("village_final"),
            *[_strip(_text(f"occupation_{i}")).alias(f"_o{i}") for i in (1, 2, 3)],
            pl.coalesce(given_birth, nik_birth).alias("birth_date_final"),
        ],
        [
            pl.coalesce(given_gender, nik_gender).alias("gender_final"),
            (nik_gender.is_not_null() & given_gender.is_not_null() & (given_gender != nik_gender)).alias(
                "_f_gender_mismatch"
            ),
            (given_birth.is_not_null() & nik_birth.is_not_null() & ~same_birth).alias(
                "_f_birth_date_mismatch"
            ),
            (birth.is_null() & ok).alias("_f_birth_date_required"),
            (pl.lit(on.year) - birth.dt.year() - before_birthday.cast(pl.Int32)).alias("_age"),
            is_in(village, regions.villages).alias("_village_known"),
            ((o1 != "").cast(pl.Int32) + (o2 != "").cast(pl.Int32) + (o3 != "").cast(pl.Int32)).alias(
                "_occupation_count"
            ),
            first_job.alias("occupation_1_final"),
            second_job.alias("occupation_2_final"),
            (_strip(_text("full_name")) == "").alias("_f_name_required"),
        ],
        [
            (pl.col("gender_final").is_null() & ok).alias("_f_gender_required"),
            below.alias("_f_age_below_min"),
            above.alias("_f_age_above_max"),
            (village == "").alias("_f_village_required"),
            ((village != "") & ~pl.col("_village_known")).alias("_f_village_unknown"),
            (pl.col("_village_known") & ok & ~within(village, nik_region(compact, REGENCY))).alias(
                "_f_domicile_outside_nik_regency"
            ),
            (pl.col("_occupation_count") == 0).alias("_f_occupation_required"),
            (pl.col("_occupation_count") > 2).alias("_f_occupation_too_many"),
        ],
    ]


def _identifier_stages(col: str, digits: int, out: str, flag: str) -> list[list[pl.Expr]]:
    # str.isdigit() in the scalar check: Unicode decimal digits, which is what \d means in Polars' regex.
    return [
        [_text(col).str.replace_all(_NIK_SEPARATORS, "").alias(out)],
        [((pl.col(out) != "") & ~pl.col(out).str.contains(f"^\\d{{{digits}}}$")).alias(flag)],
    ]


def _phone_stages() -> list[list[pl.Expr]]:
    """lokal-id's ``normalize_phone`` (E.164 or nothing), step by step."""
    clean, rest = pl.col("_ph_clean"), pl.col("_ph_rest")
    length = pl.col("_ph_length")
    return [
        [
            _text("phone").str.replace_all(_PHONE_NOISE, "").alias("_ph_clean"),
            (_strip(_text("phone")) != "").alias("_ph_given"),
        ],
        [
            pl.when(clean.str.starts_with("+62"))
            .then(clean.str.slice(3))
            .when(clean.str.starts_with("62") & (clean.str.len_chars() >= 10))
            .then(clean.str.slice(2))
            .when(clean.str.starts_with("0"))
            .then(clean.str.slice(1))
            .when(clean.str.starts_with("8"))
            .then(clean)
            .str.strip_chars_start("0")
            .alias("_ph_rest")
        ],
        [rest.str.len_chars().alias("_ph_length"), rest.str.contains(r"^[0-9]+$").alias("_ph_digits")],
        [
            (
                pl.col("_ph_digits")
                & (
                    (rest.str.starts_with("8") & (length >= 9) & (length <= 12))
                    | (rest.str.contains(r"^[2345679]") & (length >= 7) & (length <= 11))
                )
            )
            .fill_null(False)
            .alias("_ph_valid")
        ],
        [
            pl.when(pl.col("_ph_valid"))
            .then(pl.concat_str([pl.lit("+62"), rest]))
            .otherwise(pl.lit(""))
            .alias("phone_final"),
            (pl.col("_ph_given") & ~pl.col("_ph_valid")).alias("_f_phone_invalid"),
        ],
    ]


OUTPUTS = (
    "nik_digits",
    "birth_date_final",
    "gender_final",
    "village_final",
    "kk_final",
    "kpj_final",
    "phone_final",
    "occupation_1_final",
    "occupation_2_final",
)


TEXT_INPUTS = (
    "nik",
    "full_name",
    "gender",
    "village_code",
    "kk_number",
    "kpj",
    "phone",
    "category",
    "occupation_1",
    "occupation_2",
    "occupation_3",
)


def registry_check(
    frame: pl.DataFrame,
    *,
    today: dt.date | None = None,
    age_on_date: dt.date | None = None,
    age_min: int | None = IN_FORCE,
    age_max: int | None = IN_FORCE,
    age_basis: str = IN_FORCE,
    regions: RegionCodes | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Normalised values and findings for every row, as ``check_worker`` gives them for one.

    Returns ``(values, findings)``: ``values`` has one row per input row, in the same order, with the
    normalised columns in ``OUTPUTS``; ``findings`` is long: one row per (``_row``, finding).
    """
    today = today or dt.date.today()
    on = age_on_date or today
    # Limits not given are the registry's row in force on that date, as check_worker reads them.
    age_min, age_max, age_basis = registry_age_rule(on, age_min=age_min, age_max=age_max, basis=age_basis)
    regions = regions or RegionCodes.load()
    category = _text("category")
    stages = [
        _missing_inputs(frame),
        *_nik_stages(today, regions),
        *_person_stages(on=on, age_min=age_min, age_max=age_max, regions=regions),
        *_identifier_stages("kk_number", 16, "kk_final", "_f_kk_malformed"),
        *_identifier_stages("kpj", 11, "kpj_final", "_f_kpj_malformed"),
        *_phone_stages(),
        [
            ((category != "") & ~is_in(category, _CATEGORIES)).alias("_f_category_unknown"),
            pl.col("_nik_empty").alias("_f_nik_required"),
            (~pl.col("_nik_empty") & pl.col("_nik_lost")).alias("_f_nik_lost_digits"),
        ],
    ]
    lazy = frame.lazy()
    for stage in stages:
        if stage:
            lazy = lazy.with_columns(stage)
    df = lazy.collect(engine=ENGINE)
    messages = _messages(on=on, age_min=age_min, age_max=age_max, age_basis=age_basis)
    return df.select(OUTPUTS), findings_from_flags(df, messages)


def _missing_inputs(frame: pl.DataFrame) -> list[pl.Expr]:
    """Empty columns for the inputs the frame lacks, so every rule reads a column that exists."""
    missing = []
    if "nik_number" not in frame.columns:
        missing.append(pl.lit(None, dtype=pl.Float64).alias("nik_number"))
    missing += [pl.lit("", dtype=pl.String).alias(col) for col in TEXT_INPUTS if col not in frame.columns]
    if "birth_date" not in frame.columns:
        missing.append(pl.lit(None, dtype=pl.Date).alias("birth_date"))
    return missing


def _messages(*, on: dt.date, age_min: int | None, age_max: int | None, age_basis: str) -> dict[str, pl.Expr]:
    """The catalogue message of every finding the stages flag, filled from the row's own columns."""
    category = _text("category")
    when = on.strftime("%d-%m-%Y")
    dmy = "%d-%m-%Y"
    district = nik_region(pl.col("_nik_compact"), DISTRICT)
    regency = nik_region(pl.col("_nik_compact"), REGENCY)
    messages: dict[str, pl.Expr] = {
        "nik_required": message("nik_required"),
        "nik_lost_digits": message("nik_lost_digits", value=pl.col("_nik_shown")),
        "nik_not_digits": message(
            "nik_not_digits",
            chars=pl.col("_nik_compact").str.extract_all("[^0-9]").list.unique().list.sort().list.join(""),
        ),
        "nik_length": message("nik_length", length=pl.col("_nik_length")),
        "nik_region_unknown": message("nik_region_unknown", code=district),
        "nik_birth_date_invalid": message(
            "nik_birth_date_invalid", ddmmyy=pl.col("_nik_compact").str.slice(6, 6)
        ),
        "nik_serial_zero": message("nik_serial_zero"),
        "name_required": message("name_required"),
        "gender_mismatch": message(
            "gender_mismatch", given=pl.col("_given_gender"), from_nik=pl.col("_nik_gender")
        ),
        "gender_required": message("gender_required"),
        "birth_date_mismatch": message(
            "birth_date_mismatch",
            given=pl.col("birth_date").dt.strftime(dmy),
            from_nik=pl.col("_nik_birth").dt.strftime(dmy),
        ),
        "birth_date_required": message("birth_date_required"),
        "age_below_min": message(
            "age_below_min", age=pl.col("_age"), on=when, limit=age_min, basis=age_basis
        ),
        "age_above_max": message(
            "age_above_max", age=pl.col("_age"), on=when, limit=age_max, basis=age_basis
        ),
        "village_required": message("village_required"),
        "village_unknown": message("village_unknown", code=pl.col("village_final")),
        "domicile_outside_nik_regency": message(
            "domicile_outside_nik_regency", village=pl.col("village_final"), nik_regency=regency
        ),
        "kk_malformed": message("kk_malformed", value=_text("kk_number")),
        "kpj_malformed": message("kpj_malformed", value=_text("kpj")),
        "phone_invalid": message("phone_invalid", value=_text("phone")),
        "occupation_required": message("occupation_required"),
        "occupation_too_many": message("occupation_too_many", count=pl.col("_occupation_count")),
        "category_unknown": message("category_unknown", value=category),
    }
    return messages


def findings_from_flags(df: pl.DataFrame, messages: dict[str, pl.Expr]) -> pl.DataFrame:
    """The long findings table from boolean ``_f_<code>`` columns: one pass per code over its rows only."""
    parts = []
    for code, text in messages.items():
        hits = df.filter(pl.col(f"_f_{code}"))
        if hits.height:
            parts.append(
                hits.select(
                    pl.col("_row").cast(pl.Int64),
                    pl.lit(code).alias("code"),
                    pl.lit(KINDS[code].field).alias("field"),
                    text.alias("message"),
                )
            )
    if not parts:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    return pl.concat(parts)


def formula_findings(frame: pl.DataFrame) -> pl.DataFrame:
    """``people.validation.formula_findings`` for a whole file: names and addresses a spreadsheet would run as
    a formula, as warnings (long findings table, like ``registry_check``'s)."""
    flags, messages = [], {}
    for col, code in FORMULA_FIELDS.items():
        text = _strip(_text(col)) if col in frame.columns else pl.lit("")
        flags.append(
            (text.str.contains(FORMULA_PATTERN) & ~text.str.contains(PLAIN_NUMBER_PATTERN)).alias(
                f"_f_{code}"
            )
        )
        messages[code] = message(code)
    return findings_from_flags(frame.select("_row", *flags), messages)
