"""The sponsor pages: the admin's forms, the sponsor's own page and monev, the certificate PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.sponsorship.models import Sponsorship
from lindung.sponsorship.services import csr_commitment_record, csr_payment_record, sponsorship_assign
from tests.accounts.builders import signed_in
from tests.programmes.builders import current_programme

from .builders import kapuas_worker, make_company, make_sponsor

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_admin_registers_a_sponsor_on_the_page(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(
        "/sponsor/baru/",
        {"kind": "asn", "name": "Rina Wati", "nip": "1985 0101 2010 0120 01", "institution": "Dinas Sosial"},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_the_form_shows_the_named_refusal(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post("/sponsor/baru/", {"kind": "asn", "name": "Rina Wati", "nip": "12"})
    assert response.status_code == 400
    assert "harus 18 digit" in response.content.decode()


def test_assign_page_refuses_an_overlap_naming_the_person(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    worker = kapuas_worker("Siti Aminah")
    sponsorship_assign(
        actor=None, sponsor=make_company(), niks=[worker.nik], start_date="2026-01-01", end_date="2026-12-31"
    )
    asn = make_sponsor()
    response = client.post(
        f"/sponsor/{asn.pk}/tetapkan/",
        {"niks": worker.nik, "start_date": "2026-06-01", "end_date": "2026-07-31"},
    )
    assert response.status_code == 400
    assert "Siti Aminah" in response.content.decode()


def test_admin_ends_a_sponsorship_early(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    worker = kapuas_worker()
    (s,) = sponsorship_assign(
        actor=None,
        sponsor=make_sponsor(),
        niks=[worker.nik],
        start_date=TODAY - dt.timedelta(days=10),
        end_date=TODAY + dt.timedelta(days=100),
    ).sponsorships
    assert client.post(f"/sponsor/pekerja/{s.pk}/akhiri/", {"reason": "Pindah tugas"}).status_code == 302
    assert Sponsorship.objects.get(pk=s.pk).ended_on == TODAY


def test_sponsor_account_lands_on_its_own_page_and_monev(client):
    company = make_company()
    signed_in(client, Role.SPONSOR, "62.03", sponsor=company)
    assert client.get("/sponsor/")["Location"] == "/sponsor/saya/"
    assert client.get("/sponsor/saya/")["Location"] == f"/sponsor/{company.pk}/"
    assert client.get("/monev/")["Location"] == "/sponsor/saya/monev/"
    assert client.get("/sponsor/saya/monev/")["Location"] == f"/sponsor/{company.pk}/monev/"
    assert client.get(f"/sponsor/{company.pk}/monev/").status_code == 200
    assert client.get(f"/sponsor/{make_sponsor().pk}/").status_code == 404


def test_the_sponsor_sees_its_people_masked_and_the_list_is_audited(client):
    company = make_company()
    worker = kapuas_worker("Ani Lestari")
    sponsorship_assign(actor=None, sponsor=company, niks=[worker.nik], start_date=TODAY, end_date=TODAY)
    signed_in(client, Role.SPONSOR, "62.03", sponsor=company)
    page = client.get(f"/sponsor/{company.pk}/").content.decode()
    assert "Ani Lestari" in page and worker.nik not in page and worker.nik[-4:] in page
    assert "Tetapkan pekerja" not in page
    event = AuditEvent.objects.get(action="sponsorship.view")
    assert event.detail["workers"] == [worker.pk]


def test_certificate_pdf_has_names_total_in_words_and_legal_bases(client):
    company = make_company()
    programme = current_programme(funding_source="csr", sponsor=company.pk)
    worker = kapuas_worker("Ani Lestari")
    sponsorship_assign(
        actor=None, sponsor=company, niks=[worker.nik], start_date=TODAY, end_date=TODAY, programme=programme
    )
    commitment = csr_commitment_record(
        actor=None, sponsor=company, amount=201_600, period_start=TODAY, period_end=TODAY, programme=programme
    )
    csr_payment_record(actor=None, commitment=commitment, amount=201_600, paid_on=TODAY)
    signed_in(client, Role.SPONSOR, "62.03", sponsor=company)
    response = client.get(f"/sponsor/{company.pk}/sertifikat.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Ani Lestari" in text and "PT Sawit Kapuas Lestari" in text
    assert "Rp 201.600" in text and "dua ratus satu ribu enam ratus rupiah" in text
    assert "Perbup" in text and "23" in text
    assert worker.nik not in text
    assert AuditEvent.objects.filter(action="sponsor.certificate").exists()
