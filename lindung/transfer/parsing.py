"""From text cells to a person's values: which rows are data, and what each cell means.

Everything is a Polars expression over whole columns; nothing here loops over rows in Python. What one cell
means is in ``cells`` (dates, incomes, RT/RW, village codes) and ``vocabulary`` (the words offices write).

- Rows that are not people are *skipped* and listed: blank rows (a pre-numbered "No" column or a template's
  village code alone counts as blank), totals rows ("JUMLAH 48 ORANG"), the "(1) (2) (3)" column-number row
  under a header, a header repeated at a page break, and the signature block below a totals row.
- Gender, category and wage status accept the words offices write; anything else is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from lindung.people.names import normalize_name_expr

from .cells import JUNK, clean, collapse, income, key, number_part, parse_date, rt_rw_parts, stripped, village
from .checks import ENGINE, FINDINGS_SCHEMA, PY_WHITESPACE, findings_from_flags, message
from .columns import columns_for, header_key
from .vocabulary import GENDERS, WAGE_STATUSES, category_codes

__all__ = ["Parsed", "category_codes", "classify", "clean", "parse_date", "parse_rows", "stripped"]

SKIP_BLANK = "Baris kosong"
SKIP_TOTAL = "Baris jumlah/total"
SKIP_NUMBERING = "Baris nomor kolom"
SKIP_HEADER = "Judul kolom berulang"
SKIP_BELOW = "Catatan di bawah baris jumlah (bukan data pekerja)"
NIK_LIKE = r"[0-9](?:[^0-9]*[0-9]){9}"
OCCUPATIONS = ("occupation_1", "occupation_2", "occupation_3")
# Text fields with a length limit, and the column holding the text the limit applies to.
LIMITED = {
    "full_name": "full_name_clean",
    "birth_place": "birth_place",
    "address": "address",
    "occupation_1": "occupation_1",
    "occupation_2": "occupation_2",
    "occupation_3": "occupation_3",
    "email": "_email_text",
}


@dataclass
class Parsed:
    """What ``parse_rows`` makes of a table: every data row once, with its skip reason or its values."""

    rows: pl.DataFrame  # _row, _skip (reason or null), the WorkerInput-shaped columns and the extra fields
    findings: pl.DataFrame  # long: _row, code, field, message — problems only a file can have
    headers: list[str]


def _field_exprs(mapping: dict[int, str]) -> dict[str, pl.Expr]:
    return {f: pl.col(f"c{i}") for i, f in mapping.items()}


def classify(raw: pl.DataFrame, mapping: dict[int, str], headers: list[str]) -> pl.Expr:
    """The skip reason of each row, or null for a data row."""
    text_cols = [c for c in raw.columns if c.startswith("c")]
    # A pre-numbered "No" column, or a village code filled down a template, does not make a row data.
    filler = {f"c{i}" for i, f in mapping.items() if f in ("row_no", "village_code")}
    cells = {c: stripped(pl.col(c)) for c in text_cols}
    content = [cells[c] for c in text_cols if c not in filler]
    blank = pl.all_horizontal([c == "" for c in content]) if content else pl.lit(True)
    nik_cols = [f"c{i}" for i, f in mapping.items() if f == "nik"]
    nik_like = cells[nik_cols[0]].str.contains(r"[0-9](?:[^0-9]*[0-9]){9}") if nik_cols else pl.lit(False)
    total = pl.any_horizontal(
        [c.str.contains(r"(?i)^(jumlah|total|jml|sub ?total|grand ?total)\b") for c in cells.values()]
    )
    total = total & ~nik_like
    filled = pl.sum_horizontal([(c != "").cast(pl.Int32) for c in cells.values()])
    small_numbers = pl.all_horizontal(
        [(c == "") | c.str.contains(r"^\(?[0-9]{1,2}\)?\.?$") for c in cells.values()]
    )
    numbering = (filled >= 3) & small_numbers
    keys = {f"c{i}": header_key(headers[i]) for i, f in mapping.items() if f != "row_no" and i < len(headers)}
    same_as_header = pl.sum_horizontal(
        [
            (
                cells[c]
                .str.to_uppercase()
                .str.replace_all(r"\(.*?\)|\[.*?\]", "")
                .str.replace_all("[^A-Z0-9]", "")
                == k
            ).cast(pl.Int32)
            for c, k in keys.items()
            if k
        ]
        or [pl.lit(0)]
    )
    repeated_header = same_as_header >= 2
    below_total = (total.cast(pl.Int32).cum_sum() - total.cast(pl.Int32)) > 0
    return (
        pl.when(blank)
        .then(pl.lit(SKIP_BLANK))
        .when(total)
        .then(pl.lit(SKIP_TOTAL))
        .when(numbering)
        .then(pl.lit(SKIP_NUMBERING))
        .when(repeated_header)
        .then(pl.lit(SKIP_HEADER))
        .when(below_total & ~nik_like)
        .then(pl.lit(SKIP_BELOW))
    )


def _by_value(frame: pl.DataFrame, column: str, outputs: dict[str, pl.Expr]) -> pl.DataFrame:
    """``outputs`` (expressions over ``pl.col(column)``) computed once per distinct value of ``column`` and
    joined back: birth dates, villages, categories and the like repeat thousands of times in a file, so
    parsing each distinct text once is most of the speed. The join is made on the one column and the results
    attached, so the wide frame is never copied; a column with one value (often: not in the file) needs none."""
    distinct = frame.lazy().select(pl.col(column).unique()).with_columns(**outputs).collect(engine=ENGINE)
    if distinct.height == 1:
        return frame.with_columns(
            [
                pl.lit(distinct.get_column(name)[0], dtype=distinct.schema[name]).alias(name)
                for name in outputs
            ]
        )
    mapped = frame.select(column).join(
        distinct, on=column, how="left", nulls_equal=True, maintain_order="left"
    )
    return frame.with_columns([mapped.get_column(name) for name in outputs])


def _trim(body: pl.DataFrame, text_cols: list[str], nik_like: pl.Expr) -> pl.DataFrame:
    """Drop the empty rows a sheet reports below its data. Only rows after the last NIK-like row can be
    that, so only those are looked at cell by cell."""
    last_nik = body.lazy().select(pl.arg_where(nik_like).max()).collect(engine=ENGINE).item()
    start = 0 if last_nik is None else last_nik + 1
    tail = body.slice(start)
    has_content = pl.any_horizontal([stripped(pl.col(c)) != "" for c in text_cols])
    last = tail.lazy().select(pl.arg_where(has_content).max()).collect(engine=ENGINE).item()
    return body.head(start + (0 if last is None else last + 1))


def parse_rows(
    table: pl.DataFrame, mapping: dict[int, str], *, village_code: str = "", kind: str = "workers"
) -> Parsed:
    """Skip reasons, typed values and file-only findings for every data row below the header."""
    headers = [
        ("" if v is None else str(v)) for v in table.row(0)[: sum(c.startswith("c") for c in table.columns)]
    ]
    text_cols = [c for c in table.columns if c.startswith("c")]
    f = _field_exprs(mapping)
    nik_like = f["nik"].str.contains(NIK_LIKE).fill_null(False) if "nik" in f else pl.lit(False)
    body = _trim(table.slice(1), text_cols, nik_like)

    # Rows with a NIK-like cell are data whatever else they hold; only the others can be skipped.
    odd = body.filter(~nik_like)
    skips = odd.lazy().select("_row", classify(odd, mapping, headers).alias("_skip")).collect(engine=ENGINE)
    if kind != "workers":
        fields = [stripped(e).alias(k) for k, e in f.items() if k != "row_no"]
        rows = body.lazy().select("_row", *fields).collect(engine=ENGINE)
        return Parsed(rows.join(skips, on="_row", how="left", maintain_order="left"), _no_findings(), headers)

    rows = _cell_texts(body, mapping)
    del body
    rows = rows.join(skips, on="_row", how="left", maintain_order="left")
    rows = _meanings(rows, village_code=village_code)
    # Findings belong to data rows only.
    findings = _file_findings(rows).join(skips.filter(pl.col("_skip").is_not_null()), on="_row", how="anti")
    return Parsed(rows, findings, headers)


def _cell_texts(body: pl.DataFrame, mapping: dict[int, str]) -> pl.DataFrame:
    """Every mapped cell once, as text: raw where the registry keeps it as typed, else stripped."""
    # Control characters are removed only from the columns that have any: the check is cheap, the copy not.
    dirty = body.select([pl.col(f"c{i}").str.contains(JUNK).any() for i in mapping]).row(0)
    cleaned = {
        k: pl.col(f"c{i}").fill_null("").str.replace_all(JUNK, "") if junk else pl.col(f"c{i}").fill_null("")
        for (i, k), junk in zip(mapping.items(), dirty, strict=True)
    }

    def raw_of(k: str) -> pl.Expr:
        return cleaned.get(k, pl.lit(""))

    def get(k: str) -> pl.Expr:
        return raw_of(k).str.strip_chars(PY_WHITESPACE) if k in cleaned else pl.lit("")

    def is_number(field: str) -> pl.Expr:
        index = next((i for i, k in mapping.items() if k == field), None)
        return pl.col(f"_num{index}") if f"_num{index}" in body.columns else pl.lit(False)

    place, birth_text = _place_and_birth(get, "birth_place_date" in cleaned)
    rt_columns = (
        [get("rt_rw").alias("_rt_rw_text")]
        if "rt_rw" in cleaned and "rt" not in cleaned
        else [get("rt").alias("_rt_text"), get("rw").alias("_rw_text")]
    )
    return (
        body.lazy()
        .select(
            "_row",
            raw_of("nik").alias("nik"),
            pl.when(is_number("nik")).then(get("nik").cast(pl.Float64, strict=False)).alias("nik_number"),
            raw_of("full_name").alias("full_name"),
            collapse(get("full_name")).alias("full_name_clean"),
            birth_text.alias("_birth_text"),
            place.alias("_place_text"),
            get("gender").alias("_gender_text"),
            get("village_code").alias("_village_text"),
            collapse(get("address")).alias("address"),
            *rt_columns,
            raw_of("phone").alias("phone"),
            get("email").alias("_email_text"),
            *[get(k).alias(f"_{k}_text") for k in OCCUPATIONS],
            get("category").alias("_category_text"),
            get("wage_status").alias("_wage_text"),
            get("fixed_income").alias("_income_text"),
            _kk_value(raw_of("kk_number"), is_number("kk_number")).alias("kk_number"),
            raw_of("kpj").alias("kpj"),
        )
        .collect(engine=ENGINE)
    )


def _kk_value(kk_raw: pl.Expr, kk_is_number: pl.Expr) -> pl.Expr:
    # A KK number cell is shown as Python shows a float, so that it fails the 16-digit rule instead of
    # passing with its lost last digit.
    return (
        pl.when(kk_is_number & ~kk_raw.str.contains(r"[.eE]"))
        .then(pl.concat_str([kk_raw, pl.lit(".0")]))
        .otherwise(kk_raw)
    )


def _place_and_birth(get: Callable[[str], pl.Expr], combined: bool) -> tuple[pl.Expr, pl.Expr]:
    """Birth place and date text; a "Kapuas, 17-08-1985" column fills whichever of the two is empty."""
    birth_text = get("birth_date")
    place = get("birth_place")
    if not combined:
        return place, birth_text
    both = get("birth_place_date")
    split = both.str.extract_groups(r"^(.*?)[,/]?\s*(\d{1,2}[-/. ].+|\d{4}-\d{2}-\d{2}.*|\d{4,6})$")
    place = (
        pl.when(place == "")
        .then(split.struct.field("1").str.strip_chars(PY_WHITESPACE + ",/"))
        .otherwise(place)
    )
    birth_text = (
        pl.when(birth_text == "").then(pl.coalesce(split.struct.field("2"), both)).otherwise(birth_text)
    )
    return place, birth_text


def _meanings(rows: pl.DataFrame, *, village_code: str) -> pl.DataFrame:
    """What each distinct text means, worked out once per distinct text and joined back."""
    text = pl.col
    gender = (
        text("_gender_text")
        .str.to_uppercase()
        .str.replace_all("[^A-Z]", "")
        .replace_strict(GENDERS, default=None)
    )
    wage_key = text("_wage_text").str.to_uppercase().str.replace_all("[^A-Z]", "")
    wage = (
        pl.when(wage_key == "")
        .then(pl.lit("BPU"))
        .otherwise(wage_key.replace_strict(WAGE_STATUSES, default=None))
    )
    amount = income(text("_income_text"))
    category = text("_category_text")
    codes = category_codes()
    rows = _by_value(rows, "_birth_text", {"birth_date": parse_date(text("_birth_text"))})
    rows = _by_value(
        rows,
        "_gender_text",
        {
            "gender": gender.fill_null(""),
            "_f_gender_unreadable": (text("_gender_text") != "") & gender.is_null(),
        },
    )
    rows = _by_value(
        rows,
        "_wage_text",
        {"wage_status": wage.fill_null(""), "_f_wage_status_unknown": (wage_key != "") & wage.is_null()},
    )
    rows = _by_value(
        rows,
        "_income_text",
        {"fixed_income": amount, "_f_income_unreadable": (text("_income_text") != "") & amount.is_null()},
    )
    rows = _by_value(
        rows,
        "_category_text",
        {
            "category": pl.when(category == "")
            .then(pl.lit(""))
            .otherwise(key(category).replace_strict(codes, default=category))
        },
    )
    rows = _by_value(rows, "_village_text", {"village_code": village(text("_village_text"), village_code)})
    rows = _by_value(rows, "_place_text", {"birth_place": collapse(text("_place_text"))})
    for k in OCCUPATIONS:
        rows = _by_value(rows, f"_{k}_text", {k: collapse(text(f"_{k}_text"))})
    rows = _rt_rw(rows)
    email_ok = text("_email_text").str.contains(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    return rows.with_columns(
        normalize_name_expr(pl.col("full_name_clean")).alias("name_normalized"),
        ((pl.col("_birth_text") != "") & pl.col("birth_date").is_null()).alias("_f_birth_date_unreadable"),
        pl.when(email_ok).then(text("_email_text")).otherwise(pl.lit("")).alias("email"),
        ((text("_email_text") != "") & ~email_ok).alias("_f_email_invalid"),
    )


def _rt_rw(rows: pl.DataFrame) -> pl.DataFrame:
    """RT and RW from one combined column, or from two."""
    if "_rt_rw_text" in rows.columns:
        return _by_value(rows, "_rt_rw_text", rt_rw_parts(pl.col("_rt_rw_text")))
    rows = _by_value(rows, "_rt_text", number_part(pl.col("_rt_text"), "rt"))
    rows = _by_value(rows, "_rw_text", number_part(pl.col("_rw_text"), "rw"))
    return rows.with_columns(
        (pl.col("_rt_bad") | pl.col("_rw_bad")).alias("_f_rt_rw_unreadable"),
        pl.concat_str([pl.col("_rt_text"), pl.col("_rw_text")], separator="/").alias("_rt_rw_text"),
    )


def _file_findings(rows: pl.DataFrame) -> pl.DataFrame:
    """Cells that could not be read, and texts longer than the registry keeps."""
    flags = {
        "birth_date_unreadable": message("birth_date_unreadable", value=pl.col("_birth_text")),
        "gender_unreadable": message("gender_unreadable", value=pl.col("_gender_text")),
        "wage_status_unknown": message("wage_status_unknown", value=pl.col("_wage_text")),
        "income_unreadable": message("income_unreadable", value=pl.col("_income_text")),
        "rt_rw_unreadable": message("rt_rw_unreadable", value=pl.col("_rt_rw_text")),
        "email_invalid": message("email_invalid", value=pl.col("_email_text")),
    }
    parts = [findings_from_flags(rows, flags)]
    columns = columns_for("workers")
    too_long = rows.select(
        "_row", *[pl.col(source).str.len_chars().alias(k) for k, source in LIMITED.items()]
    ).filter(pl.any_horizontal([pl.col(k) > columns[k].max_length for k in LIMITED]))
    for k in LIMITED:
        limit = columns[k].max_length
        long = too_long.filter(pl.col(k) > limit)
        if long.height:
            parts.append(
                long.select(
                    pl.col("_row").cast(pl.Int64),
                    pl.lit("text_too_long").alias("code"),
                    pl.lit(k).alias("field"),
                    message("text_too_long", length=pl.col(k), limit=limit).alias("message"),
                )
            )
    return pl.concat(parts)


def _no_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDINGS_SCHEMA)
