"""The vectorised registry checks agree with ``people.checks.check_worker`` on every row of a tricky corpus."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lindung.people.checks import WorkerInput, check_worker
from lindung.people.findings import KINDS
from lindung.people.models import Worker
from lindung.people.validation import formula_findings as scalar
from lindung.transfer.checks import JS_WHITESPACE, PY_WHITESPACE, RegionCodes, registry_check
from lindung.transfer.checks import formula_findings as vector_formula_findings
from tests.people.builders import PULAU_MAMBULAU, make_nik

from .builders import Number, csv_bytes, ods_bytes, outcome, person, run, sheet_rows, xls_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
NIK = make_nik()
WOMAN = make_nik(birth=dt.date(1990, 3, 5), gender="P", serial=7)

# Each entry overrides a valid base row. Together they reach every finding check_worker can give.
CORPUS: list[dict] = [
    {},
    {"nik": "6203 1717 0885 0001"},
    {"nik": "6203.1717.0885.0001"},
    {"nik": " 6203171708850001 "},
    {"nik": "\u00a06203171708850001\u3000"},
    {"nik": "6203-1717-0885-0001"},
    {"nik": "620317170885001"},
    {"nik": "62031717088500011"},
    {"nik": "62"},
    {"nik": ""},
    {"nik": None},
    {"nik": "   "},
    {"nik": "62O317170885000I"},
    {"nik": "NIK belum ada"},
    {"nik": "6.20317170885e+15"},
    {"nik": "6,20317E+15"},
    {"nik": "6.20317170885E15"},
    {"nik": "6203171708850000.0"},
    {"nik": "6203171708850001.0"},
    {"nik": "0006203171708850001,00"},
    {"nik": "1234567890.0"},
    {"nik": 6.20317170885e15},
    {"nik": 6203171708850001.0},
    {"nik": 6203171708850010.0},
    {"nik": 12345.0},
    {"nik": 1.5},
    {"nik": 1e16},
    {"nik": "6203171708850010"},
    {"nik": "6203171708850000"},
    {"nik": "6203173208850001"},
    {"nik": "6203174008850001"},
    {"nik": "6203177208850001"},
    {"nik": "6203170008850001"},
    {"nik": "6203173111850001"},
    {"nik": "6203171713850001"},
    {"nik": "6203172902000001"},
    {"nik": "6203176902000001"},
    {"nik": "6203172902010001"},
    {"nik": "6203176902010001"},
    {"nik": "9901011708850001"},
    {"nik": "6203991708850001"},
    {"nik": "6200171708850001"},
    {"nik": "6203001708850001"},
    {"nik": "0000001708850000"},
    {"nik": "6271011708850001"},
    {"nik": WOMAN},
    {"nik": WOMAN, "gender": "L"},
    {"nik": WOMAN, "gender": "perempuan"},
    {"gender": "P"},
    {"gender": "laki-laki"},
    {"gender": " l "},
    {"gender": "X"},
    {"nik": "6203171713850001", "gender": ""},
    {"nik": "6203171713850001", "gender": "P", "birth_date": dt.date(1985, 8, 17)},
    {"birth_date": dt.date(1985, 8, 18)},
    {"birth_date": dt.date(1885, 8, 17)},
    {"nik": make_nik(birth=dt.date(1962, 1, 2)), "birth_date": dt.date(1962, 1, 2)},
    {"nik": make_nik(birth=dt.date(2010, 5, 1)), "birth_date": dt.date(2010, 5, 1)},
    {"nik": make_nik(birth=dt.date(1960, 11, 22))},
    {"nik": make_nik(birth=dt.date(1960, 11, 23))},
    {"nik": make_nik(birth=dt.date(1961, 11, 22))},
    {"nik": make_nik(birth=dt.date(2008, 11, 22))},
    {"nik": make_nik(birth=dt.date(2008, 11, 23))},
    {"nik": "6203171708850001", "birth_date": dt.date(2000, 2, 29)},
    {"nik": "bad", "birth_date": dt.date(1930, 1, 1)},
    {"full_name": ""},
    {"full_name": "  \t "},
    {"full_name": None},
    {"village_code": ""},
    {"village_code": "  "},
    {"village_code": "62.03.17"},
    {"village_code": "99.99.99.9999"},
    {"village_code": "6203172002"},
    {"village_code": "61.07.04.2003"},
    {"village_code": " 62.03.17.2002 "},
    {"kk_number": "6203171708850001"},
    {"kk_number": "6203 1717 0885 0001"},
    {"kk_number": "620317170885"},
    {"kk_number": "6203171708850000.0"},
    {"kk_number": "abc"},
    {"kpj": "12345678901"},
    {"kpj": "123.456.789.01"},
    {"kpj": "1234567890"},
    {"kpj": "KPJ12345678"},
    {"phone": "0812 3456 7890"},
    {"phone": "+62 812-3456-7890"},
    {"phone": "6281234567890"},
    {"phone": "81234567890"},
    {"phone": "(0536) 123456"},
    {"phone": "021 555 1234"},
    {"phone": "0812"},
    {"phone": "08123456789012345"},
    {"phone": "12345"},
    {"phone": "0812-ABC-7890"},
    {"phone": "62812"},
    {"phone": "+62 0812 3456 7890"},
    {"phone": "0000"},
    {"phone": "081234567"},
    {"phone": "0812345678"},
    {"phone": "0812345678901"},
    {"phone": "08123456789012"},
    {"phone": "0211234"},
    {"phone": "021123456"},
    {"phone": "02112345678901"},
    {"phone": "021123456789"},
    {"phone": "0112345678"},
    {"phone": "   "},
    {"phone": "\ufeff"},
    {"occupations": []},
    {"occupations": ["", "  "]},
    {"occupations": ["", "Petani"]},
    {"occupations": ["Nelayan", "Petani", "Buruh"]},
    {"category": ""},
    {"category": "rt_rw"},
    {"category": "Nelayan"},
    {"category": "ketua rt"},
    {"nik": "6203171708850000", "village_code": "62.03.17", "phone": "12", "kpj": "1", "full_name": ""},
]


def base(**overrides) -> dict:
    row = {
        "nik": NIK,
        "full_name": "Budi Santoso",
        "birth_date": None,
        "gender": "",
        "village_code": PULAU_MAMBULAU,
        "kk_number": "",
        "kpj": "",
        "phone": "",
        "occupations": ["Nelayan"],
        "category": "nelayan",
    }
    row.update(overrides)
    return row


def to_frame(rows: list[dict]) -> pl.DataFrame:
    def text(v):
        return None if v is None else str(v)

    return pl.DataFrame(
        {
            "_row": list(range(len(rows))),
            "nik": [v if isinstance(v, str) or v is None else repr(v) for v in (r["nik"] for r in rows)],
            "nik_number": [float(r["nik"]) if isinstance(r["nik"], float) else None for r in rows],
            "full_name": [text(r["full_name"]) for r in rows],
            "birth_date": [r["birth_date"] for r in rows],
            "gender": [r["gender"] for r in rows],
            "village_code": [r["village_code"] for r in rows],
            "kk_number": [r["kk_number"] for r in rows],
            "kpj": [r["kpj"] for r in rows],
            "phone": [r["phone"] for r in rows],
            "occupation_1": [(r["occupations"] + ["", "", ""])[0] for r in rows],
            "occupation_2": [(r["occupations"] + ["", "", ""])[1] for r in rows],
            "occupation_3": [(r["occupations"] + ["", "", ""])[2] for r in rows],
            "category": [r["category"] for r in rows],
        },
        schema_overrides={"birth_date": pl.Date, "nik_number": pl.Float64},
    )


@pytest.mark.parametrize(("age_min", "age_max"), [(18, 65), (None, 64), (21, None)])
def test_vectorised_checks_agree_with_check_worker_row_by_row(age_min, age_max):
    rows = [base(**o) for o in CORPUS]
    values, findings = registry_check(to_frame(rows), today=TODAY, age_min=age_min, age_max=age_max)
    vectorised = {
        r["_row"]: sorted(zip(r["code"], r["message"], strict=True))
        for r in findings.group_by("_row").agg("code", "message").to_dicts()
    }
    assert values.height == len(rows)
    values = dict(enumerate(values.to_dicts()))
    for i, row in enumerate(rows):
        checked = check_worker(WorkerInput(**row), today=TODAY, age_min=age_min, age_max=age_max)
        expected = sorted((f.code, f.message) for f in checked.findings)
        assert vectorised.get(i, []) == expected, (i, CORPUS[i])
        got = values[i]
        assert got["nik_digits"] == checked.nik, (i, CORPUS[i])
        assert (got["birth_date_final"], got["gender_final"]) == (checked.birth_date, checked.gender), i
        assert (got["kk_final"], got["kpj_final"], got["phone_final"]) == (
            checked.kk_number,
            checked.kpj,
            checked.phone,
        ), i
        assert [
            o for o in (got["occupation_1_final"], got["occupation_2_final"]) if o
        ] == checked.occupations[:2], i


def test_the_corpus_reaches_every_scalar_finding():
    rows = [base(**o) for o in CORPUS]
    reached = {f.code for row in rows for f in check_worker(WorkerInput(**row), today=TODAY).findings}
    scalar_codes = {
        "nik_required",
        "nik_lost_digits",
        "nik_not_digits",
        "nik_length",
        "nik_region_unknown",
        "nik_birth_date_invalid",
        "nik_serial_zero",
        "birth_date_mismatch",
        "gender_mismatch",
        "birth_date_required",
        "gender_required",
        "domicile_outside_nik_regency",
        "village_required",
        "village_unknown",
        "kk_malformed",
        "kpj_malformed",
        "phone_invalid",
        "name_required",
        "occupation_required",
        "occupation_too_many",
        "category_unknown",
        "age_below_min",
        "age_above_max",
    }
    assert scalar_codes <= reached


def test_white_space_sets_match_python_and_lokal():
    from lokal._js import WS_SET

    assert set(PY_WHITESPACE) == {chr(c) for c in range(0x3100) if chr(c).isspace()}
    assert set(JS_WHITESPACE) == set(WS_SET)


def test_region_codes_hold_districts_with_retired_and_live_villages_only():
    regions = RegionCodes.load()
    assert "62.03.17" in regions.districts.to_list()
    assert PULAU_MAMBULAU in regions.villages.to_list()
    assert not any(c.count(".") != 3 for c in regions.villages.to_list()[:1000])


# --- The same rules on whole files -------------------------------------------------------------------


@pytest.mark.parametrize("nik", ["6203 1717 0885 0001", "6203.1717.0885.0001", " 6203171708850001 "])
def test_nik_with_spaces_or_dots_is_stored_as_16_digits(tmp_path, nik):
    row = person(1)
    row[1] = nik
    batch = run(tmp_path, "nik.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1
    assert Worker.objects.get().nik == "6203171708850001"


@pytest.mark.parametrize(
    ("builder", "name", "cell"),
    [
        (xlsx_bytes, "a.xlsx", Number(6203171708850000.0)),
        (xlsx_bytes, "a.xlsx", Number(6203171708850010.0)),
        (xls_bytes, "a.xls", Number(6203171708850000.0)),
        (ods_bytes, "a.ods", Number(6203171708850010.0)),
        (csv_bytes, "a.csv", "6,20317E+15"),
        (csv_bytes, "a.csv", "6.20317170885e+15"),
    ],
)
def test_nik_a_spreadsheet_stored_as_a_number_is_rejected_never_guessed(tmp_path, builder, name, cell):
    row = person(1)
    row[1] = cell
    batch = run(tmp_path, name, builder(sheet_rows([row])), today=TODAY)
    assert batch.rejected == 1
    assert "digitnya hilang" in outcome(batch)[5][1]
    assert not Worker.objects.exists()


def test_number_cell_that_kept_all_16_digits_is_accepted_like_the_form_does(tmp_path):
    row = person(1)
    row[1] = Number(6203171708850001.0)
    batch = run(tmp_path, "a.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted == 1


@pytest.mark.parametrize(
    "phone", ["0812 3456 7890", "+62 812-3456-7890", "6281234567890", "81234567890", "0812.3456.7890"]
)
def test_phone_numbers_in_any_local_form_become_e164(tmp_path, phone):
    row = person(1)
    row[7] = phone
    run(tmp_path, "hp.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert Worker.objects.get().phone == "+6281234567890"


def test_invalid_phone_is_flagged_and_the_row_still_imported(tmp_path):
    row = person(1)
    row[7] = "12345"
    batch = run(tmp_path, "hp.csv", csv_bytes(sheet_rows([row])), today=TODAY)
    assert batch.flagged == 1
    worker = Worker.objects.get()
    assert worker.needs_review and worker.phone == ""
    assert [f["code"] for f in worker.findings] == ["phone_invalid"]


def test_formula_looking_names_and_addresses_are_flagged_like_the_form_does():
    texts = ['=HYPERLINK("x")', "+1+1", "@SUM(A1)", "-2+3", " \t=1", "Siti", "-", "-2500", "", "+62812"]
    frame = pl.DataFrame(
        {"_row": list(range(len(texts))), "full_name": texts, "address": list(reversed(texts))}
    )
    found = vector_formula_findings(frame)
    got = {(r, c, m) for r, c, m in found.select("_row", "code", "message").iter_rows()}
    expected = {
        (i, f.code, f.message)
        for i, (name, address) in enumerate(zip(texts, reversed(texts), strict=True))
        for f in scalar({"full_name": name, "address": address})
    }
    assert got == expected and len(expected) == 10


def test_an_imported_formula_name_is_accepted_with_a_note(tmp_path):
    batch = run(tmp_path, "rumus.csv", csv_bytes(sheet_rows([person(1, name="=HYPERLINK(1)")])), today=TODAY)
    state, reason = next(iter(outcome(batch).values()))
    assert state == "flagged"
    assert KINDS["name_formula_like"].template in reason
