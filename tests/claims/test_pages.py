"""Claim pages: who sees what, audited reads, the report form on a phone, htmx ticks, the letter."""

from __future__ import annotations

import pytest
from django.test import Client

from lindung.accounts.models import Role
from lindung.accounts.services import sponsor_create
from lindung.claims.models import Claim
from lindung.core.models import AuditEvent
from tests.accounts.builders import signed_in
from tests.claims.builders import member, report
from tests.people.builders import PULAU_MAMBULAU

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return report().claim


def test_the_list_shows_claims_in_the_region_and_is_one_audited_read(client, claim):
    user = signed_in(client, Role.VERIFIKATOR, "62.03")
    page = client.get("/klaim/")
    assert page.status_code == 200 and claim.full_name in page.content.decode()
    event = AuditEvent.objects.get(action="claim.list", actor=user)
    assert event.detail == {"claims": [claim.pk]}


def test_the_list_filters_by_status_and_kind(client, claim):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    row = f'<a href="/klaim/{claim.pk}/">{claim.full_name}</a></td>'
    assert row not in client.get("/klaim/?kind=work_accident").content.decode()
    assert row in client.get("/klaim/?kind=death&status=reported").content.decode()
    assert row not in client.get("/klaim/?status=paid").content.decode()


def test_roles_without_claim_view_and_other_regions_do_not_see_claims(claim):
    for role, region, path, code in [
        (Role.BENDAHARA, "62.03", f"/klaim/{claim.pk}/", 403),
        (Role.ADMIN_PROGRAM, "61.07", f"/klaim/{claim.pk}/", 404),
    ]:
        client = Client()
        signed_in(client, role, region)
        assert client.get(path).status_code == code, (role, path)
    client = Client()
    signed_in(client, Role.SPONSOR, "62.03", sponsor=_sponsor())
    assert client.get("/klaim/").status_code == 403
    client = Client()
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert claim.full_name not in client.get("/klaim/").content.decode()


def _sponsor():
    return sponsor_create(actor=None, data={"name": "PT Borneo Lestari", "kind": "csr"})


def test_the_case_file_shows_entitlement_and_benefits_masks_the_nik_and_is_audited(client, claim):
    user = signed_in(client, Role.PENDAMPING, "62.03.17")
    body = client.get(f"/klaim/{claim.pk}/").content.decode()
    assert "Rp 42.000.000" in body and "Terlindungi pada tanggal kejadian" in body
    assert claim.nik not in body
    assert AuditEvent.objects.filter(action="claim.view", actor=user, object_id=str(claim.pk)).exists()


def test_an_operator_reports_a_death_from_the_form(client):
    enrolment = member()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert client.get("/klaim/lapor/").status_code == 200
    response = client.post(
        "/klaim/lapor/",
        {
            "kind": "death",
            "event_date": "2026-05-19",
            "place": "Rumah",
            "account": "Sakit",
            "nik": enrolment.worker.nik,
        },
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url == f"/klaim/{claim.pk}/"
    assert claim.worker == enrolment.worker


def test_the_form_names_a_future_date_and_keeps_the_input(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.post(
        "/klaim/lapor/", {"kind": "death", "event_date": "2999-01-01", "place": "Rumah", "account": "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tanggal kejadian 01-01-2999 belum terjadi" in body and 'value="Rumah"' in body


def test_a_document_tick_over_htmx_answers_the_checklist(client, claim):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(f"/klaim/{claim.pk}/dokumen/ktp/", {"ticked": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="claim-documents"' in response.content.decode()
    assert claim.documents.get(code="ktp").ticked_at is not None


def test_heirs_and_status_from_the_page(client, claim):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    client.post(f"/klaim/{claim.pk}/ahli-waris/", {"full_name": "Siti", "relationship": ""})
    assert not claim.heirs.exists()
    client.post(f"/klaim/{claim.pk}/ahli-waris/", {"full_name": "Siti", "relationship": "spouse"})
    assert claim.heirs.count() == 1
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        client.post(f"/klaim/{claim.pk}/dokumen/{code}/")
    response = client.post(f"/klaim/{claim.pk}/status/", {"status": "documents_complete"})
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == "documents_complete"


def test_the_insurer_records_a_payment_from_the_page_and_a_different_amount_is_flagged(client, claim):
    Claim.objects.filter(pk=claim.pk).update(status="submitted")
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    response = client.post(
        f"/klaim/{claim.pk}/status/",
        {"status": "paid", "amount": "Rp 41.000.000", "paid_on": "2026-06-01"},
        follow=True,
    )
    assert "berbeda dari perhitungan Rp 42.000.000" in response.content.decode()
    claim.refresh_from_db()
    assert claim.paid_amount == 41_000_000 and claim.amount_differs and claim.expected_amount == 42_000_000


def test_the_covering_letter_is_a_pdf_and_an_audited_read(client, claim):
    user = signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.get(f"/klaim/{claim.pk}/surat.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="claim.letter", actor=user).exists()


def test_the_navigation_links_claims_for_roles_that_see_them(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert 'href="/klaim/"' in client.get("/").content.decode()
    other = Client()
    signed_in(other, Role.SPONSOR, "62.03", sponsor=_sponsor())
    assert 'href="/klaim/"' not in other.get("/").content.decode()
