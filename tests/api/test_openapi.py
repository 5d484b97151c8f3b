"""The OpenAPI document says what every endpoint answers: no bare objects where a schema belongs."""

from __future__ import annotations

import pytest

from lindung.api.main import api

pytestmark = pytest.mark.django_db

TYPED = [
    ("/api/programmes/contribution", "ContributionOut"),
    ("/api/programmes/budget-plan", "PlanOut"),
    ("/api/programmes/{code}/budget-plan", "PlanOut"),
    ("/api/programmes/{code}/quota/{village}", "VillageQuotaOut"),
]


@pytest.mark.parametrize(("path", "schema"), TYPED)
def test_the_answer_of_an_endpoint_is_a_named_schema(path, schema):
    document = api.get_openapi_schema()
    answer = document["paths"][path]["get"]["responses"][200]["content"]["application/json"]["schema"]
    assert answer == {"$ref": f"#/components/schemas/{schema}"}


def test_every_successful_answer_has_a_schema():
    document = api.get_openapi_schema()
    untyped = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for status, response in operation["responses"].items()
        if 200 <= int(status) < 300
        and not response.get("content", {}).get("application/json", {}).get("schema")
    ]
    assert untyped == []
