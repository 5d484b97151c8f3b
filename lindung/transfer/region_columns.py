"""Region codes as Polars columns: the code lists the checks need, and ``regions.codes`` over a column.

``regions.codes`` is the one place that knows how a code is built; these helpers only lift its answers to
whole columns (a subtree is a byte range there, so it is one here too).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from lindung.regions.codes import DISTRICT, SEPARATOR, VILLAGE, subtree_range
from lindung.regions.models import Region


@dataclass(frozen=True)
class RegionCodes:
    """The two region lists the checks need, as Series for ``is_in``."""

    districts: pl.Series  # every level-3 code, retired ones included: a NIK keeps the code it was issued with
    villages: pl.Series  # live level-4 codes: a domicile must be a desa/kelurahan that exists today

    @property
    def districts_compact(self) -> pl.Series:
        """``62.03.17`` → ``620317``: the first six digits of a NIK."""
        return self.districts.str.replace_all(SEPARATOR, "", literal=True)

    @classmethod
    def load(cls) -> RegionCodes:
        rows = Region.objects.filter(level__in=(DISTRICT, VILLAGE)).values_list("code", "level", "retired_at")
        districts = [c for c, level, _ in rows if level == DISTRICT]
        villages = [c for c, level, retired in rows if level == VILLAGE and retired is None]
        return cls(pl.Series(districts, dtype=pl.String), pl.Series(villages, dtype=pl.String))


def within(code: pl.Expr, region: str | pl.Expr) -> pl.Expr:
    """``regions.codes.within`` over a column: ``region`` itself or a code in its subtree's byte range.
    ``region`` may be a column too; its range is then built from the suffixes of the country's range."""
    if isinstance(region, str):
        if not region:
            return code.is_null() | code.is_not_null()  # the whole country: every row, as a column
        low, high = subtree_range(region)
        return (code == region) | ((code >= low) & (code < high))
    # A code's subtree range is the code followed by these two suffixes (the range ``subtree_range`` gives).
    low_suffix, high_suffix = subtree_range("")
    low_expr = pl.concat_str([region, pl.lit(low_suffix)])
    high_expr = pl.concat_str([region, pl.lit(high_suffix)])
    return (code == region) | ((code >= low_expr) & (code < high_expr))


def nik_region(compact: pl.Expr, level: int) -> pl.Expr:
    """The region code a NIK's first digits name, down to ``level`` (a NIK holds two digits per level)."""
    return pl.concat_str([compact.str.slice(2 * i, 2) for i in range(level)], separator=SEPARATOR)
