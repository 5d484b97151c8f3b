"""Bahasa Indonesia by default, English through Django i18n: a complete catalogue, compiled, and switchable."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import lindung
from lindung.accounts.models import Role
from tests.accounts.builders import signed_in

CATALOGUE = Path(lindung.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def _po_entries() -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry of the English .po, header excluded."""
    entries = []
    for block in CATALOGUE.joinpath("django.po").read_text(encoding="utf-8").split("\n\n"):
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        parts: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if m := re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line):
                key = m.group(1)
                parts[key] = m.group(2)
            elif line.startswith('"') and key:
                parts[key] += line[1:-1]
        if parts.get("msgid"):
            strs = [v for k, v in parts.items() if k.startswith("msgstr")]
            entries.append((parts["msgid"], strs, fuzzy))
    return entries


def test_every_message_has_an_english_translation():
    entries = _po_entries()
    assert len(entries) > 300
    untranslated = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    with CATALOGUE.joinpath("django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for msgid, strs, _ in _po_entries():
        text = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        want = strs[0].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if compiled.gettext(text) != want and compiled.ngettext(text, text, 1) != want:
            stale.append(msgid)
    assert stale == [], "run `lindung compilemessages` after editing the .po file"


@pytest.mark.django_db
def test_pages_are_indonesian_by_default_and_english_on_request(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    html = client.get("/pekerja/").content.decode()
    assert '<html lang="id">' in html and ">Pekerja</a>" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pekerja/"})
    assert response.status_code == 302
    html = client.get("/pekerja/").content.decode()
    assert '<html lang="en">' in html and ">Workers</a>" in html and "Search NIK, KPJ or name" in html


@pytest.mark.django_db
def test_dates_follow_the_language(client):
    from lindung.core.models import AuditEvent
    from lindung.core.services import audit_record

    event = audit_record(
        actor=None, action="worker.view", object_type="worker", object_id=1, region_code="62.03"
    )
    AuditEvent.objects.filter(pk=event.pk).update(at="2026-08-17T03:00:00Z")
    signed_in(client, Role.AUDITOR, "62.03")
    assert "17 Agustus 2026" in client.get("/audit/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/audit/"})
    assert "17 August 2026" in client.get("/audit/").content.decode()
