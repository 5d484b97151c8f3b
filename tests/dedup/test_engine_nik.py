"""The NIK as evidence: a mistyped NIK (one or two digits) makes a pair, a NIK far apart keeps namesakes in
another village apart unless the name is rare, and an unknown NIK leaves the name to decide."""

import datetime as dt

import polars as pl

from lindung.dedup import engine

BORN = dt.date(1985, 8, 7)
V1, V2, V3 = "62.03.17.2002", "62.03.18.2001", "62.03.19.2001"
NIK = "6203174708850001"
# A different person born the same day in another kecamatan: another kecamatan code and serial.
FAR = "6203184708850917"


def _people(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "id": i + 1,
                "nik": nik,
                "name": name,
                "birth_date": BORN,
                "gender": "P",
                "kecamatan": village.rsplit(".", 1)[0],
                "village": village,
            }
            for i, (nik, name, village) in enumerate(rows)
        ],
        schema={
            "id": pl.Int64,
            "nik": pl.String,
            "name": pl.String,
            "birth_date": pl.Date,
            "gender": pl.String,
            "kecamatan": pl.String,
            "village": pl.String,
        },
    )


def _found(*rows, thresholds=None) -> list[tuple]:
    pairs, _ = engine.probable_duplicates(_people(*rows), thresholds=thresholds or engine.Thresholds())
    return sorted((a, b, basis) for a, b, _, basis in pairs.iter_rows())


def _apart(a: str, b: str) -> int:
    frame = pl.DataFrame({"a": [int(a)], "b": [int(b)]})
    return frame.select(engine.nik_digits_apart(pl.col("a"), pl.col("b")))[0, 0]


def test_nik_digits_apart_counts_the_differing_digits():
    assert _apart(NIK, NIK) == 0
    assert _apart(NIK, "6203174708850007") == 1
    assert _apart(NIK, "6203174708850010") == 2  # two neighbouring digits swapped
    assert _apart(NIK, FAR) == 4


def test_a_mistyped_nik_pairs_a_name_too_damaged_for_the_name_alone():
    # "Siti Aminah" and "Aminah S": below every name-only floor, above the mistyped NIK's.
    rows = (NIK, "Siti Aminah", V1), ("6203174708850007", "Aminah S", V2)
    assert _found(*rows) == [(1, 2, engine.NIK_NEAR)]


def test_namesakes_born_the_same_day_in_another_village_with_niks_far_apart_are_not_paired():
    common = [(f"62031{k}4708850{k}{k}1", "Siti Aminah", V3) for k in range(5, 9)]
    rows = ((NIK, "Siti Aminah", V1), (FAR, "Siti Aminah", V2), *common)
    assert (1, 2, engine.SAME_DATE) not in _found(*rows)


def test_a_rare_name_in_another_village_is_paired_even_with_niks_far_apart():
    assert _found((NIK, "Sukarti Pangaribuan", V1), (FAR, "Sukarti Pangaribuan", V2)) == [
        (1, 2, engine.SAME_DATE)
    ]


def test_a_rare_name_is_a_row_too():
    rows = (NIK, "Sukarti Pangaribuan", V1), (FAR, "Sukarti Pangaribuan", V2)
    never = engine.Thresholds(rare_name_people={})
    assert _found(*rows, thresholds=never) == []


def test_in_the_same_village_the_nik_does_not_keep_a_pair_apart():
    assert _found((NIK, "Siti Aminah", V1), (FAR, "Siti Aminah", V1)) == [(1, 2, engine.SAME_DATE_VILLAGE)]


def test_an_unknown_nik_leaves_the_name_to_decide():
    rows = ((NIK, "Siti Aminah", V1), ("", "Siti Aminah", V2), ("6203", "Siti Aminah", V3))
    assert _found(*rows) == [(1, 2, engine.SAME_DATE), (1, 3, engine.SAME_DATE), (2, 3, engine.SAME_DATE)]


def test_the_nik_condition_is_a_row():
    rows = (NIK, "Siti Aminah", V1), (FAR, "Siti Aminah", V2)
    assert _found(*rows, thresholds=engine.Thresholds(rare_name_people={})) == []
    anything = engine.Thresholds(max_nik_digits={engine.NIK_NEAR: 2}, rare_name_people={})
    assert _found(*rows, thresholds=anything) == [(1, 2, engine.SAME_DATE)]
