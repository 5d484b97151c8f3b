"""Users with a role and a region, for tests."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lindung.accounts.models import Account, Role

PASSWORD = "uji-kata-sandi-2026"
_names = itertools.count(1)


def make_user(role: str, region: str | None = None, *, username: str | None = None, sponsor=None):
    User = get_user_model()
    user = User.objects.create_user(username=username or f"{role}-{region or 'nasional'}", password=PASSWORD)
    Account.objects.create(user=user, role=role, region_id=region, sponsor=sponsor)
    return user


def signed_in(client, role: str, region: str | None = None, **kwargs):
    """A new user with ``role`` in ``region``, signed in on the test client (page and API tests)."""
    user = make_user(role, region, username=f"{role}-{region or 'nasional'}-{next(_names)}", **kwargs)
    client.force_login(user)
    return user


# Each role in the region it works in: a village, a kecamatan, the regency, and the whole country.
REGION_OF_ROLE = {
    Role.OPERATOR_DESA: "62.03.17.2002",
    Role.PENDAMPING: "62.03.17",
    Role.VERIFIKATOR: "62.03",
    Role.ADMIN_PROGRAM: "62.03",
    Role.PETUGAS_BPJS: "62.03",
    Role.SPONSOR: "62.03",
    Role.BENDAHARA: "62.03",
    Role.AUDITOR: "62.03",
    Role.SUPERADMIN: None,
}


def page_queries(client, url: str) -> list[str]:
    """The SQL a signed-in page runs, for query-count tests (the page must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]
