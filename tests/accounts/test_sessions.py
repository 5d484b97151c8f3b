"""Sessions end after LINDUNG_IDLE_MINUTES without a request, on pages and on the API alike."""

from __future__ import annotations

import time

import pytest

from lindung.accounts.models import Role
from lindung.core.middleware import LAST_SEEN

from .builders import signed_in

pytestmark = pytest.mark.django_db


def _idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time() - minutes * 60)
    session.save()


def test_a_session_idle_too_long_is_signed_out_to_the_sign_in_page(client, settings):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    client.get("/")
    _idle_for(client, settings.LINDUNG_IDLE_MINUTES + 1)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "tidak ada aktivitas" in html


def test_a_session_used_within_the_limit_stays_signed_in(client, settings):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    _idle_for(client, settings.LINDUNG_IDLE_MINUTES - 1)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 60


def test_the_first_request_after_sign_in_starts_the_clock(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    client.get("/")
    assert LAST_SEEN in client.session


def test_an_idle_api_session_gets_401_in_indonesian(client, settings):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert client.get("/api/regions/62.03").status_code == 200
    _idle_for(client, settings.LINDUNG_IDLE_MINUTES + 1)
    response = client.get("/api/regions/62.03")
    assert response.status_code == 401 and "tidak ada aktivitas" in response.json()["detail"]
    assert "_auth_user_id" not in client.session


def test_signing_in_starts_the_idle_clock_so_the_first_page_writes_no_session(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert LAST_SEEN in client.session
