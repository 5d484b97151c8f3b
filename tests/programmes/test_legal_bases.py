"""A programme cites several regulations, in order; ``Programme.legal_basis`` joins them for old callers."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.programmes.legal import legal_basis_parse
from lindung.programmes.models import Programme, ProgrammeLegalBasis
from lindung.programmes.services import ProgrammeRefused, programme_update
from tests.accounts.builders import signed_in

from .builders import make_programme

pytestmark = pytest.mark.django_db

BENGKAYANG = [
    "Perbup Bengkayang 23/2024 tentang Program Perlindungan 1 Desa 100 Pekerja Rentan",
    "Inpres 2/2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
    "Inpres 4/2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem",
]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Inpres 2/2021", {"kind": "Inpres", "issuer": "", "number": "2", "year": 2021, "title": ""}),
        (
            "Pergub Kalbar Nomor 4 Tahun 2023 tentang Jaminan Sosial",
            {"kind": "Pergub", "issuer": "Kalbar", "number": "4", "year": 2023, "title": "Jaminan Sosial"},
        ),
        (
            "SE Mendagri Nomor 842.2/5193/SJ Tahun 2021",
            {"kind": "SE", "issuer": "Mendagri", "number": "842.2/5193/SJ", "year": 2021, "title": ""},
        ),
        (
            "Perda Contoh 5/2020",
            {"kind": "Perda", "issuer": "Contoh", "number": "5", "year": 2020, "title": ""},
        ),
        (
            "Aturan Adat 1/2020",
            {"kind": "Lainnya", "issuer": "Aturan Adat", "number": "1", "year": 2020, "title": ""},
        ),
    ],
)
def test_a_citation_is_read_as_people_write_it(line, expected):
    assert legal_basis_parse(line) == expected | {"issued_on": None}


def test_a_date_is_read_too():
    assert legal_basis_parse("Inpres 2/2021 tanggal 2021-03-25")["issued_on"] == dt.date(2021, 3, 25)


def test_a_programme_cites_its_bases_in_order_and_joins_them():
    programme = make_programme(legal_bases=BENGKAYANG)
    programme = Programme.objects.prefetch_related("legal_bases").get(pk=programme.pk)
    assert programme.legal_basis_list == BENGKAYANG
    assert programme.legal_basis == "; ".join(BENGKAYANG)
    assert list(programme.legal_bases.values_list("position", flat=True)) == [0, 1, 2]
    # The single columns mirror the first entry, for callers that still read them.
    assert (programme.legal_basis_type, programme.legal_basis_number, programme.legal_basis_year) == (
        "Perbup Bengkayang",
        "23",
        2024,
    )


def test_the_old_single_fields_still_make_one_entry():
    programme = make_programme()  # builders pass legal_basis_type/number/year/title
    [basis] = programme.legal_bases.all()
    assert (basis.kind, basis.number, basis.year) == ("Perbup", "23", 2024)


def test_a_programme_written_without_the_list_cites_its_single_columns():
    made = make_programme()
    Programme.objects.filter(pk=made.pk).update(code="lama")
    ProgrammeLegalBasis.objects.filter(programme=made).delete()
    assert Programme.objects.get(pk=made.pk).legal_basis.startswith("Perbup 23/2024 tentang")


def test_updating_the_list_replaces_it_and_audits_the_change():
    programme = make_programme()
    changed = programme_update(actor=None, programme=programme, data={"legal_bases": BENGKAYANG[1:]})
    assert changed == [
        "legal_basis_type",
        "legal_basis_number",
        "legal_basis_year",
        "legal_basis_title",
        "legal_bases",
    ]
    assert Programme.objects.get(pk=programme.pk).legal_basis_list == BENGKAYANG[1:]
    event = AuditEvent.objects.filter(action=AuditAction.PROGRAMME_UPDATE).latest("pk")
    assert "legal_bases" in event.detail["fields"]
    assert programme_update(actor=None, programme=programme, data={"legal_bases": BENGKAYANG[1:]}) == []


def test_public_money_needs_one_full_citation_and_each_line_is_named():
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(legal_bases=["Perbup Kapuas"], legal_basis_type="", legal_basis_number="")
    assert "belum diisi: nomor, tahun" in exc.value.errors["legal_bases"]
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(legal_bases=BENGKAYANG + ["Inpres 9/1800"])
    assert exc.value.errors["legal_bases"].startswith("Dasar hukum baris 4: tahun")
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(legal_bases=[{"kind": "Titah", "number": "1", "year": 2020}])
    assert 'jenis "Titah" tidak dikenal' in exc.value.errors["legal_bases"]


def test_the_api_answers_every_basis(client):
    make_programme(code="bky", legal_bases=BENGKAYANG)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    data = client.get("/api/programmes/bky").json()
    assert [b["citation"] for b in data["legal_bases"]] == BENGKAYANG
    assert data["legal_bases"][1] | {"issued_on": None} == {
        "kind": "Inpres",
        "issuer": "",
        "number": "2",
        "year": 2021,
        "title": "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
        "issued_on": None,
        "citation": BENGKAYANG[1],
    }


def test_the_edit_form_shows_one_line_per_basis_and_keeps_the_date(client):
    programme = make_programme(legal_bases=[*BENGKAYANG[:1], "Inpres 2/2021 tanggal 2021-03-25"])
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    form = client.get(f"/program/{programme.pk}/ubah/").context["form"]
    assert form.initial["legal_bases"] == f"{BENGKAYANG[0]}\nInpres 2/2021 tanggal 2021-03-25"


def test_the_programme_page_cites_them_all(client):
    programme = make_programme(legal_bases=BENGKAYANG)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    html = client.get(f"/program/{programme.pk}/").content.decode()
    assert all(citation in html for citation in BENGKAYANG)
