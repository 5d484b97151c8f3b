"""/api/funding/picture: the same picture as the page and the CLI."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from tests.accounts.builders import signed_in
from tests.funding.test_picture import kapuas_2026

pytestmark = pytest.mark.django_db


def test_the_api_reproduces_31900(client):
    kapuas_2026()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    data = client.get("/api/funding/picture", {"region": "62.03", "year": 2026}).json()
    assert data["planned"] == 31_900 and len(data["months"]) == 12
    assert {p["code"] for p in data["programmes"]} == {"kps-apbdes", "kps-apbd", "kps-sawit"}


def test_the_api_refuses_another_regency(client):
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert client.get("/api/funding/picture", {"region": "62.03", "year": 2026}).status_code == 403


def test_the_api_refuses_a_province_code(client):
    signed_in(client, Role.SUPERADMIN)
    assert client.get("/api/funding/picture", {"region": "62", "year": 2026}).status_code == 400
