"""Monev pages and the PDF report follow the chosen language; cached figures are kept per language."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import polars as pl
import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.monev.charts import bar_chart, budget_chart, progress_chart
from lindung.monev.recommendations import ARREARS_RULE
from lindung.monev.selectors import Ucj, monev_figures
from lindung.regions.services import InsurerCountRow, insurer_counts_store, working_population_set
from tests.accounts.builders import make_user

from .builders import BATAGUH, KAPUAS, PERIOD

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
        "Villages below 50 % of their quota",
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
    response = _client(make_user(Role.VERIFIKATOR, KAPUAS), language="en").get("/monev/laporan.pdf", Q)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Monitoring and evaluation report" in text and "Villages and their commitment" in text
    assert "Laporan monitoring dan evaluasi" not in text and "Desa dan komitmennya" not in text
    assert "Page 1 of " in text and "Lindung · monitoring report" in text and "Halaman" not in text
    assert "Members about to lose their protection" in text and "Committed (registered members)" in text


def test_the_audit_trail_names_a_report_in_indonesian_whatever_the_viewer_reads(dataset):
    _client(make_user(Role.VERIFIKATOR, KAPUAS), language="en").get("/monev/laporan.pdf", Q)
    event = AuditEvent.objects.filter(action="monev.report_pdf").latest("id")
    assert event.summary == "Laporan monev Kabupaten Kapuas Maret 2026 (pdf)"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_charts_and_recommendations_follow_the_language_whoever_came_first(dataset):
    # A working population far above the insurer's count of participants makes the budget rule fire too.
    working_population_set(actor=None, region_code=KAPUAS, year=2026, count=100_000, source="BPS")
    row = InsurerCountRow(
        KAPUAS, PERIOD, pu=4_000, bpu=2_000, jakon=1_000, working_population=None, row_number=2
    )
    insurer_counts_store(actor=None, rows=[row], edition="BPJS uji")
    user = make_user(Role.VERIFIKATOR, KAPUAS)
    # English first: the figures it caches must still read in Indonesian for the next viewer.
    english = _text(_client(user, language="en").get("/monev/", Q).content.decode())
    indonesian = _text(_client(user).get("/monev/", Q).content.decode())
    for en, id_ in (
        ("Budget, Kabupaten Kapuas", "Anggaran Kabupaten Kapuas"),
        (" Ceiling Rp 100.000.000", " Pagu Rp 100.000.000"),
        ("Committed (registered members) Rp 1.814.400", "Komitmen (peserta terdaftar) Rp 1.814.400"),
        ("Paid (contributions paid) Rp 201.600", "Realisasi (iuran dibayar) Rp 201.600"),
        ("Members about to lose their protection.", "Peserta hampir kehilangan perlindungan."),
        ("2 active members are 2–3 months in arrears in a row.", "2 peserta aktif menunggak 2–3 bulan"),
        ("Budget not enough for the UCJ target", "Anggaran belum cukup untuk target UCJ"),
        ("Districts in Kabupaten Kapuas", "Kecamatan di Kabupaten Kapuas"),
        ("active occupying a quota place", "aktif menempati kuota"),
        ("regency/city, March 2026", "kabupaten/kota, Maret 2026"),
        ("Male 3 / 5", "Laki-laki 3 / 5"),
    ):
        assert en in english and id_ not in english, (en, id_)
        assert id_ in indonesian and en not in indonesian, (en, id_)


def test_cached_figures_are_worded_in_the_reader_language(dataset):
    with translation.override("en"):
        monev_figures(BATAGUH, PERIOD)  # built and cached while English is active
    with translation.override("id"):
        figures = monev_figures(BATAGUH, PERIOD)
        arrears = next(r for r in figures.recommendations if r.rule == ARREARS_RULE)
        words = (
            figures.level_name,
            figures.child_level_name,
            figures.period_label,
            figures.breakdowns["gender"][0].label,
            figures.budget.programmes[0].ceiling_note,
            arrears.title,
            arrears.items[0],
        )
    assert words[:5] == ("kecamatan", "Desa/kelurahan", "Maret 2026", "Laki-laki", "sebanding kuota")
    assert words[5] == "Peserta hampir kehilangan perlindungan" and words[6].endswith(": 2 peserta")
    with translation.override("en"):
        assert figures.level_name == "district" and figures.child_level_name == "Village"
        assert figures.period_label == "March 2026" and figures.breakdowns["gender"][0].label == "Male"
        assert figures.budget.programmes[0].ceiling_note == "in proportion to the quota"
        assert arrears.title == "Members about to lose their protection"
        assert arrears.items[0].endswith(": 2 members")
    assert (
        arrears.rule == "peserta_hampir_kehilangan_perlindungan"
    )  # codes stay as they are in every language


def _skeleton(value):
    """The JSON with every text blanked: keys, numbers and nulls only."""
    if isinstance(value, dict):
        return {k: _skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_skeleton(v) for v in value]
    return "text" if isinstance(value, str) else value


def test_api_keys_and_numbers_do_not_depend_on_the_language(dataset):
    user = make_user(Role.VERIFIKATOR, KAPUAS)
    params = {"region": KAPUAS, "period": "2026-03"}
    english = _client(user, language="en").get("/api/monev", params).json()
    indonesian = _client(user).get("/api/monev", params).json()
    assert _skeleton(english) == _skeleton(indonesian)
    assert [r["rule"] for r in english["recommendations"]] == [
        r["rule"] for r in indonesian["recommendations"]
    ]
    assert english["people"] == indonesian["people"] and english["budget"]["ceiling"] == 100_000_000
    assert english["region"]["level"] == indonesian["region"]["level"] == "kabupaten/kota"
    assert (english["region"]["level_label"], indonesian["region"]["level_label"]) == (
        "regency/city",
        "kabupaten/kota",
    )


def test_xlsx_report_follows_the_language_with_the_same_figures(dataset):
    response = _client(make_user(Role.VERIFIKATOR, KAPUAS), language="en").get("/monev/laporan.xlsx", Q)
    summary = pl.read_excel(io.BytesIO(response.content), sheet_name="Summary", has_header=False)
    cells = dict(zip(summary[:, 0].to_list(), summary[:, 1].to_list(), strict=True))
    assert int(float(cells["Committed contributions"])) == 1_814_400
    assert int(float(cells["Contributions paid"])) == 201_600
    assert int(float(cells["Members 2-3 months in arrears"])) == 2 and int(float(cells["active"])) == 6
    villages = pl.read_excel(
        io.BytesIO(response.content), sheet_name="Village", read_options={"header_row": 1}
    )
    assert {"Code", "Village", "Quota", "Below 50 %"} <= set(villages.columns)


def test_charts_drawn_outside_a_page_use_the_active_language():
    with translation.override("en"):
        assert "No data yet" in bar_chart([], title="t", uid="t")
        assert "UCJ cannot be computed yet" in progress_chart(value=None, target=None, title="u", uid="u")
        assert "target 34.99 %" in progress_chart(value=None, target=Decimal("34.99"), title="u", uid="u")
        assert ">Ceiling<" in budget_chart(ceiling=1, committed=1, realised=0, title="b", uid="b")
    with translation.override("id"):
        assert "Belum ada data" in bar_chart([], title="t", uid="t")
        assert ">Realisasi (iuran dibayar)<" in budget_chart(
            ceiling=1, committed=1, realised=0, title="b", uid="b"
        )


def test_a_summed_working_population_is_explained_in_the_reader_language():
    ucj = Ucj(
        active=1, working_population=10, population_year=2026, population_summed=3, population_first_year=2025
    )
    with translation.override("id"):
        assert ucj.population_note == "Jumlah dari 3 wilayah di bawahnya (tahun 2025–2026)"
    with translation.override("en"):
        assert ucj.population_note == "Sum of the 3 regions below (years 2025–2026)"
    assert Ucj(active=1, population_remark="Sakernas Agustus").population_note == "Sakernas Agustus"
