"""`make demo` prints one login per role, and each can sign in and reach its home page."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Account, Role
from lindung.demo.users import DEMO_LOGINS, DEMO_PASSWORD, demo_users_load

pytestmark = pytest.mark.django_db


def test_there_is_a_demo_login_for_every_role():
    assert {login.role for login in DEMO_LOGINS} == set(Role.values)


def test_every_demo_login_reaches_its_home_page(client):
    demo_users_load()
    sponsor = Account.objects.get(role=Role.SPONSOR)
    assert sponsor.sponsor is not None
    for login in DEMO_LOGINS:
        client.logout()
        response = client.post("/masuk/", {"username": login.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.username
        assert client.get("/").status_code == 200, login.username
