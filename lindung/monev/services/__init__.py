"""Writes of monev: rebuilding the derived rollup. Nothing here changes data that anyone entered.

- ``refresh``: ``monev_refresh`` rebuilds a month, for the whole country or for some subtrees, and
  ``stale_regions`` finds what changed since a month's last build (re-exported here);
- ``catch_up``: ``monev_catch_up`` rebuilds what changed, at once when it is small, else through the background
  task (``monev.tasks``). Imported from its own module: the task module imports ``refresh``, so this package
  must not import ``catch_up`` on the way.
"""

from .refresh import RefreshReport, monev_refresh, stale_regions

__all__ = ["RefreshReport", "monev_refresh", "stale_regions"]
