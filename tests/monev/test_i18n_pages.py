"""Monev pages and the PDF report follow the chosen language; cached figures are kept per language."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from lindung.accounts.models import Role
from tests.accounts.builders import make_user

from .builders import KAPUAS

pytestmark = pytest.mark.django_db
Q = {"wilayah": KAPUAS, "periode": "2026-03"}


def _client(user=None, *, language: str | None = None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    if language:
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


def test_dashboard_is_in_english_after_an_indonesian_view_of_the_same_figures(dataset):
    user = make_user(Role.VERIFIKATOR, KAPUAS)
    assert ">peserta aktif<" in _client(user).get("/monev/", Q).content.decode()
    html = _client(user, language="en").get("/monev/", Q).content.decode()
    for english in (
        "active members",
        "Recommendations",
        "Villages below half their quota",
        "People by status",
        "Monthly trend",
        "Members by category",
        "PDF report",
        "Data as of",
    ):
        assert english in html, english
    for indonesian in (">peserta aktif<", ">Rekomendasi<", ">Tren bulanan<", ">Laporan PDF<", "Data per "):
        assert indonesian not in html, indonesian


def test_public_page_is_in_english_on_request(dataset):
    html = _client(language="en").get("/monev/publik/", Q).content.decode()
    assert "Transparency: Kabupaten Kapuas" in html
    assert "Public page: aggregate figures by region" in html
    assert "breakdown cells of 1–2 people are shown as «&lt;3»" in html
    assert "Halaman publik" not in html and "Angka agregat" not in html and "Transparansi" not in html


def test_pdf_report_follows_the_language(dataset):
    from pypdf import PdfReader

    response = _client(make_user(Role.VERIFIKATOR, KAPUAS), language="en").get("/monev/laporan.pdf", Q)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Monitoring and evaluation report" in text and "Villages and their commitment" in text
    assert "Laporan monitoring dan evaluasi" not in text and "Desa dan komitmennya" not in text
