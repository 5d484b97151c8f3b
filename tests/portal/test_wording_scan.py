"""Every page of every role, rendered in Indonesian, reads as Indonesian: no codes, field names or float junk.

The pages and roles are the permission matrix's (its ``world`` and table): every GET row that answers a page
(200, HTML) to a role is rendered as that role and its visible text is scanned for
- a snake_case word (``apbd_kabupaten``, ``import_batch``): a code shown instead of its label;
- an English model field name (``category``, ``gender``, ``findings``): a field shown instead of its label;
- a float artefact (``6203170109940040.0``, ``1234.0``): a number printed by Python, not for a reader.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from tests.test_permission_matrix import ROLES, _request, _rows, world  # noqa: F401 - world is a fixture

pytestmark = pytest.mark.django_db

SNAKE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")
# "AGPL-3.0-or-later" and "htmx 2.0.11" are names and versions, not numbers for a reader.
FLOAT = re.compile(r"(?<![\d.,-])\d+\.0(?![\d.-])")
# Field names that are also ordinary words on an Indonesian page, or names of things (NIK, KPJ, email).
NOT_ENGLISH = {
    "nik",
    "kpj",
    "rt",
    "rw",
    "email",
    "status",
    "sponsor",
    "kode",
    "nama",
    "code",
    "name",
    "region",
    "programme",
    "desa",
    "iuran",
    "siltap",
    "apbdes",
    "total",
    "id",
    "data",
    "role",
    "note",
    "year",
    "month",
    "period",
    "quota",
    "user",
    "actor",
    "summary",
    "detail",
    "kind",
    "level",
    "phone",
    "address",
    "position",
    "institution",
    "contact",
    "nip",
    "segment",
    "months",
    "owner",
    "result",
    "message",
    "params",
    "job",
}
# Field names that are Indonesian words too ("Pekerja informal lainnya").
INDONESIAN = {"informal", "kecamatan", "desa", "kabupaten", "provinsi", "sponsor", "program"}


def _english_field_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        if not model.__module__.startswith("lindung."):
            continue
        for field in model._meta.get_fields():
            name = getattr(field, "name", "")
            label = str(getattr(field, "verbose_name", name)).lower()
            # A field whose label is its own name ("kecamatan") is an Indonesian word, not a code.
            english = label != name.lower() and name not in NOT_ENGLISH and name not in INDONESIAN
            if name and "_" not in name and name.isalpha() and english and len(name) > 3:
                names.add(name)
    return names


class _Text(HTMLParser):
    """The text a reader sees: element content outside script, style and template, and no attributes."""

    HIDDEN = {"script", "style", "template", "datalist"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def wording_problems(text: str, fields: set[str]) -> list[str]:
    """What in ``text`` a village office should never read."""
    found = [f"kode: {m}" for m in SNAKE.findall(text)]
    found += [f"angka: {m}" for m in FLOAT.findall(text)]
    words = set(re.findall(r"(?<![\w.-])[a-z]+(?![\w.-])", text))
    found += [f"nama field: {w}" for w in sorted(words & fields)]
    return found


def test_the_scan_catches_each_kind_of_wording_problem():
    text = visible_text(
        "<p>Sumber apbd_kabupaten; NIK 6203170109940040.0; diubah: category, gender</p>"
        "<script>var a_b = 1.0</script><p>htmx 2.0.11 · Rp 1.000 · 12,5%</p>"
    )
    found = wording_problems(text, {"category", "gender"})
    assert found == [
        "kode: apbd_kabupaten",
        "angka: 6203170109940040.0",
        "nama field: category",
        "nama field: gender",
    ]


def _pages(w):
    for label, expected in _rows():
        method, rest = label.split(" ", 1)
        if method != "GET" or rest.startswith("/api/") or re.search(r"\.(xlsx|pdf|csv|json)|healthz", rest):
            continue
        for role, want in zip(ROLES, expected, strict=True):
            if want == "200":
                yield label, role


def test_every_page_of_every_role_reads_as_indonesian(world):  # noqa: F811 - the matrix's fixture
    fields = _english_field_names()
    problems = []
    for label, role in _pages(world):
        # A page that fails is the permission matrix's finding; here it only must not stop the scan.
        client = Client(raise_request_exception=False)
        if role != "anonim":
            client.force_login(world["users"][role])
        with transaction.atomic():
            response = _request(client, label, world)
            transaction.set_rollback(True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if '<html lang="id">' not in html and "<html" in html:
            problems.append(f"{label} as {role}: not Indonesian")
        for problem in wording_problems(visible_text(html), fields):
            problems.append(f"{label} as {role}: {problem}")
    unique = sorted(set(problems))
    assert unique == [], "\n".join(unique)
