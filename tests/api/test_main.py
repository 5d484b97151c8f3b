"""The API as a whole: its documentation pages, and how it answers input it cannot take and its own errors."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from lindung.accounts.models import Role
from lindung.api.routers import regions
from tests.accounts.builders import signed_in

pytestmark = pytest.mark.django_db
HUGE = 10**20  # beyond a signed 64-bit integer
TOKEN = "uji" * 8 + "csrftokn"  # 32 characters, as Django's CSRF secret


def test_openapi_docs_work_without_internet(client):
    """The Swagger page loads its scripts from our own static files: offices may have no internet."""
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    schema = client.get("/api/openapi.json").json()
    assert {"/api/people/", "/api/transfer/imports", "/api/monev"} <= set(schema["paths"])


@pytest.mark.parametrize("url", ["/api/docs", "/api/openapi.json"])
def test_the_documentation_is_for_signed_in_users_only(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"/api/people/?programme={HUGE}", "programme"),
        (f"/api/people/{HUGE}", "worker_id"),
        ("/api/people/?page=1000000000000000000000000000000", "page"),
        ("/api/people/?page=-1", "page"),
        ("/api/enrolments/?page=1000000000000000000000000000000", "page"),
        (f"/api/enrolments/eligibility?worker={HUGE}&programme=kps", "worker"),
        (f"/api/transfer/imports/{HUGE}", "pk"),
        (f"/api/transfer/imports/{HUGE}/rows", "pk"),
        ("/api/transfer/imports/1/rows?offset=-1", "offset"),
        (f"/api/transfer/imports/1/rows?offset={HUGE}", "offset"),
        ("/api/transfer/imports/1/rows?limit=0", "limit"),
        (f"/api/transfer/imports/1/rows?limit={HUGE}", "limit"),
        (f"/api/programmes/?year={HUGE}", "year"),
        (f"/api/programmes/contribution?month=2026-01&income={HUGE}", "income"),
    ],
)
def test_an_integer_out_of_bounds_is_a_named_422(client, url, field):
    signed_in(client, Role.SUPERADMIN)
    response = client.get(url)
    assert response.status_code == 422
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["detail"] == f"Isian tidak sah: {field}." and body["findings"] == []


def test_the_422_names_location_field_kind_and_an_indonesian_message(client):
    signed_in(client, Role.SUPERADMIN)
    body = client.get("/api/people/?page=0").json()
    assert body["errors"] == [
        {"location": "query", "field": "page", "type": "greater_than_equal", "message": "paling kecil 1"}
    ]


def test_ids_beyond_64_bits_in_a_body_are_a_422(client):
    signed_in(client, Role.SUPERADMIN)
    response = client.post("/api/enrolments/verify", {"ids": [2**64]}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "location": "body",
        "field": "ids.0",
        "type": "less_than_equal",
        "message": "paling besar 9223372036854775807",
    }


def test_a_body_that_is_not_a_json_object_is_a_400(client):
    signed_in(client, Role.SUPERADMIN)
    response = client.post("/api/people/search", "true", content_type="application/json")
    assert response.status_code == 400 and response.json() == {"detail": "Badan permintaan harus objek JSON."}


def test_a_multipart_body_without_boundary_is_a_400():
    # The CSRF check reads the form, as it does for every session caller outside tests.
    client = Client(enforce_csrf_checks=True)
    signed_in(client, Role.SUPERADMIN)
    client.cookies["csrftoken"] = TOKEN
    response = client.post(
        "/api/people/search", "{}", content_type="multipart/form-data", headers={"X-CSRFToken": TOKEN}
    )
    assert response.status_code == 400 and "Badan permintaan tidak terbaca" in response.json()["detail"]


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/people/abc")
    assert response.status_code == 404
    assert response.json() == {"detail": "Alamat API tidak ditemukan."}


def test_not_signed_in_is_a_401_in_indonesian(client):
    response = client.get("/api/people/")
    assert response.status_code == 401 and response.json() == {"detail": "Masuk dulu untuk memakai API ini."}


def test_an_unexpected_error_is_a_logged_json_500(client, monkeypatch, caplog):
    def broken(code):
        raise RuntimeError("the region table is gone")

    monkeypatch.setattr(regions, "region_children", broken)
    signed_in(client, Role.SUPERADMIN)
    with caplog.at_level(logging.ERROR, logger="lindung.api.main"):
        response = client.get("/api/regions/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"].startswith("Terjadi kesalahan di server")
    assert "the region table is gone" not in response.content.decode()
    assert any("the region table is gone" in r.exc_text for r in caplog.records if r.exc_text)
