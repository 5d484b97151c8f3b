"""Signed-in clients and data valid today, for the page tests.

Programmes start in January of the current year, so the pages' "open for proposals" lists (which compare
with today's date) do not depend on when the suite runs.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from tests.accounts.builders import make_user
from tests.programmes.builders import make_programme

_names = itertools.count(1)


def signed_in(client, role: str, region: str | None = None, **kwargs):
    user = make_user(role, region, username=f"{role}-{region or 'nasional'}-{next(_names)}", **kwargs)
    client.force_login(user)
    return user


def current_programme(actor=None, **overrides: Any):
    year = timezone.localdate().year
    overrides.setdefault("fiscal_year", year)
    overrides.setdefault("start_month", f"{year}-01")
    return make_programme(actor=actor, **overrides)
