"""Building the monev rollup: ``build`` holds the set-based SQL of one build, ``windows`` the month's programmes
with their contribution per person and arrears window (docs/adr/0004)."""

from .build import AGE_GROUPS, LIVE_TABLE, ROLLUP_TABLE, RollupBuild, month_end
from .windows import ProgrammeWindow, programme_windows, programmes_in_period

__all__ = [
    "AGE_GROUPS",
    "LIVE_TABLE",
    "ROLLUP_TABLE",
    "ProgrammeWindow",
    "RollupBuild",
    "month_end",
    "programme_windows",
    "programmes_in_period",
]
