"""Each Indonesian name rule of ``match_key``, and the Polars expression agreeing with the scalar function."""

import polars as pl
import pytest

from lindung.people.names import match_key, match_key_expr, phonetic_key, phonetic_key_expr


def test_rule_titles_before_and_after_the_name_are_dropped():
    assert match_key("Hj. Siti Aminah") == match_key("SITI AMINAH S.Pd") == "siti aminah"
    assert match_key("H. Ahmad") == match_key("Ir. Ahmad") == "ahmad"


def test_rule_bin_and_binti_drop_the_fathers_name():
    assert match_key("Ahmad bin Sulaiman") == "ahmad"
    assert match_key("Nur'aini binti Ali") == match_key("Nuraini") == "nuraini"


def test_rule_abbreviations_of_muhammad_are_written_out():
    spelled = match_key("Muhammad Iqbal")
    for short in ("Muh. Iqbal", "Moh. Iqbal", "Mhd Iqbal", "M. Iqbal", "Mochammad Iqbal", "Muhamad Iqbal"):
        assert match_key(short) == spelled, short


def test_rule_abbreviation_of_abdul_is_written_out():
    assert match_key("Abd. Rahman") == match_key("Abdul Rahman") == match_key("Abdoel Rahman")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Soekarno", "Sukarno"),  # oe → u
        ("Djoko", "Joko"),  # dj → j
        ("Tjahjo", "Cahyo"),  # tj → c, j → y
        ("Jusuf", "Yusuf"),  # j → y
        ("Soenjoto", "Sunyoto"),  # nj → ny
        ("Sjamsul", "Syamsul"),  # sj → sy
    ],
)
def test_rule_old_and_new_spelling_meet(old, new):
    assert match_key(old) == match_key(new)


def test_rule_spelling_and_abbreviation_together():
    assert match_key("Moh. Djoesoef bin Abd. Kadir") == match_key("Muhammad Yusuf")


def test_phonetic_key_ignores_vowels_and_doubled_letters():
    assert phonetic_key("Siti Aminnah") == phonetic_key("Siti Aminah") == "st amnh"


NAMES = [
    "Moh. Djoesoef bin Abd. Kadir",
    "Hj. Siti Aminah S.Pd",
    "Siti Aminnah",
    "Tjahjo Koemolo",
    "Abdoel Rachman",
    "M. Jusuf",
    "Ir. Soekarno",
    "Aan Nuraeni",
    "Eko Uun",
    "Nur'aini binti Ali",
]


def test_polars_expressions_agree_with_the_scalar_functions():
    frame = pl.DataFrame({"n": NAMES}).select(
        key=match_key_expr(pl.col("n")), phonetic=phonetic_key_expr(pl.col("n"))
    )
    assert frame["key"].to_list() == [match_key(n) for n in NAMES]
    assert frame["phonetic"].to_list() == [phonetic_key(n) for n in NAMES]


def test_normalize_name_is_unchanged_by_the_matching_rules():
    from lindung.people.names import normalize_name

    assert normalize_name("Moh. Djoesoef") == "moh djoesoef"
