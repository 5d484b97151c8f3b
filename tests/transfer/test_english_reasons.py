"""English pages are English throughout: an import's reasons, its summary, a budget plan's notes, the insurer's
reply summary. What is stored (and exported) stays Indonesian; the text is built when the page is shown."""

from __future__ import annotations

import datetime as dt
import re
import string
from html import unescape

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lindung.accounts.models import Role
from lindung.people.findings import KINDS, finding, finding_shown
from lindung.people.findings.render import finding_params, finding_text
from lindung.programmes.planner import PlanParams, budget_plan
from lindung.transfer import parsing
from lindung.transfer.columns import COLUMN_SETS
from lindung.transfer.models import ImportBatch
from lindung.transfer.outcome import FIELD_LABELS, batch_summary
from lindung.transfer.templatetags.transfer_text import LINDUNG_NAMES, reason_column, reason_text, stage_text
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU

from .builders import csv_bytes, outcome, person, run, sheet_rows

pytestmark = pytest.mark.django_db


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(KINDS))
def test_every_finding_reads_back_and_has_an_english_wording_with_the_same_values(code):
    kind = KINDS[code]
    values = {name: f"<{name}7>" for name in _names(kind.template)}
    stored = kind.template.format(**values)
    assert finding_params(kind, stored) == values
    with translation.override("en"):
        english = finding_text(kind, values, stored)
    assert english != stored, "no English translation"
    with translation.override("en"):
        assert _names(gettext(kind.template)) == _names(kind.template)
    with translation.override("id"):
        assert finding_text(kind, values, stored) == stored


@pytest.mark.parametrize("code", sorted(KINDS))
def test_values_only_a_space_apart_stay_together_in_english(code):
    """ "{label} {value}" cannot be split back for certain (a label has spaces too), so the English wording
    keeps such a pair together, and a value read back split elsewhere still reads the same."""
    template = KINDS[code].template
    pairs = re.findall(r"(?=(\{\w+\}\s+\{\w+\}))", template)
    with translation.override("en"):
        english = gettext(template)
    for pair in pairs:
        assert pair in english


def test_a_stored_finding_is_shown_in_the_active_language():
    stored = finding("gender_unreadable", value="Q").message
    with translation.override("en"):
        assert (
            finding_shown("gender_unreadable", stored)
            == 'Gender "Q" is not recognised; enter L (male) or P (female).'
        )
        assert finding_shown("no_such_code", "apa saja") == "apa saja"
    assert finding_shown("gender_unreadable", stored) == stored


def test_a_message_that_does_not_fit_its_template_is_shown_as_stored():
    kind = KINDS["gender_unreadable"]
    assert finding_params(kind, "something else") is None
    with translation.override("en"):
        assert finding_text(kind, None, "something else") == "something else"


def test_lindung_names_of_columns_and_skip_reasons_are_all_translatable():
    lindung_names = {c.label for cols in COLUMN_SETS.values() for c in cols} | set(FIELD_LABELS.values())
    skips = {getattr(parsing, n) for n in dir(parsing) if n.startswith("SKIP_")}
    assert skips | lindung_names <= LINDUNG_NAMES
    with translation.override("en"):
        untranslated = {t for t in LINDUNG_NAMES if gettext(t) == t}
    assert untranslated <= {"NIK", "Email", "No", "RT/RW", "RT", "RW", "Status"}


def _import_with_problems(tmp_path, user):
    rows = [person(1), person(2, gender="L"), person(3)]
    rows[1][4] = "X"  # gender column: neither L nor P
    rows[2][3] = "31-02-1985"  # birth date: no such day
    return run(tmp_path, "desa.csv", csv_bytes(sheet_rows(rows)), actor=user)


def _english(client) -> None:
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/unggah/"}).status_code == 302


def test_an_import_result_page_gives_its_reasons_in_english_when_the_account_chose_english(client, tmp_path):
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    batch = _import_with_problems(tmp_path, user)
    assert batch.status == ImportBatch.Status.DONE and batch.rejected == 2, batch.message
    _english(client)
    html = unescape(client.get(f"/unggah/{batch.pk}/").content.decode())
    assert 'Gender "X" is not recognised' in html
    assert 'Date of birth "31-02-1985" cannot be read' in html
    assert "Totals row" in html
    assert "tidak dikenal" not in html and "tidak dapat dibaca" not in html and "Baris jumlah" not in html
    # The uploader's own headers are shown as written.
    assert "<strong>L/P</strong>" in html and "<strong>TGL LAHIR</strong>" in html
    # What was stored stays Indonesian: the summary, the reasons and the outcome file.
    batch.refresh_from_db()
    assert "baris data" in batch.message
    reasons = [r["message"] for p in batch.problems for r in p["reasons"]]
    assert any('Jenis kelamin "X" tidak dikenal' in m for m in reasons)
    assert any("Jenis kelamin" in why for _, why in outcome(batch).values())


