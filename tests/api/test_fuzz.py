"""Schemathesis against the whole API, as a kabupaten admin_program and as a national superadmin.

Every operation of the OpenAPI document gets generated valid and invalid input, through the WSGI app in this
process and the test database. Every built-in check runs: no 500, no status the document does not list, no
answer that strays from its schema or content type. ``scripts/fuzz-api`` (``make fuzz``) runs the same module
with ten times the examples.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CHECKS

from lindung.accounts.models import Role
from lindung.api.main import api
from lindung.wsgi import application
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

EXAMPLES = int(os.environ.get("LINDUNG_FUZZ_EXAMPLES", "8"))
CSRF_TOKEN = "fuzzcsrf" * 4  # 32 characters: Django accepts an unmasked secret in the cookie and header

# A schema-valid request may still be refused by a business rule (an unknown funding source, a region
# outside the caller's): that is a named 400. It is never a 422, which says the input strays from the
# document, except where the registry's checks block a person's data (422 with ``findings``).
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]

[[operations]]
include-path-regex = '^/api/people/([{]worker_id[}])?$'
include-method-regex = "^(POST|PUT)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "422"]
"""
schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(), config=schemathesis.config.SchemathesisConfig.from_str(CONFIG)
)
schema.app = application

# Requests sent per operation, printed by tests/api/conftest.py at the end of the run.
TALLY: Counter[str] = Counter()
ROLES = {"admin_program_62_03": (Role.ADMIN_PROGRAM, "62.03"), "superadmin": (Role.SUPERADMIN, None)}
# The session of the role under test. Schemathesis asks its auth provider for every case, so it knows the
# credentials are real: its ignored_auth check then sends each operation again without them, and with a
# forged session, and expects a refusal.
SIGNED_IN: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SessionAuth:
    def get(self, case, ctx):
        # Also asked while pytest collects the operations, before any role has signed in.
        return SIGNED_IN.get("sessionid", "")

    def set(self, case, data, ctx):
        case.cookies = {**(case.cookies or {}), "sessionid": data}


@pytest.fixture(params=sorted(ROLES))
def signed_in(request, db):
    role, region = ROLES[request.param]
    client = Client()
    client.force_login(make_user(role, region, username=f"fuzz-{request.param}"))
    SIGNED_IN["sessionid"] = client.cookies["sessionid"].value
    yield
    SIGNED_IN.clear()


@pytest.fixture
def connection_kept():
    """Keep the test's database connection across the WSGI requests, as Django's test client does: the
    handler's request signals would close it, and the test transaction with it (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(db):
    """A programme and an enrolment, so that ids and codes the generator picks sometimes exist."""
    make_enrolment(programme=make_programme(code="kps"))


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_no_operation_answers_500_or_strays_from_the_document(case, records, signed_in, connection_kept):
    TALLY[case.operation.label] += 1
    case.call_and_validate(
        cookies={"csrftoken": CSRF_TOKEN},
        headers={"X-CSRFToken": CSRF_TOKEN},
        checks=list(CHECKS.get_all()),
    )
