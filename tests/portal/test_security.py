"""Headers and habits every page keeps: CSP without inline code, CSRF, no personal data in URLs, and the
secure-cookie settings behind HTTPS."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import lindung
from lindung.accounts.models import Role
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU, make_worker

pytestmark = pytest.mark.django_db
TEMPLATES = sorted(Path(lindung.__file__).parent.rglob("templates/**/*.html"))
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= event handler"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on (needs eval)"),
    (re.compile(r"https?://(?!www\.w3\.org)", re.I), "absolute URL to another site"),
]


def test_every_template_keeps_to_the_content_security_policy():
    assert TEMPLATES, "no templates found"
    problems = [
        f"{path}: {what}"
        for path in TEMPLATES
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert problems == []


def test_pages_send_the_content_security_policy(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    csp = client.get("/pekerja/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp


def test_htmx_is_told_not_to_inject_its_inline_style(client):
    html = Client().get("/masuk/").content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in html


def test_posts_without_the_csrf_token_are_refused():
    worker = make_worker()
    client = Client(enforce_csrf_checks=True)
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert client.post("/pekerja/", {"q": worker.nik}).status_code == 403
    assert client.post("/pekerja/periksa-nik/", {"nik": worker.nik}).status_code == 403
    assert user.is_authenticated


def test_nik_fields_are_only_ever_posted():
    """Any form or htmx request that carries a NIK or a search text uses POST, so it never lands in a URL."""
    offenders = []
    for path in TEMPLATES:
        text = path.read_text()
        for form in re.findall(r"<form\b.*?</form>", text, flags=re.S | re.I):
            opening = form.split(">", 1)[0]
            is_get = 'method="get"' in opening.lower() or "method=" not in opening.lower()
            if is_get and re.search(r'name="(nik|q|kk_number)"|form\.(nik|q)\b', form):
                offenders.append(str(path))
        if re.search(r"hx-get=[^>]*\bnik\b", text):
            offenders.append(f"{path}: hx-get with nik")
    assert offenders == []


def test_secure_cookies_and_hsts_when_served_over_https(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lindung.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = os.environ | {"LINDUNG_HTTPS": "1", "LINDUNG_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "True"]