def test_an_import_result_page_stays_indonesian_by_default(client, tmp_path):
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    batch = _import_with_problems(tmp_path, user)
    html = unescape(client.get(f"/unggah/{batch.pk}/").content.decode())
    assert 'Jenis kelamin "X" tidak dikenal; isi L (laki-laki) atau P (perempuan).' in html
    assert "Baris jumlah/total" in html
    assert "is not recognised" not in html and "Totals row" not in html


def test_a_batch_summary_is_built_in_the_viewers_language(tmp_path):
    batch = _import_with_problems(tmp_path, None)
    with translation.override("id"):
        assert batch_summary(batch) == batch.message
    with translation.override("en"):
        english = batch_summary(batch)
    assert english.startswith("3 data rows: 1 accepted") and "baris" not in english


def test_an_insurer_reply_summary_is_built_in_the_viewers_language():
    batch = ImportBatch(
        kind=ImportBatch.Kind.INSURER_REPLY,
        status=ImportBatch.Status.DONE,
        rows_total=5,
        accepted=3,
        flagged=1,
        rejected=1,
        skipped=0,
        enrolled=3,
        updated=4,
        unchanged=0,
    )
    with translation.override("id"):
        indonesian = batch_summary(batch)
    with translation.override("en"):
        english = batch_summary(batch)
    assert "4 diterapkan, 1 ditolak" in indonesian and "3 diaktifkan, 1 ditolak BPJS" in indonesian
    assert "4 applied, 1 rejected" in english and "3 activated, 1 refused by BPJS" in english
    failed = ImportBatch(
        kind=ImportBatch.Kind.INSURER_REPLY, status=ImportBatch.Status.FAILED, message="rusak"
    )
    assert batch_summary(failed) == "rusak"


def _plan_notes(language: str) -> list[str]:
    params = PlanParams(
        region_code="62.03",
        per_village=None,
        total_quota=10_000,
        months=12,
        start=dt.date(2026, 1, 1),
        income=1_000_000,
        funding_source="apbd_kabupaten",
        include_kelurahan=False,
    )
    with translation.override(language):
        return budget_plan(params).notes


def test_plan_notes_follow_the_language():
    indonesian, english = _plan_notes("id"), _plan_notes("en")
    assert any(n.startswith("Kuota total 10.000 orang, tidak dibagi per desa") for n in indonesian)
    assert any("Kelurahan tidak dihitung" in n for n in indonesian)
    assert any(n.startswith("Total quota of 10,000 people, not divided among villages") for n in english)
    assert any("Kelurahan are not counted" in n for n in english)
    assert not any("Kuota" in n or "tidak" in n for n in english)


def test_the_plan_preview_page_gives_its_notes_in_english(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    client.post("/i18n/setlang/", {"language": "en", "next": "/program/rencana/"})
    form = {
        "coverage_region": "62.03",
        "start_month": "2026-01",
        "months": "12",
        "total_quota": "10000",
        "funding_source": "apbd_kabupaten",
        "segment": "BPU",
        "declared_income": "1000000",
    }
    html = client.post("/program/rencana/", form).content.decode()
    assert "Total quota of 10,000 people, not divided among villages" in html
    assert "tidak dibagi per desa" not in html


def test_reasons_kept_before_they_carried_values_are_read_back():
    old = {
        "column": "Nama Lengkap",
        "message": 'Jenis kelamin "Q" tidak dikenal; isi L (laki-laki) atau P (perempuan).',
    }
    with translation.override("en"):
        assert reason_text(old | {"code": "gender_unreadable"}).startswith('Gender "Q" is not recognised')
        assert reason_text(old) == old["message"]  # no code: as stored
        assert reason_column(old) == "Full name"
        assert reason_column(old | {"own_column": True}) == "Nama Lengkap"
        assert reason_text({"column": "", "message": "Baris kosong", "severity": "info"}) == "Blank row"


def test_a_running_imports_stage_is_shown_in_the_active_language():
    with translation.override("en"):
        assert stage_text("Mencocokkan balasan") != "Mencocokkan balasan"
        assert stage_text("Membaca berkas") == "Reading the file"
        assert stage_text("") == ""
    assert stage_text("Membaca berkas") == "Membaca berkas"
