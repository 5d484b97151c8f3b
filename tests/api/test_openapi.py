"""The OpenAPI document says what every endpoint answers: no bare objects where a schema belongs."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from ninja import Schema

from lindung.api import routers as router_package
from lindung.api import schemas
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


def _has_schema(response: dict) -> bool:
    """JSON answers name their schema; a file download (a PDF letter) documents its binary content type."""
    content = response.get("content", {})
    if content.get("application/json", {}).get("schema"):
        return True
    return any(
        kind != "application/json" and body.get("schema", {}).get("format") == "binary"
        for kind, body in content.items()
    )


def test_every_successful_answer_has_a_schema():
    document = api.get_openapi_schema()
    untyped = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for status, response in operation["responses"].items()
        if 200 <= int(status) < 300 and not _has_schema(response)
    ]
    assert untyped == []


def _operations():
    document = api.get_openapi_schema()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_documents_its_422_with_the_one_schema():
    wrong = [
        name
        for name, operation in _operations()
        if operation["responses"].get(422, {}).get("content", {}).get("application/json", {}).get("schema")
        != {"$ref": "#/components/schemas/UnprocessableOut"}
    ]
    assert wrong == []


def test_every_operation_behind_the_session_documents_401():
    missing = [
        name
        for name, operation in _operations()
        if operation.get("security") and 401 not in operation["responses"]
    ]
    assert missing == []


def test_every_integer_parameter_is_bounded():
    unbounded = [
        f"{name} {parameter['name']}"
        for name, operation in _operations()
        for parameter in operation.get("parameters", [])
        for schema in [parameter["schema"], *parameter["schema"].get("anyOf", [])]
        if schema.get("type") == "integer" and not ("minimum" in schema and "maximum" in schema)
    ]
    assert unbounded == []


def test_no_two_schemas_of_the_api_share_a_name():
    """The document keys its schemas by class name: two classes of one name would show one shape for both
    (regions' detail once validated against monev's region)."""
    seen: dict[str, dict] = {}
    clashes = []
    # Every router module, so that a new one cannot bring a clash unseen (bills and payments both had LineOut).
    routers = [
        importlib.import_module(f"lindung.api.routers.{m.name}")
        for m in pkgutil.iter_modules(router_package.__path__)
    ]
    for module in (*routers, schemas):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Schema) and value is not Schema:
                shape = value.model_json_schema()
                if seen.setdefault(value.__name__, shape) != shape:
                    clashes.append(f"{module.__name__}.{name}")
    assert clashes == []
