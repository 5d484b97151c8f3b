from __future__ import annotations

import datetime as dt

import pytest

from lindung.people.checks import WorkerInput, check_worker, read_nik
from lindung.regions.selectors import region_known_codes

from .builders import PULAU_MAMBULAU, make_nik

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def read(raw):
    return read_nik(raw, today=TODAY, known_regions=region_known_codes)


def check(**kw):
    base = {
        "nik": make_nik(),
        "full_name": "Budi",
        "village_code": PULAU_MAMBULAU,
        "occupations": ["Nelayan"],
        "category": "nelayan",
    }
    return check_worker(WorkerInput(**(base | kw)), today=TODAY)


# --- NIK shape -------------------------------------------------------------------------------------------


def test_valid_nik_reads_region_birth_date_and_gender():
    r = read("6203171708850001")
    assert r.valid and r.findings == []
    assert (r.district_code, r.birth_date, r.gender) == ("62.03.17", dt.date(1985, 8, 17), "L")


@pytest.mark.parametrize("raw", ["6203 1717 0885 0001", "6203.1717.0885.0001", " 6203171708850001 "])
def test_nik_separators_are_accepted(raw):
    assert read(raw).digits == "6203171708850001"


@pytest.mark.parametrize(("raw", "length"), [("620317170885001", 15), ("62031717088500011", 17), ("62", 2)])
def test_nik_of_wrong_length_names_the_length(raw, length):
    r = read(raw)
    assert codes(r.findings) == {"nik_length"}
    assert f"{length} digit" in r.findings[0].message


def test_nik_with_letters_names_them():
    r = read("62O317170885000I")
    assert codes(r.findings) == {"nik_not_digits"}
    assert '"IO"' in r.findings[0].message


def test_empty_nik_is_required():
    assert codes(read("").findings) == {"nik_required"}
    assert codes(read(None).findings) == {"nik_required"}


@pytest.mark.parametrize(
    "raw",
    [
        "6.20317170885e+15",
        "6,20317E+15",
        "6.20317170885E15",
        "6203171708850000.0",
        6.20317170885e15,
        6203171708850000,
    ],
)
def test_spreadsheet_mangled_nik_is_rejected_not_repaired(raw):
    r = read(raw)
    assert codes(r.findings) == {"nik_lost_digits"}
    assert r.digits is None
    assert "digitnya hilang" in r.findings[0].message


def test_a_number_cell_is_named_by_its_digits_not_as_a_float():
    r = read(6203170109940040.0)
    assert "6203170109940040" in r.findings[0].message
    assert "6203170109940040.0" not in r.findings[0].message


def test_number_that_kept_all_16_digits_is_accepted():
    # A number cell written by a program that keeps 64-bit integers lost nothing.
    assert read(6203171708850001).digits == "6203171708850001"
    assert read("6203171708850001.0").digits == "6203171708850001"


def test_text_nik_ending_in_zero_is_not_mistaken_for_a_lost_digit():
    r = read("6203171708850010")
    assert r.valid


# --- NIK content -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [41, 55, 71])
def test_female_birth_days_41_to_71(day):
    r = read(f"620317{day:02d}0885" + "0001")
    assert r.valid
    assert r.gender == "P" and r.birth_date == dt.date(1985, 8, day - 40)


@pytest.mark.parametrize("ddmmyy", ["320885", "400885", "720885", "000885", "311185", "171385"])
def test_impossible_nik_birth_dates(ddmmyy):
    assert "nik_birth_date_invalid" in codes(read(f"620317{ddmmyy}0001").findings)


def test_29_february_only_in_leap_years_for_men_and_women():
    assert read("6203172902000001").birth_date == dt.date(2000, 2, 29)
    assert read("6203176902000001").birth_date == dt.date(2000, 2, 29)
    assert "nik_birth_date_invalid" in codes(read("6203172902010001").findings)
    assert "nik_birth_date_invalid" in codes(read("6203176902010001").findings)


def test_serial_0000_is_refused():
    assert codes(read("6203171708850000").findings) == {"nik_serial_zero"}


@pytest.mark.parametrize("prefix", ["990101", "620399", "620017", "000000"])
def test_unknown_region_prefix(prefix):
    r = read(f"{prefix}17088500001"[:16])
    assert "nik_region_unknown" in codes(r.findings)


# --- Cross-checks ----------------------------------------------------------------------------------------


def test_birth_date_disagreeing_with_nik_is_a_warning():
    c = check(birth_date=dt.date(1985, 8, 18))
    assert codes(c.findings) == {"birth_date_mismatch"}
    assert not c.blocked
    assert "18-08-1985" in c.findings[0].message and "17-08-1985" in c.findings[0].message


def test_birth_date_in_another_century_with_same_nik_digits_agrees():
    c = check(nik=make_nik(birth=dt.date(1962, 1, 2)), birth_date=dt.date(1962, 1, 2))
    assert c.findings == []


def test_gender_disagreeing_with_nik_is_a_warning():
    c = check(gender="P")
    assert codes(c.findings) == {"gender_mismatch"}
    assert not c.blocked


def test_missing_birth_date_and_gender_come_from_the_nik():
    c = check(nik=make_nik(birth=dt.date(1990, 3, 5), gender="P"))
    assert (c.birth_date, c.gender) == (dt.date(1990, 3, 5), "P")


def test_domicile_outside_nik_regency_is_a_warning():
    c = check(village_code="61.07.04.2003")
    assert codes(c.findings) == {"domicile_outside_nik_regency"}
    assert not c.blocked


def test_domicile_in_another_kecamatan_of_the_same_regency_is_fine():
    assert check(village_code="62.03.01.1006").findings == []


@pytest.mark.parametrize("code", ["62.03.17", "62.03.17.9999", "abc"])
def test_domicile_must_be_a_known_village(code):
    assert codes(check(village_code=code).findings) == {"village_unknown"}


@pytest.mark.parametrize("kpj", ["1234567890", "123456789012", "1234567890A"])
def test_malformed_kpj(kpj):
    assert codes(check(kpj=kpj).findings) == {"kpj_malformed"}


def test_well_formed_kpj_and_kk():
    c = check(kpj="12345678901", kk_number="6203170101100001")
    assert c.findings == [] and c.kpj == "12345678901"


def test_malformed_kk():
    assert codes(check(kk_number="62031701011").findings) == {"kk_malformed"}


def test_phone_is_normalised_or_flagged():
    assert check(phone="0812-3456-7890").phone == "+6281234567890"
    assert codes(check(phone="12").findings) == {"phone_invalid"}


def test_more_than_two_occupations_is_refused():
    assert codes(check(occupations=["Nelayan", "Petani", "Buruh"]).findings) == {"occupation_too_many"}


# --- Age limits ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (dt.date(2008, 11, 22), set()),  # 18 today
        (dt.date(2008, 11, 23), {"age_below_min"}),  # 18 tomorrow
        (dt.date(1961, 11, 23), set()),  # 65 for one more day
        (dt.date(1960, 11, 22), {"age_above_max"}),  # 66 today
    ],
)
def test_default_age_limits_18_to_65_inclusive(birth, expected):
    c = check(nik=make_nik(birth=birth))
    assert codes(c.findings) == expected


def test_age_message_names_limit_and_date():
    c = check(nik=make_nik(birth=dt.date(2010, 1, 1)))
    assert c.findings[0].message == "Umur 16 tahun pada 22-11-2026 di bawah batas minimal 18 tahun."
    assert c.findings[0].field == "birth_date"
