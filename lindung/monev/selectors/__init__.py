"""Monev's reads, by subject:

- ``figures``: the figures of a region and month (``monev_figures``), the village table, the public version;
- ``types``: the figures as dataclasses, with the API's JSON shape; ``labels``: their words;
- ``reader``: the raw SQL reads of the rollup table;
- ``denominators``: working population and UCJ targets; ``ceilings``: programmes, ceilings, person-year cost;
- ``rules``: the rule rows monev compares against (the "village behind" threshold, the arrears limit);
- ``builds``: which months are built, and the per-process memo of each build's small tables;
- ``scope``: the region and month a request may read.

The names callers use are re-exported here.
"""

from .builds import (
    CACHE_SECONDS,
    PUBLIC_CACHE_SECONDS,
    available_periods,
    figures_cache_key,
    forget_state,
    latest_period,
    remembered,
)
from .figures import monev_figures, public_figures, village_table
from .labels import STATUS_ORDER, month_name
from .reader import RollupReader
from .rules import MonevThresholdMissing, quota_threshold, threshold_in_force
from .scope import monev_region_for, parse_period, region_exists
from .types import AreaRow, BreakdownRow, Budget, Counts, Figures, ProgrammeLine, TrendPoint, Ucj, percent

__all__ = [
    "CACHE_SECONDS",
    "PUBLIC_CACHE_SECONDS",
    "STATUS_ORDER",
    "AreaRow",
    "BreakdownRow",
    "Budget",
    "Counts",
    "Figures",
    "MonevThresholdMissing",
    "ProgrammeLine",
    "RollupReader",
    "TrendPoint",
    "Ucj",
    "available_periods",
    "figures_cache_key",
    "forget_state",
    "latest_period",
    "monev_figures",
    "monev_region_for",
    "month_name",
    "parse_period",
    "percent",
    "public_figures",
    "quota_threshold",
    "region_exists",
    "remembered",
    "threshold_in_force",
    "village_table",
]
