"""Which region and month a request may read: the user's scope, the region asked for, the month asked for."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from lindung.accounts.selectors import scope_of
from lindung.core.audit import AuditAction
from lindung.core.months import month_parse
from lindung.core.services import audit_record
from lindung.regions.models import Region

from .builds import latest_period


def region_exists(code: str) -> bool:
    return code == "" or Region.objects.filter(code=code).exists()


def monev_region_for(user, requested: str | None) -> str:
    """The region a signed-in user asked for, checked against their scope (default: their own region).

    A region outside the scope is a 404, and the attempt is logged as for a person's file.
    """
    scope = scope_of(user)
    if not scope.allowed:
        raise Http404("Wilayah tidak ditemukan")
    code = (requested or "").strip() or scope.region_code
    if requested and not region_exists(code):
        raise Http404("Wilayah tidak ditemukan")
    if not scope.covers(code):
        audit_record(
            actor=user,
            action=AuditAction.ACCESS_DENIED,
            object_type="monev",
            object_id=code or "nasional",
            region_code=code,
            summary="Akses ditolak ke monev di luar wilayah",
        )
        raise Http404("Wilayah tidak ditemukan")
    return code


def parse_period(text: str | None) -> dt.date:
    """``2026-03`` → 1 March 2026; empty → the latest built month. ValueError carries an Indonesian message."""
    if not text:
        return latest_period()
    return month_parse(text)
