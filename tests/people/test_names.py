import polars as pl
import pytest

from lindung.people.names import normalize_name, normalize_name_expr

CASES = [
    ("Hj. SITI  Aminah, S.Pd", "siti aminah"),
    ("H. Ahmad Fauzi", "ahmad fauzi"),
    ("Drs. H. Bambang", "bambang"),
    ("Hadi Hj", "hadi"),
    ("Hadi Santoso", "hadi santoso"),
    ("Nur'aini", "nur'aini"),
    ("Yohanes S.Pd.I", "yohanes"),
    ("ir Joko, S.T.", "joko"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_titles_case_and_spacing_are_removed(raw, expected):
    assert normalize_name(raw) == expected


def test_polars_expression_agrees_with_the_scalar_function():
    df = pl.DataFrame({"n": [raw for raw, _ in CASES]})
    assert df.select(normalize_name_expr(pl.col("n")))["n"].to_list() == [e for _, e in CASES]
