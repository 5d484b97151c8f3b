"""The engine finds each kind of planted duplicate and leaves different people alone."""

import datetime as dt

import polars as pl

from lindung.dedup import engine

BORN = dt.date(1985, 8, 7)


def _people(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "id": i + 1,
                "name": name,
                "birth_date": born,
                "gender": gender,
                "kecamatan": village.rsplit(".", 1)[0],
                "village": village,
            }
            for i, (name, born, gender, village) in enumerate(rows)
        ],
        schema={
            "id": pl.Int64,
            "name": pl.String,
            "birth_date": pl.Date,
            "gender": pl.String,
            "kecamatan": pl.String,
            "village": pl.String,
        },
    )


def _found(*rows) -> list[tuple]:
    pairs, _ = engine.probable_duplicates(_people(*rows), thresholds=engine.Thresholds())
    return [(a, b, basis) for a, b, _, basis in pairs.iter_rows()]


V1, V2 = "62.03.17.2002", "62.03.18.2001"


def test_a_typo_with_the_same_birth_date_is_found():
    assert _found(("Siti Aminah", BORN, "P", V1), ("Siti Aminnah", BORN, "P", V1)) == [
        (1, 2, engine.SAME_DATE_VILLAGE)
    ]


def test_a_swapped_day_and_month_is_found():
    swapped = dt.date(1985, 7, 8)
    assert _found(("Budi Santoso", BORN, "L", V1), ("Budi Santoso", swapped, "L", V1)) == [
        (1, 2, engine.SWAPPED_DATE_VILLAGE)
    ]


def test_titles_abbreviations_and_old_spelling_are_found_in_another_village():
    assert _found(("Muhammad Yusuf", BORN, "L", V1), ("H. Moh. Djoesoef", BORN, "L", V2)) == [
        (1, 2, engine.SAME_DATE)
    ]


def test_words_in_another_order_are_found():
    assert _found(("Aminah Siti", BORN, "P", V1), ("Siti Aminah", BORN, "P", V2)) == [
        (1, 2, engine.SAME_DATE)
    ]


def test_the_same_name_with_another_birth_date_in_the_same_village_and_year_is_found():
    other = dt.date(1985, 3, 1)
    assert _found(("Budi Santoso", BORN, "L", V1), ("Budi Santoso", other, "L", V1)) == [
        (1, 2, engine.SAME_NAME_KECAMATAN)
    ]


def test_different_people_born_the_same_day_are_not_paired():
    assert _found(("Siti Aminah", BORN, "P", V1), ("Dewi Lestari", BORN, "P", V1)) == []


def test_a_similar_name_in_another_village_needs_a_higher_score():
    # "Budi Santoso" and "Budi Susanto": 82, enough in one village (75), not across villages (88).
    rows = (("Budi Santoso", BORN, "L", V1), ("Budi Susanto", BORN, "L", V2))
    assert _found(*rows) == []
    assert _found(rows[0], ("Budi Susanto", BORN, "L", V1)) == [(1, 2, engine.SAME_DATE_VILLAGE)]


def test_thresholds_are_read_per_basis():
    rows = (("Siti Aminah", BORN, "P", V1), ("Siti Aminnah", BORN, "P", V1))
    strict = engine.Thresholds(minimum={**engine.DEFAULT_MINIMUM, engine.SAME_DATE_VILLAGE: 100})
    pairs, _ = engine.probable_duplicates(_people(*rows), thresholds=strict)
    assert pairs.is_empty()


def test_against_another_frame_pairs_new_rows_with_existing_people():
    existing = _people(("Siti Aminah", BORN, "P", V1))
    new = _people(("Dewi", BORN, "P", V1), ("Siti Aminnah", BORN, "P", V1)).with_columns(pl.col("id") + 100)
    pairs, _ = engine.probable_duplicates(new, thresholds=engine.Thresholds(), against=existing)
    assert [(a, b) for a, b, *_ in pairs.iter_rows()] == [(1, 102)]
