"""Dashboard, public page, API and reports: the same numbers, to the person; scope; no personal data."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import polars as pl
import pytest
from django.test import Client
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.monev.models import MonevThreshold
from lindung.monev.selectors import monev_figures
from lindung.monev.services import monev_refresh
from lindung.people.models import Worker
from tests.accounts.builders import make_user

from .builders import BATAGUH, KALBAR, KAPUAS, MAMBULAU, NEIGHBOUR, PERIOD

pytestmark = pytest.mark.django_db
Q = {"wilayah": KAPUAS, "periode": "2026-03"}


def client_for(user=None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def official(dataset):
    return client_for(make_user(Role.VERIFIKATOR, KAPUAS))


def expected(code: str = KAPUAS) -> dict:
    return monev_figures(code, PERIOD).to_dict()


def test_api_returns_the_selector_figures(official):
    data = official.get("/api/monev", {"region": KAPUAS, "period": "2026-03"}).json()
    assert data == expected()
    assert data["people"]["status"] == {
        "proposed": 1,
        "verified": 1,
        "submitted": 1,
        "active": 6,
        "non_active": 0,
        "ended": 1,
        "rejected": 1,
    }


def test_public_api_and_page_show_the_same_totals_without_login(dataset):
    anonymous = client_for()
    public = anonymous.get("/api/monev/publik", {"region": KAPUAS, "period": "2026-03"}).json()
    full = expected()
    for key in ("people", "children", "villages_below_half", "villages_at_risk", "ucj", "budget", "trend"):
        assert public[key] == full[key], key
    page = anonymous.get("/monev/publik/", Q)
    assert page.status_code == 200 and page["Cache-Control"] == "public, max-age=300"
    assert "Monev Kabupaten Kapuas" in page.content.decode()


def test_dashboard_shows_the_figures(official):
    html = official.get("/monev/", Q).content.decode()
    fig = monev_figures(KAPUAS, PERIOD)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert f"{fig.counts.active} peserta aktif" in text
    assert f"{fig.counts.occupying} dari {f'{fig.counts.quota:,}'.replace(',', '.')} tempat" in text
    assert "Rp 201.600 realisasi dari komitmen Rp 1.814.400" in text
    assert "2 peserta menunggak 2–3 bulan" in text
    assert 'hx-get="/monev/?wilayah=62.03.17&amp;periode=2026-03"' in html  # drill-down row


def test_dashboard_shows_the_months_bills_payments_and_moves(official):
    html = official.get("/monev/", Q).content.decode()
    assert "Tagihan, pembayaran dan status bulan Maret 2026" in html
    assert "dibayar dari tagihan bulan ini" in html
    assert "Menunggu dinonaktifkan" in html and "Aktif kembali bulan ini" in html
    assert "Rp 50.400" in html  # March paid by three people


def test_dashboard_htmx_request_gets_the_fragment_only(official):
    response = official.get("/monev/", {"wilayah": BATAGUH, "periode": "2026-03"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="monev"') and "<html" not in html


def test_pdf_report_contains_the_figures(official):
    response = official.get("/monev/laporan.pdf", Q)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Monev Kabupaten Kapuas" in text
    assert "6 peserta aktif" in text
    assert "Rp 1.814.400" in text and "Rp 201.600" in text
    assert "Desa di bawah 50 % kuota" in text and NEIGHBOUR in text
    assert "Halaman 1 dari " in text and "Lindung · laporan monev" in text


def test_xlsx_report_cells_hold_the_figures(official):
    response = official.get("/monev/laporan.xlsx", Q)
    body = response.content
    summary = pl.read_excel(io.BytesIO(body), sheet_name="Ringkasan", has_header=False)
    cells = dict(zip(summary[:, 0].to_list(), summary[:, 1].to_list(), strict=True))

    def num(label):
        return int(float(cells[label]))

    assert num("aktif") == 6 and num("Peserta aktif") == 6 and num("diusulkan") == 1 and num("ditolak") == 1
    assert num("Komitmen iuran") == 1_814_400 and num("Realisasi iuran") == 201_600
    assert num("Peserta menunggak 2-3 bulan") == 2
    assert num("Dibayar untuk bulan ini") == 3 * 16_800 and num("Ditagih bulan ini") == 0
    assert num("Menjadi non-aktif bulan ini") == 0 and num("Aktif kembali bulan ini") == 0
    villages = pl.read_excel(io.BytesIO(body), sheet_name="Desa", read_options={"header_row": 1})
    neighbour = villages.filter(pl.col("Kode") == NEIGHBOUR).row(0, named=True)
    assert (neighbour["Kuota"], neighbour["Menempati kuota"], neighbour["Aktif"]) == (10, 2, 2)
    assert neighbour["Di bawah 50 %"] == "ya"


def test_kabupaten_user_cannot_open_another_province(official):
    for url, params in (
        ("/monev/", {"wilayah": KALBAR}),
        ("/monev/laporan.pdf", {"wilayah": KALBAR}),
        ("/monev/laporan.xlsx", {"wilayah": "61.07"}),
        ("/api/monev", {"region": KALBAR}),
    ):
        assert official.get(url, params).status_code == 404, url


def test_village_operator_dashboard_defaults_to_their_village(dataset):
    client = client_for(make_user(Role.OPERATOR_DESA, MAMBULAU))
    html = client.get("/monev/", {"periode": "2026-03"}).content.decode()
    assert "Monev Pulau Mambulau" in html
    assert client.get("/monev/", {"wilayah": NEIGHBOUR}).status_code == 404


def test_dashboard_requires_login(dataset):
    response = client_for().get("/monev/", Q)
    assert response.status_code == 302 and "next=/monev/" in response["Location"]


def test_public_outputs_carry_no_personal_data(dataset):
    anonymous = client_for()
    outputs = [
        anonymous.get("/monev/publik/", {"wilayah": code, "periode": "2026-03"}).content.decode()
        for code in ("", KAPUAS, BATAGUH, MAMBULAU)
    ] + [
        anonymous.get("/api/monev/publik", {"region": code, "period": "2026-03"}).content.decode()
        for code in (KAPUAS, MAMBULAU)
    ]
    for worker in Worker.objects.all():
        for out in outputs:
            assert worker.nik not in out and worker.nik[:6] + "*" not in out
            assert worker.full_name not in out
            assert worker.phone not in out


def test_unknown_region_is_404_on_the_public_page(dataset):
    assert client_for().get("/monev/publik/", {"wilayah": "99.99"}).status_code == 404


def test_bad_period_is_explained(official):
    response = official.get("/api/monev", {"region": KAPUAS, "period": "maret"})
    assert response.status_code == 400
    assert "TTTT-BB" in response.json()["detail"]


def test_refresh_button_rebuilds_for_programme_admins(dataset):
    admin = client_for(make_user(Role.ADMIN_PROGRAM, KAPUAS))
    response = admin.post("/monev/perbarui/", {"wilayah": KAPUAS, "periode": "2026-03"})
    assert response.status_code == 302
    assert (
        client_for(make_user(Role.AUDITOR, KAPUAS))
        .post("/monev/perbarui/", {"periode": "2026-03"})
        .status_code
        == 403
    )


def test_dashboard_names_the_threshold_in_force(official):
    MonevThreshold.objects.create(
        key=MonevThreshold.Key.QUOTA_BEHIND, percent=Decimal("37.5"), valid_from=PERIOD, legal_basis="Uji"
    )
    monev_refresh(period=PERIOD, today=dt.date(2026, 3, 31))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", official.get("/monev/", Q).content.decode()))
    assert "desa di bawah 37,5 %)" in text and "Desa di bawah 37,5 % kuota" in text
    assert "kuota terisi di bawah 37,5 %;" in text
    assert "separuh" not in text and "di bawah 50 %" not in text  # the UCJ gauge's 50 % tick is a scale


def test_charts_are_svg_without_style_attributes(official):
    html = official.get("/monev/", Q).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 6
    assert not any(" style=" in svg for svg in svgs)
    assert "<script" not in "".join(svgs)
