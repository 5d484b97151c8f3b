"""Monev figures as JSON: the same ``monev.selectors.monev_figures`` the dashboard, public page and reports use.

- ``GET /api/monev?region=CODE&period=YYYY-MM``: signed-in (session), limited to the user's region like the
  dashboard; a region outside it is a 404, and the attempt is logged.
- ``GET /api/monev/publik?region=CODE&period=YYYY-MM``: no sign-in, the transparency page's figures
  (aggregates only, breakdown cells of 1-2 people suppressed), cached for five minutes.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Router
from ninja.errors import HttpError

from lindung.monev.selectors import monev_figures, monev_region_for, parse_period, region_exists

router = Router(tags=["monev"])


def _period(period: str):
    try:
        return parse_period(period)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get(
    "", response=dict[str, Any], url_name="monev_figures", summary="Angka monev satu wilayah dan bulan"
)
def figures(request, region: str = "", period: str = ""):
    """Every dashboard figure of a region ("" = the user's own region) for a month (default: the latest built)."""
    from lindung.accounts.selectors import scope_of

    if not scope_of(request.user).can("monev.view"):
        raise HttpError(403, "Peran Anda tidak dapat melihat monev.")
    code = monev_region_for(request.user, region or None)
    return monev_figures(code, _period(period)).to_dict()


@router.get(
    "/publik",
    auth=None,
    response=dict[str, Any],
    url_name="monev_public",
    summary="Angka publik (tanpa masuk)",
)
def public_figures(request, region: str = "", period: str = ""):
    """Aggregated figures for anyone: no personal data, small breakdown cells shown as suppressed."""
    code = region.strip()
    if not region_exists(code):
        raise Http404("Wilayah tidak ditemukan")
    return monev_figures(code, _period(period), public=True).to_dict()
