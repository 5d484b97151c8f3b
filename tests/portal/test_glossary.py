"""The glossary explains each term once, in both languages; ``{% term %}`` links a word on a page to it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from lindung.portal.glossary import TERMS

pytestmark = pytest.mark.django_db

WORDS = [
    "UCJ",
    "BPU / PU",
    "KPJ",
    "JKK / JKM",
    "Pagu / Komitmen / Realisasi",
    "Menempati kuota",
    "Siltap",
    "Desil DTSEN",
    "P3KE",
    "Tabel panas",
    "Isian Lindung",
]


def test_every_named_term_is_in_the_glossary_once():
    words = [t.word for t in TERMS]
    assert sorted(words) == sorted(WORDS)
    assert len({t.key for t in TERMS}) == len(TERMS)


def test_the_glossary_page_is_indonesian_by_default(client):
    html = client.get("/istilah/").content.decode()
    assert 'id="ucj"' in html and "persen pekerja di suatu wilayah" in html


def test_the_glossary_page_is_english_when_chosen(client):
    client.post("/akun/bahasa/", {"language": "en", "next": "/istilah/"})
    html = client.get("/istilah/").content.decode()
    assert "the percentage of workers in an area" in html
    assert "persen pekerja" not in html


def test_the_footer_links_to_the_glossary(client):
    assert 'href="/istilah/"' in client.get("/masuk/").content.decode()


def test_term_tag_links_to_the_entry_with_a_short_explanation():
    html = Template('{% load lindung_ui %}{% term "kpj" %}').render(Context())
    assert 'href="/istilah/#kpj"' in html and ">KPJ</a>" in html
    assert 'aria-label="KPJ: Nomor kepesertaan BPJS Ketenagakerjaan (11 angka)"' in html


def test_term_tag_keeps_the_word_of_the_page_and_speaks_english_on_english_pages():
    with translation.override("en"):
        html = Template('{% load lindung_ui %}{% term "ucj" "UCJ" %}').render(Context())
    assert "the share of workers already covered" in html


def test_a_workers_page_links_kpj_to_the_glossary(client):
    from lindung.accounts.models import Role
    from tests.accounts.builders import signed_in
    from tests.people.builders import make_worker

    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, worker.village_id)
    assert 'href="/istilah/#kpj"' in client.get(f"/pekerja/{worker.pk}/").content.decode()
