"""The headers every response carries: django-csp's policy (the one Lindung's own middleware used to send),
the Permissions-Policy, and HSTS from Django's SecurityMiddleware behind HTTPS."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# The policy lindung.core.middleware sent before django-csp took over, word for word.
OLD_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def directives(policy: str) -> dict[str, list[str]]:
    """A policy as {directive: sources}: browsers read directives in any order, so the order is not compared."""
    parts = [p.split() for p in policy.split(";") if p.strip()]
    parsed = {p[0]: p[1:] for p in parts}
    assert len(parsed) == len(parts), f"a directive appears twice in {policy!r}"
    return parsed


def test_pages_send_the_same_content_security_policy_as_before():
    response = Client().get("/masuk/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == directives(OLD_POLICY)


def test_the_admin_and_the_api_docs_go_without_the_policy():
    # Both use inline scripts and styles; they were excluded before django-csp too.
    assert "Content-Security-Policy" not in Client().get("/admin/login/")
    assert "Content-Security-Policy" not in Client().get("/api/docs")


@pytest.mark.parametrize("path", ["/masuk/", "/admin/login/", "/tidak-ada/"])
def test_every_response_sends_the_permissions_policy(path):
    assert Client().get(path)["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_https_requests_get_the_same_hsts_header_as_before(settings, tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "lindung.settings",
        "LINDUNG_HTTPS": "1",
        "LINDUNG_DATA_DIR": str(tmp_path),
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    seconds, subdomains, preload = out.stdout.split()
    settings.SECURE_HSTS_SECONDS = int(seconds)
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = subdomains == "True"
    settings.SECURE_HSTS_PRELOAD = preload == "True"
    assert Client().get("/masuk/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
