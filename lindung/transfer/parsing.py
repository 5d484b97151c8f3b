"""From text cells to a person's values: which rows are data, and what each cell means.

Everything is a Polars expression over whole columns; nothing here loops over rows in Python.

- Rows that are not people are *skipped* and listed: blank rows (a pre-numbered "No" column or a template's
  village code alone counts as blank), totals rows ("JUMLAH 48 ORANG"), the "(1) (2) (3)" column-number row under a header, a header
  repeated at a page break, and the signature block below a totals row.
- Dates are read from date cells, spreadsheet serial numbers, 17-08-1985, 17/08/1985, 17.08.1985,
  1985-08-17 and 17 Agustus 1985 (Indonesian or English month names, full or short). Two-digit years are
  refused: the century is never guessed.
- Gender, category and wage status accept the words offices write; anything else is reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from lindung.people.models import Category
from lindung.people.names import normalize_name_expr

from .checks import ENGINE, FINDINGS_SCHEMA, PY_WHITESPACE, findings_from_flags, message
from .columns import columns_for, header_key

_WS = "".join(f"\\x{{{ord(c):x}}}" for c in PY_WHITESPACE)
_JUNK = r"[\x00-\x08\x0e-\x1b\x7f]"
EXCEL_EPOCH = dt.date(1899, 12, 30)

MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "peb": 2,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "agust": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "nop": 11,
    "november": 11,
    "nopember": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
}

GENDERS = {
    "L": "L",
    "LK": "L",
    "LAKI": "L",
    "LAKILAKI": "L",
    "PRIA": "L",
    "M": "L",
    "MALE": "L",
    "P": "P",
    "PR": "P",
    "PEREMPUAN": "P",
    "WANITA": "P",
    "W": "P",
    "F": "P",
    "FEMALE": "P",
}

WAGE_STATUSES = {"BPU": "BPU", "BUKANPENERIMAUPAH": "BPU", "PU": "PU", "PENERIMAUPAH": "PU"}

# Words offices write for a category, by normalised key (lower case, letters and digits only).
CATEGORY_WORDS = {
    "rt": "rt_rw",
    "rw": "rt_rw",
    "rtrw": "rt_rw",
    "ketuart": "rt_rw",
    "ketuarw": "rt_rw",
    "ketuartrw": "rt_rw",
    "kades": "kepala_desa",
    "kepaladesa": "kepala_desa",
    "kepalakampung": "kepala_desa",
    "lurah": "kepala_desa",
    "perangkat": "perangkat_desa",
    "perangkatdesa": "perangkat_desa",
    "sekdes": "perangkat_desa",
    "sekretarisdesa": "perangkat_desa",
    "kaur": "perangkat_desa",
    "kasi": "perangkat_desa",
    "kadus": "perangkat_desa",
    "kepaladusun": "perangkat_desa",
    "stafdesa": "perangkat_desa",
    "bpd": "bpd",
    "anggotabpd": "bpd",
    "lkd": "lkd",
    "lpm": "lkd",
    "penguruslkd": "lkd",
    "kader": "kader_linmas",
    "kaderposyandu": "kader_linmas",
    "posyandu": "kader_linmas",
    "linmas": "kader_linmas",
    "kaderposyandulinmas": "kader_linmas",
    "gurungaji": "keagamaan",
    "marbot": "keagamaan",
    "imam": "keagamaan",
    "imammasjid": "keagamaan",
    "gurungajimarbot": "keagamaan",
    "pekerjasosialkeagamaan": "keagamaan",
    "pengurusmasjid": "keagamaan",
    "pemukaagama": "keagamaan",
    "penyuluhagama": "keagamaan",
    "tokohadat": "tokoh_adat",
    "damang": "tokoh_adat",
    "mantir": "tokoh_adat",
    "mantiradat": "tokoh_adat",
    "kelianbanjar": "tokoh_adat",
    "pemangku": "tokoh_adat",
    "pekaseh": "tokoh_adat",
    "pendamping": "pendamping_desa",
    "pendampingdesa": "pendamping_desa",
    "tenagakontrak": "tenaga_kontrak",
    "honorer": "tenaga_kontrak",
    "pekerjaproyek": "proyek_pemerintah",
    "proyekpemerintah": "proyek_pemerintah",
    "pekerjaproyekpemerintah": "proyek_pemerintah",
    "sawit": "petani_sawit",
    "petanisawit": "petani_sawit",
    "pekebunsawit": "petani_sawit",
    "buruhsawit": "petani_sawit",
    "nelayan": "nelayan",
    "buruh": "buruh_harian",
    "buruhtani": "buruh_harian",
    "buruhharian": "buruh_harian",
    "buruhharianlepas": "buruh_harian",
    "petani": "buruh_harian",
    "pedagang": "pedagang_kecil",
    "pedagangkecil": "pedagang_kecil",
    "pkl": "pedagang_kecil",
    "ojek": "transportasi",
    "ojol": "transportasi",
    "pengemudi": "transportasi",
    "sopir": "transportasi",
    "supir": "transportasi",
    "kurir": "transportasi",
    "pengemudiojekkurir": "transportasi",
    "informal": "informal_lain",
    "lainnya": "informal_lain",
    "pekerjainformallainnya": "informal_lain",
}

SKIP_BLANK = "Baris kosong"
SKIP_TOTAL = "Baris jumlah/total"
SKIP_NUMBERING = "Baris nomor kolom"
SKIP_HEADER = "Judul kolom berulang"
SKIP_BELOW = "Catatan di bawah baris jumlah (bukan data pekerja)"


def _key(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


def category_codes() -> dict[str, str]:
    """Normalised word → category code: the codes themselves, their labels, and the words above."""
    words = {}
    for code, label in Category.choices:
        words[code.replace("_", "")] = code
        words["".join(ch for ch in str(label).lower() if ch.isalnum())] = code
    return words | CATEGORY_WORDS


@dataclass
class Parsed:
    """What ``parse_rows`` makes of a table: every data row once, with its skip reason or its values."""

    rows: pl.DataFrame  # _row, _skip (reason or null), the WorkerInput-shaped columns and the extra fields
    findings: pl.DataFrame  # long: _row, code, field, message — problems only a file can have
    headers: list[str]


def clean(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).fill_null("").str.replace_all(_JUNK, "")


def stripped(expr: pl.Expr) -> pl.Expr:
    return clean(expr).str.strip_chars(PY_WHITESPACE)


def parse_date(text: pl.Expr) -> pl.Expr:
    """A birth date from any of the forms offices use; null when it cannot be read without guessing."""
    s = text.str.strip_chars(PY_WHITESPACE).str.replace_all(f"[{_WS}]+", " ")
    # A date cell, which calamine writes as ISO, with or without the time.
    iso = s.str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)?$", 1).str.to_date(
        "%Y-%m-%d", strict=False
    )
    typed_iso = s.str.replace_all("/", "-").str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})$", 1)
    dmy = s.str.extract_groups(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
    named = s.str.extract_groups(r"^(\d{1,2})[ \-/.]+([A-Za-z]+)\.?[ \-/.,]+(\d{4})$")
    month = (
        named.struct.field("2").str.to_lowercase().replace_strict(MONTHS, default=None, return_dtype=pl.Int32)
    )

    def ymd(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
        return pl.concat_str(
            [year, month.cast(pl.String).str.zfill(2), day.cast(pl.String).str.zfill(2)], separator="-"
        ).str.to_date("%Y-%m-%d", strict=False)

    # A serial number: days since 30-12-1899 in the 1900 date system. A lone 4-digit year 1900-2100 is not
    # a serial but a year without day and month, which cannot be read without guessing.
    serial = s.str.extract(r"^(\d{1,6})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    year_only = (serial >= 1900) & (serial <= 2100)
    from_serial = pl.when(serial.is_not_null() & ~year_only & (serial >= 61) & (serial <= 73_415)).then(
        pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)
    )
    typed = typed_iso.str.split("-")
    return pl.coalesce(
        iso,
        ymd(
            typed.list.get(0, null_on_oob=True),
            typed.list.get(1, null_on_oob=True),
            typed.list.get(2, null_on_oob=True),
        ),
        ymd(dmy.struct.field("3"), dmy.struct.field("2"), dmy.struct.field("1")),
        ymd(named.struct.field("3"), month, named.struct.field("1")),
        from_serial.cast(pl.Date),
    )


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


def _village(s: pl.Expr, default: str) -> pl.Expr:
    """A village code as typed (stripped), dotted when written as ten digits; the upload's village when empty."""
    dotted = s.str.replace(r"^(\d{2})(\d{2})(\d{2})(\d{4})$", "$1.$2.$3.$4")
    return pl.when(s == "").then(pl.lit(default or "")).otherwise(dotted)


