"""Letters and decrees as real PDFs: names, totals (in figures and words) and every legal basis, by pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.letters.documents import LetterRefused, letter_pdf
from lindung.enrolment.models import Status
from tests.accounts.builders import make_user, signed_in
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db

BASES = [
    {"kind": "Perbup", "issuer": "Kapuas", "number": "23", "year": 2024, "title": "Program 1 Desa 100 Pekerja Rentan"},
    {"kind": "Inpres", "number": "2", "year": 2021, "title": "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan"},
    {"kind": "Inpres", "number": "4", "year": 2022, "title": "Percepatan Penghapusan Kemiskinan Ekstrem"},
]  # fmt: skip


def text_of(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def world():
    programme = make_programme(code="kps-surat", legal_bases=BASES)
    ani = make_enrolment(Status.VERIFIED, programme=programme, worker=new_worker(full_name="Ani Lestari"))
    budi = make_enrolment(Status.VERIFIED, programme=programme, worker=new_worker(full_name="Budi Santoso"))
    rejected = make_enrolment(Status.REJECTED, programme=programme, worker=new_worker(full_name="Citra Dewi"))
    return programme, ani, budi, rejected


def assert_cites_everything(text: str) -> None:
    for citation in ("Perbup Kapuas 23/2024", "Inpres 2/2021", "Inpres 4/2022"):
        assert citation in text
    # Two people × Rp 16.800 × 12 months.
    assert "Rp 403.200" in text
    assert "empat ratus tiga ribu dua ratus rupiah" in text


@pytest.mark.parametrize("slug", ["usulan", "berita-acara", "lampiran-sk", "pengantar-bpjs"])
def test_each_letter_is_a_pdf_with_names_totals_and_every_legal_basis(world, slug):
    programme = world[0]
    pdf, name = letter_pdf(actor=None, programme=programme, slug=slug, region_code=PULAU_MAMBULAU)
    text = text_of(pdf)
    assert "Ani Lestari" in text and "Budi Santoso" in text
    assert_cites_everything(text)
    assert name.startswith(slug) and name.endswith(".pdf")


def test_the_minutes_list_who_was_rejected_and_why(world):
    text = text_of(letter_pdf(actor=None, programme=world[0], slug="berita-acara")[0])
    assert "Citra Dewi" in text and "NIK tidak sesuai KTP" in text


def test_the_decree_annex_leaves_out_the_rejected(world):
    text = text_of(letter_pdf(actor=None, programme=world[0], slug="lampiran-sk")[0])
    assert "Citra Dewi" not in text


def test_a_download_is_audited_naming_the_people(world):
    programme, ani, budi, _ = world
    letter_pdf(actor=None, programme=programme, slug="lampiran-sk")
    event = AuditEvent.objects.get(action=AuditAction.LETTER_DOWNLOAD)
    assert sorted(event.detail["workers"]) == sorted([ani.worker_id, budi.worker_id])


def test_the_village_letter_needs_a_village(world):
    with pytest.raises(LetterRefused):
        letter_pdf(actor=None, programme=world[0], slug="usulan")
    with pytest.raises(LetterRefused):
        letter_pdf(actor=None, programme=world[0], slug="usulan", region_code="62.03.17")


@pytest.mark.parametrize(
    ("role", "region", "slug", "allowed"),
    [
        (Role.OPERATOR_DESA, PULAU_MAMBULAU, "usulan", True),
        (Role.OPERATOR_DESA, "62.03.17.2003", "usulan", False),  # not the operator's own village
        (Role.OPERATOR_DESA, PULAU_MAMBULAU, "berita-acara", False),
        (Role.VERIFIKATOR, "62.03", "berita-acara", True),
        (Role.VERIFIKATOR, "62.03", "lampiran-sk", False),
        (Role.ADMIN_PROGRAM, "62.03", "lampiran-sk", True),
        (Role.ADMIN_PROGRAM, "62.03", "pengantar-bpjs", True),
        (Role.ADMIN_PROGRAM, "61.07", "pengantar-bpjs", False),
    ],
)  # fmt: skip
def test_who_may_download_which_letter(world, role, region, slug, allowed):
    actor = make_user(role, region)
    village = PULAU_MAMBULAU if slug == "usulan" else None
    if allowed:
        assert letter_pdf(actor=actor, programme=world[0], slug=slug, region_code=village)[0].startswith(
            b"%PDF"
        )
    else:
        with pytest.raises(AccessRefused):
            letter_pdf(actor=actor, programme=world[0], slug=slug, region_code=village)
        assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).exists()


def test_the_page_downloads_the_village_letter(client, world):
    programme = world[0]
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.get(f"/program/{programme.pk}/surat/usulan.pdf?wilayah={PULAU_MAMBULAU}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Ani Lestari" in text_of(response.content)
    assert client.get(f"/program/{programme.pk}/surat/lampiran-sk.pdf").status_code == 403
