"""Labels on every input of the main pages, and text colours with enough contrast (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import lindung
from lindung.accounts.models import Role
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import current_programme

CSS = Path(lindung.__file__).parent / "static" / "css" / "lindung.css"


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: list[dict] = []
        self.labels: set[str] = set()
        self._in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.labels.add(a["for"])
        if tag in {"input", "select", "textarea"} and a.get("type") not in {"hidden", "submit", "button"}:
            self.fields.append(a | {"_wrapped": self._in_label > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self._in_label -= 1


def _unlabelled(html: str) -> list[str]:
    parser = _Fields()
    parser.feed(html)
    return [
        f.get("name") or f.get("id") or "?"
        for f in parser.fields
        if not (f.get("id") in parser.labels or f.get("aria-label") or f["_wrapped"])
    ]


@pytest.mark.django_db
def test_every_input_on_the_main_pages_has_a_label(client):
    programme = current_programme()
    enrolment = make_enrolment(programme=programme)
    pages = {
        Role.OPERATOR_DESA: [
            "/pekerja/",
            "/pekerja/baru/",
            f"/pekerja/{enrolment.worker_id}/ubah/",
            "/akun/sandi/",
        ],
        Role.VERIFIKATOR: ["/kepesertaan/verifikasi/"],
        Role.ADMIN_PROGRAM: [
            "/program/baru/",
            f"/program/{programme.pk}/",
            f"/pekerja/{enrolment.worker_id}/",
        ],
        Role.AUDITOR: ["/audit/"],
        Role.SUPERADMIN: ["/akun/pengguna/baru/"],
    }
    regions = {Role.OPERATOR_DESA: "62.03.17.2002", Role.SUPERADMIN: None}
    problems = {}
    for role, paths in pages.items():
        client.logout()
        signed_in(client, role, regions.get(role, "62.03"))
        for path in paths:
            html = client.get(path).content.decode()
            assert "<form" in html, path
            if missing := _unlabelled(html):
                problems[path] = missing
    client.logout()
    if missing := _unlabelled(client.get("/masuk/").content.decode()):
        problems["/masuk/"] = missing
    assert problems == {}


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Text colour on background colour, as the stylesheet pairs them.
PAIRS = [
    ("ink", "paper"),
    ("ink", "wash"),
    ("muted", "paper"),
    ("muted", "wash"),
    ("brand", "paper"),
    ("brand-ink", "brand"),
    ("brand-ink", "brand-dark"),
    ("brand-dark", "info-wash"),
    ("ok", "ok-wash"),
    ("warn", "warn-wash"),
    ("bad", "bad-wash"),
    ("bad", "paper"),
    ("ink", "bad-wash"),
    ("ink", "warn-wash"),
    ("ink", "info-wash"),
]


def test_text_colours_have_enough_contrast():
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))
    weak = {f"{fg} on {bg}": round(_contrast(colours[fg], colours[bg]), 2) for fg, bg in PAIRS}
    assert {pair: ratio for pair, ratio in weak.items() if ratio < 4.5} == {}
