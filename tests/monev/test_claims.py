"""Claims in monev: reported, paid, refused and "Rp X untuk N keluarga" per region, programme and year, on the
dashboard, the API, the workbook and (small cells suppressed) the public page."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest
from django.test import Client

from lindung.accounts.models import Role
from lindung.claims.services import (
    Decision,
    claim_document_tick,
    claim_heir_add,
    claim_status_set,
    claims_decide,
)
from lindung.monev.selectors.claims import monev_claims
from tests.accounts.builders import make_user, signed_in
from tests.claims.builders import TODAY, report
from tests.people.builders import make_worker

pytestmark = pytest.mark.django_db
D = dt.date
KAPUAS = "62.03"
Q = {"wilayah": KAPUAS, "periode": "2026-11"}


def _submitted(admin, **kwargs):
    claim = report(**kwargs).claim
    claim_heir_add(actor=admin, claim=claim, full_name="Siti Aminah", relationship="spouse", today=TODAY)
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        claim_document_tick(actor=admin, claim=claim, code=code)
    claim_status_set(actor=admin, claim=claim, to_status="documents_complete", today=D(2026, 5, 29))
    return claim_status_set(actor=admin, claim=claim, to_status="submitted", today=D(2026, 5, 30))


@pytest.fixture
def claims():
    """Two paid deaths (Rp 42 juta and Rp 40 juta), one refused, one reported; all in Kapuas, 2026."""
    admin = make_user(Role.ADMIN_PROGRAM, KAPUAS)
    paid = [_submitted(admin), _submitted(admin)]
    refused = _submitted(admin)
    reported = report(kind="work_accident", event_date=D(2026, 5, 10)).claim
    officer = make_user(Role.PETUGAS_BPJS, KAPUAS)
    decisions = [
        Decision(paid[0].pk, "paid", 42_000_000, D(2026, 6, 3)),
        Decision(paid[1].pk, "paid", 40_000_000, D(2026, 6, 4)),
        Decision(refused.pk, "refused", reason="Menunggak lebih dari 3 bulan"),
    ]
    report_ = claims_decide(actor=officer, decisions=decisions, today=TODAY)
    assert len(report_.decided) == 3
    return {"paid": paid, "refused": refused, "reported": reported}


def test_claims_are_counted_per_programme_and_year_with_the_rupiah_paid_to_families(claims):
    table = monev_claims(KAPUAS)
    total = table.total
    assert (total.reported, total.paid, total.refused, total.open) == (4, 2, 1, 1)
    assert (total.amount_paid, total.families) == (82_000_000, 2)
    assert total.phrase == "Rp 82.000.000 untuk 2 keluarga"
    assert {r.year for r in table.rows} == {2026} and sum(r.reported for r in table.rows) == 4
    assert monev_claims("61.07").total.reported == 0
    assert monev_claims(KAPUAS, up_to=D(2025, 12, 1)).total.reported == 0


def test_a_death_of_someone_never_enrolled_is_reported_under_no_programme(claims):
    worker = make_worker(full_name="Orang Tanpa Program")
    report(nik=worker.nik, full_name=worker.full_name, village_code=worker.village_id)
    rows = monev_claims(KAPUAS).rows
    unpaid = [r for r in rows if r.programme_code == ""]
    assert len(unpaid) == 1 and unpaid[0].programme_name == "tanpa program (tidak berhak)"
    assert unpaid[0].reported == 1 and unpaid[0].paid == 0


def test_the_public_version_hides_small_cells_and_the_amount_of_fewer_than_three_families(claims):
    total = monev_claims(KAPUAS, public=True).total
    assert total.reported == 4 and total.paid is None and total.refused is None and total.open is None
    assert total.amount_paid is None and total.families is None and total.suppressed
    assert total.phrase == ""


def test_the_dashboard_shows_the_amount_for_families_without_names(claims):
    client = Client()
    signed_in(client, Role.BENDAHARA, KAPUAS)
    page = client.get("/monev/", Q).content.decode()
    assert "Rp 82.000.000 untuk 2 keluarga" in page
    assert claims["paid"][0].full_name not in page and claims["paid"][0].nik not in page


def test_the_public_page_shows_aggregates_with_small_cells_suppressed(claims):
    page = Client().get("/monev/publik/", Q).content.decode()
    assert "Klaim kecelakaan kerja dan kematian" in page
    assert "Rp 82.000.000" not in page and "disamarkan (kurang dari 3 keluarga)" in page
    assert claims["paid"][0].full_name not in page


def test_the_api_carries_the_claims_and_the_public_api_suppresses_them(claims):
    client = Client()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    body = client.get("/api/monev", {"region": KAPUAS, "period": "2026-11"}).json()
    assert body["claims"]["total"]["text"] == "Rp 82.000.000 untuk 2 keluarga"
    assert body["claims"]["total"]["amount_paid"] == 82_000_000
    public = Client().get("/api/monev/publik", {"region": KAPUAS, "period": "2026-11"}).json()
    assert public["claims"]["total"]["amount_paid"] is None and public["claims"]["total"]["suppressed"]


def test_the_workbook_has_a_claims_sheet(claims):
    client = Client()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    body = client.get("/monev/laporan.xlsx", Q).content
    rows = pl.read_excel(io.BytesIO(body), sheet_name="Klaim", has_header=False, engine="calamine").rows()
    assert any("Rp 82.000.000 untuk 2 keluarga" in [str(v) for v in row] for row in rows)


def test_the_claims_are_two_reads_whatever_the_region(claims, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        monev_claims(KAPUAS)
    with django_assert_max_num_queries(2):
        monev_claims("")