def _rt_rw_parts(text: pl.Expr) -> dict[str, pl.Expr]:
    """One "003/001" (or "RT 3 RW 1") cell → RT, RW (three digits) and whether it could not be read."""
    parts = text.str.extract_groups(r"^(?:RT\.?\s*)?(\d{1,3})\s*[/\-.,\s]\s*(?:RW\.?\s*)?(\d{1,3})$")
    return {
        "rt": parts.struct.field("1").str.zfill(3).fill_null(""),
        "rw": parts.struct.field("2").str.zfill(3).fill_null(""),
        "_f_rt_rw_unreadable": (text != "") & parts.struct.field("1").is_null(),
    }


def _number_part(text: pl.Expr, name: str) -> dict[str, pl.Expr]:
    """One RT or RW cell: up to three digits, zero-padded; anything else is unreadable."""
    ok = text.str.contains(r"^\d{1,3}$")
    return {
        name: pl.when(ok).then(text.str.zfill(3)).otherwise(pl.lit("")),
        f"_{name}_bad": (text != "") & ~ok,
    }


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
    ten_digits = r"[0-9](?:[^0-9]*[0-9]){9}"
    nik_like = f["nik"].str.contains(ten_digits).fill_null(False) if "nik" in f else pl.lit(False)
    body = _trim(table.slice(1), text_cols, nik_like)

    # Rows with a NIK-like cell are data whatever else they hold; only the others can be skipped.
    odd = body.filter(~nik_like)
    skips = odd.lazy().select("_row", classify(odd, mapping, headers).alias("_skip")).collect(engine=ENGINE)
    if kind != "workers":
        fields = [stripped(e).alias(k) for k, e in f.items() if k != "row_no"]
        rows = body.lazy().select("_row", *fields).collect(engine=ENGINE)
        return Parsed(rows.join(skips, on="_row", how="left", maintain_order="left"), _no_findings(), headers)

    columns = columns_for("workers")
    # Control characters are removed only from the columns that have any: the check is cheap, the copy not.
    dirty = body.select([pl.col(f"c{i}").str.contains(_JUNK).any() for i in mapping]).row(0)
    cleaned = {
        k: pl.col(f"c{i}").fill_null("").str.replace_all(_JUNK, "") if junk else pl.col(f"c{i}").fill_null("")
        for (i, k), junk in zip(mapping.items(), dirty, strict=True)
    }
    raw_of = lambda k: cleaned.get(k, pl.lit(""))  # noqa: E731
    get = lambda k: raw_of(k).str.strip_chars(PY_WHITESPACE) if k in cleaned else pl.lit("")  # noqa: E731

    nik_i = next((i for i, k in mapping.items() if k == "nik"), None)
    kk_i = next((i for i, k in mapping.items() if k == "kk_number"), None)
    nik_is_number = pl.col(f"_num{nik_i}") if f"_num{nik_i}" in body.columns else pl.lit(False)
    kk_is_number = pl.col(f"_num{kk_i}") if f"_num{kk_i}" in body.columns else pl.lit(False)
    kk_raw = raw_of("kk_number")
    # A KK number cell is shown as Python shows a float, so that it fails the 16-digit rule instead of
    # passing with its lost last digit.
    kk_value = (
        pl.when(kk_is_number & ~kk_raw.str.contains(r"[.eE]"))
        .then(pl.concat_str([kk_raw, pl.lit(".0")]))
        .otherwise(kk_raw)
    )
    birth_text = get("birth_date")
    place = get("birth_place")
    if "birth_place_date" in cleaned:
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
    combined_rt_rw = "rt_rw" in cleaned and "rt" not in cleaned
    rt_columns = (
        [get("rt_rw").alias("_rt_rw_text")]
        if combined_rt_rw
        else [get("rt").alias("_rt_text"), get("rw").alias("_rw_text")]
    )

    # 1. Every mapped cell once, as text.
    rows = (
        body.lazy()
        .select(
            "_row",
            raw_of("nik").alias("nik"),
            pl.when(nik_is_number).then(get("nik").cast(pl.Float64, strict=False)).alias("nik_number"),
            raw_of("full_name").alias("full_name"),
            _collapse(get("full_name")).alias("full_name_clean"),
            birth_text.alias("_birth_text"),
            place.alias("_place_text"),
            get("gender").alias("_gender_text"),
            get("village_code").alias("_village_text"),
            _collapse(get("address")).alias("address"),
            *rt_columns,
            raw_of("phone").alias("phone"),
            get("email").alias("_email_text"),
            *[get(k).alias(f"_{k}_text") for k in ("occupation_1", "occupation_2", "occupation_3")],
            get("category").alias("_category_text"),
            get("wage_status").alias("_wage_text"),
            get("fixed_income").alias("_income_text"),
            kk_value.alias("kk_number"),
            raw_of("kpj").alias("kpj"),
        )
        .collect(engine=ENGINE)
    )
    del body
    rows = rows.join(skips, on="_row", how="left", maintain_order="left")

    # 2. What each distinct text means, once per distinct text.
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
    income = _income(text("_income_text"))
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
        {"fixed_income": income, "_f_income_unreadable": (text("_income_text") != "") & income.is_null()},
    )
    rows = _by_value(
        rows,
        "_category_text",
        {
            "category": pl.when(category == "")
            .then(pl.lit(""))
            .otherwise(_key(category).replace_strict(codes, default=category))
        },
    )
    rows = _by_value(rows, "_village_text", {"village_code": _village(text("_village_text"), village_code)})
    rows = _by_value(rows, "_place_text", {"birth_place": _collapse(text("_place_text"))})
    for k in ("occupation_1", "occupation_2", "occupation_3"):
        rows = _by_value(rows, f"_{k}_text", {k: _collapse(text(f"_{k}_text"))})
    if combined_rt_rw:
        rows = _by_value(rows, "_rt_rw_text", _rt_rw_parts(text("_rt_rw_text")))
    else:
        rows = _by_value(rows, "_rt_text", _number_part(text("_rt_text"), "rt"))
        rows = _by_value(rows, "_rw_text", _number_part(text("_rw_text"), "rw"))
        rows = rows.with_columns(
            (pl.col("_rt_bad") | pl.col("_rw_bad")).alias("_f_rt_rw_unreadable"),
            pl.concat_str([pl.col("_rt_text"), pl.col("_rw_text")], separator="/").alias("_rt_rw_text"),
        )
    email_ok = text("_email_text").str.contains(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    rows = rows.with_columns(
        normalize_name_expr(pl.col("full_name_clean")).alias("name_normalized"),
        ((pl.col("_birth_text") != "") & pl.col("birth_date").is_null()).alias("_f_birth_date_unreadable"),
        pl.when(email_ok).then(text("_email_text")).otherwise(pl.lit("")).alias("email"),
        ((text("_email_text") != "") & ~email_ok).alias("_f_email_invalid"),
    )

    flags = {
        "birth_date_unreadable": message("birth_date_unreadable", value=pl.col("_birth_text")),
        "gender_unreadable": message("gender_unreadable", value=pl.col("_gender_text")),
        "wage_status_unknown": message("wage_status_unknown", value=pl.col("_wage_text")),
        "income_unreadable": message("income_unreadable", value=pl.col("_income_text")),
        "rt_rw_unreadable": message("rt_rw_unreadable", value=pl.col("_rt_rw_text")),
        "email_invalid": message("email_invalid", value=pl.col("_email_text")),
    }
    parts = [findings_from_flags(rows, flags)]
    lengths = {
        key: ("full_name_clean" if key == "full_name" else ("_email_text" if key == "email" else key))
        for key in (
            "full_name",
            "birth_place",
            "address",
            "occupation_1",
            "occupation_2",
            "occupation_3",
            "email",
        )
    }
    too_long = rows.select(
        "_row", *[pl.col(source).str.len_chars().alias(key) for key, source in lengths.items()]
    ).filter(pl.any_horizontal([pl.col(k) > columns[k].max_length for k in lengths]))
    for key in lengths:
        limit = columns[key].max_length
        long = too_long.filter(pl.col(key) > limit)
        if long.height:
            parts.append(
                long.select(
                    pl.col("_row").cast(pl.Int64),
                    pl.lit("text_too_long").alias("code"),
                    pl.lit(key).alias("field"),
                    message("text_too_long", length=pl.col(key), limit=limit).alias("message"),
                )
            )
    # Findings belong to data rows only.
    findings = pl.concat(parts).join(skips.filter(pl.col("_skip").is_not_null()), on="_row", how="anti")
    return Parsed(rows, findings, headers)


def _collapse(text: pl.Expr) -> pl.Expr:
    """White space runs to one space, as " ".join(s.split()) does; most cells need nothing, so only the ones
    that do are rewritten."""
    needs = text.str.contains(
        f"[{_WS}]{{2,}}|[\\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    )
    return pl.when(needs).then(text.str.replace_all(f"[{_WS}]+", " ")).otherwise(text)


def _no_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDINGS_SCHEMA)


def _income(text: pl.Expr) -> pl.Expr:
    """ "Rp 2.000.000", "2,000,000", "2000000,00" → 2000000; anything else null."""
    digits = (
        text.str.replace(r"(?i)^rp\.?\s*", "")
        .str.replace(r",00$|,-$|\.-$", "")
        .str.replace_all(r"[.,\s]", "")
    )
    return pl.when(digits.str.contains(r"^\d{1,13}$")).then(digits.cast(pl.Int64, strict=False))
