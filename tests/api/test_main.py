"""The API as a whole: its documentation pages and the OpenAPI schema that lists every router."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_docs_work_without_internet(client):
    """The Swagger page loads its scripts from our own static files: offices may have no internet."""
    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    schema = client.get("/api/openapi.json").json()
    assert {"/api/people/", "/api/transfer/imports", "/api/monev"} <= set(schema["paths"])
