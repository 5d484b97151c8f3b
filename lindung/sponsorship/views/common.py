"""What the sponsorship pages share: refusals as 403/404, the sponsor a page is about."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Sponsor

from ..selectors import sponsor_visible


def refused(exc: AccessRefused):
    """A record outside the region is answered as if it were not there; a role without the right, 403."""
    if exc.outside_scope:
        raise Http404 from exc
    raise PermissionDenied(exc.message) from exc


def sponsor_or_404(request: HttpRequest, pk: int) -> Sponsor:
    sponsor = sponsor_visible(request.user, pk)
    if sponsor is None:
        raise Http404
    return sponsor
