"""The offline pieces served by Django: the service worker at the root, the manifest, the offline page."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders

from lindung.accounts.models import Role
from lindung.portal.offline import SHELL_FILES
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_from_the_root_with_its_settings(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    first, code = response.content.decode().split("\n", 1)
    config = json.loads(first.removeprefix("self.LINDUNG = ").removesuffix(";"))
    assert config["pages"] == ["/", "/luring/", "/pekerja/"]
    assert "/api/" in config["never"] and "/keluar/" in config["never"]
    assert "workbox-sw.js" in code


def test_every_shell_file_the_worker_keeps_exists():
    missing = [name for name in SHELL_FILES if not finders.find(name)]
    assert missing == []


def test_the_vendored_workbox_modules_the_worker_loads_exist():
    for module in (
        "workbox-sw.js",
        "workbox-core.prod.js",
        "workbox-routing.prod.js",
        "workbox-strategies.prod.js",
    ):
        assert finders.find(f"vendor/workbox/{module}"), module


def test_manifest_names_the_app_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_links_the_manifest_and_loads_the_outbox_script(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert "js/offline.js" in html and "vendor/idb.umd.js" in html
    assert 'id="lindung-offline"' in html


def test_the_outbox_settings_name_the_signed_in_user_and_the_counter_words(client):
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.get("/").content.decode()
    start = html.index('<script id="lindung-offline" type="application/json">') + len(
        '<script id="lindung-offline" type="application/json">'
    )
    config = json.loads(html[start : html.index("</script>", start)])
    assert config["user"] == user.username
    assert config["words"]["waiting"] == "%(n)s perubahan menunggu dikirim"
    assert config["api_people"] == "/api/people/"


def test_signed_out_pages_name_no_user(client):
    html = client.get("/masuk/").content.decode()
    assert '"user": ""' in html


def test_operator_opens_the_offline_page_with_their_village(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.get("/luring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="offline-worker-form"' in html
    assert f'<option value="{PULAU_MAMBULAU}">' in html
    assert "js/offline-form.js" in html


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.PETUGAS_BPJS, Role.ADMIN_PROGRAM])
def test_roles_that_do_not_register_people_are_refused_the_offline_page(client, role):
    signed_in(client, role, "62.03")
    assert client.get("/luring/").status_code == 403
    assert client.get("/luring/token/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_from_the_offline_page(client):
    assert client.get("/luring/").status_code == 302
    assert client.get("/luring/token/").status_code == 302


def test_token_names_the_user_and_is_never_cached(client):
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.get("/luring/token/")
    assert response.json()["user"] == user.username and response.json()["csrf"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
