"""The monev API's documented shape: the OpenAPI page says what comes back, and the JSON keeps its shape."""

from __future__ import annotations

import pytest
from django.test import Client

from lindung.api.main import api
from lindung.monev.selectors import monev_figures

from .builders import MAMBULAU, PERIOD

pytestmark = pytest.mark.django_db


def _schema(components: dict, ref: str) -> dict:
    return components[ref.rsplit("/", 1)[-1]]


def test_openapi_documents_what_the_monev_api_returns(db):
    schema = api.get_openapi_schema()  # /api/openapi.json itself needs a login
    components = schema["components"]["schemas"]
    for path in ("/api/monev", "/api/monev/publik"):
        ok = schema["paths"][path]["get"]["responses"][200]["content"]["application/json"]["schema"]
        figures = _schema(components, ok["$ref"])
        assert {
            "region",
            "people",
            "breakdowns",
            "children",
            "ucj",
            "budget",
            "trend",
            "recommendations",
        } <= set(figures["properties"]), path
    people = components["PeopleOut"]["properties"]
    assert {"status", "occupying", "villages_below_half", "commitment_percent", "at_risk"} <= set(people)
    assert {"programmes", "remaining"} <= set(components["BudgetOut"]["properties"])


def test_a_suppressed_public_cell_carries_its_flag_and_no_counts(dataset):
    data = Client(HTTP_HOST="127.0.0.1").get("/api/monev/publik", {"region": MAMBULAU, "period": "2026-03"})
    ages = {row["key"]: row for row in data.json()["breakdowns"]["age"]}
    assert set(ages["a00_24"]) == {"key", "label", "total", "active", "suppressed"}
    assert (ages["a00_24"]["total"], ages["a00_24"]["suppressed"]) == (None, True)
    assert set(ages["a35_44"]) == {"key", "label", "total", "occupying", "active", "committed"}
    assert data.json() == monev_figures(MAMBULAU, PERIOD, public=True).to_dict()
