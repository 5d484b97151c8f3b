"""/api/programmes/{code}/umbrella: the same lines as the page, all or nothing, Dana Desa refused."""

from __future__ import annotations

import json

import pytest

from lindung.accounts.models import Role
from lindung.programmes.models import VillageBudgetLine
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme
from tests.programmes.umbrella_builders import line, make_umbrella

pytestmark = pytest.mark.django_db


def put(client, code: str, lines: list[dict]):
    body = json.dumps({"lines": lines})
    return client.put(f"/api/programmes/{code}/umbrella", data=body, content_type="application/json")


def test_the_admin_puts_lines_and_reads_the_villages_not_budgeted(client):
    make_umbrella(code="kps-payung")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = put(client, "kps-payung", [line(PULAU_MAMBULAU)])
    assert response.status_code == 200
    data = client.get("/api/programmes/kps-payung/umbrella").json()
    assert (data["villages"], data["budgeted"], data["total_quota"]) == (214, 1, 100)
    assert PULAU_MAMBULAU not in data["not_budgeted"] and len(data["not_budgeted"]) == 213
    assert client.get("/api/programmes/kps-payung").json()["umbrella"] is True


def test_dana_desa_is_refused_with_422_and_the_reason(client):
    make_umbrella(code="kps-payung")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = put(client, "kps-payung", [line(PULAU_MAMBULAU, sub_source="dana_desa")])
    assert response.status_code == 422 and "4/PRI.00/I/2024" in response.json()["detail"]
    assert not VillageBudgetLine.objects.exists()


def test_a_village_operator_may_not_put(client):
    make_umbrella(code="kps-payung")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert put(client, "kps-payung", [line(PULAU_MAMBULAU)]).status_code == 403


def test_a_programme_that_is_not_an_umbrella_has_no_lines(client):
    make_programme(code="kps-apbd")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get("/api/programmes/kps-apbd/umbrella").status_code == 404
