"""Region codes over Polars columns answer exactly as ``regions.codes`` does for one code."""

from __future__ import annotations

import polars as pl
import pytest

from lindung.regions import codes
from lindung.transfer.region_columns import nik_region, within

CODES = ["62", "62.03", "62.03.17", "62.03.17.2002", "62.031", "62.03/", "62.04.01.2001", "61.07", "", "6"]
REGIONS = ["", "62", "62.03", "62.03.17", "62.03.17.2002", "6", "62.0"]


@pytest.mark.parametrize("region", REGIONS)
def test_within_a_fixed_region_agrees_with_codes_within(region):
    frame = pl.DataFrame({"code": CODES})
    got = frame.select(within(pl.col("code"), region).alias("in"))["in"].to_list()
    assert got == [codes.within(c, region) for c in CODES]


def test_within_a_region_column_agrees_with_codes_within():
    pairs = [(c, r) for c in CODES for r in REGIONS if r]
    frame = pl.DataFrame({"code": [c for c, _ in pairs], "region": [r for _, r in pairs]})
    got = frame.select(within(pl.col("code"), pl.col("region")).alias("in"))["in"].to_list()
    assert got == [codes.within(c, r) for c, r in pairs]


def test_a_nik_names_its_regency_and_district():
    frame = pl.DataFrame({"nik": ["6203171708850001"]})
    got = frame.select(
        nik_region(pl.col("nik"), codes.REGENCY).alias("regency"),
        nik_region(pl.col("nik"), codes.DISTRICT).alias("district"),
    ).row(0)
    assert got == ("62.03", "62.03.17")
