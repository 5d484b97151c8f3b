"""The regions API: one region with its path, its children, and 404 for an unknown code."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

pytestmark = pytest.mark.django_db


def test_regions_api(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    region = client.get("/api/regions/62.03").json()
    assert region["name"] == "Kabupaten Kapuas" and [p["code"] for p in region["path"]] == ["62", "62.03"]
    children = client.get("/api/regions/62.03.17/children").json()
    assert {"code": "62.03.17.2002", "name": "Pulau Mambulau", "level": 4, "type": "desa"} in children
    assert len(client.get("/api/regions/").json()) >= 34
    assert client.get("/api/regions/99.99").status_code == 404
