"""Background work for monev, run by the task worker (``lindung jobs worker``)."""

from __future__ import annotations

from django_tasks import task

from lindung.core.months import month_parse

from .services.refresh import monev_refresh, stale_regions


@task()
def monev_refresh_task(period: str, regions: list[str] | None = None) -> str:
    """Rebuild a month's rollup (``YYYY-MM``): what changed since the last build, or everything."""
    month = month_parse(period)
    if regions is None:
        regions = stale_regions(month)
    return monev_refresh(period=month, regions=regions).summary
