"""The import and insurer pages follow the chosen language: Indonesian by default, English on request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lindung.accounts.models import Role
from lindung.enrolment.models import Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import csv_bytes, person, sheet_rows

pytestmark = pytest.mark.django_db


def _english(client, path: str) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": path})
    assert response.status_code == 302


def _shows(html: str, english: tuple[str, ...], indonesian: tuple[str, ...]) -> None:
    for text in english:
        assert text in html, text
    for text in indonesian:
        assert text not in html, text


def test_upload_page_is_in_english_on_request(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert "Unggah daftar pekerja" in client.get("/unggah/").content.decode()
    _english(client, "/unggah/")
    _shows(
        client.get("/unggah/").content.decode(),
        (
            "Upload a list of workers",
            "Download the template (.xlsx)",
            "Village code",
            "— only register the workers —",
            "xlsx, xls, ods or csv; at most",
            "No uploads yet.",
        ),
        ("Unggah daftar pekerja", "Kode desa", "hanya daftarkan pekerja", "Belum ada unggahan"),
    )


def test_column_mapping_page_is_in_english_on_request(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    _english(client, "/unggah/")
    upload = SimpleUploadedFile("desa.csv", csv_bytes(sheet_rows([person(1)])))
    response = client.post("/unggah/", {"file": upload, "village": PULAU_MAMBULAU})
    html = client.get(response["Location"]).content.decode()
    assert "Column headings found in row" in html and "(not used)" in html and "Start the import" in html
    assert "Judul kolom ditemukan" not in html and "(tidak dipakai)" not in html


def test_insurer_desk_and_its_message_are_in_english_on_request(client):
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    _english(client, "/unggah/bpjs/")
    _shows(
        client.get("/unggah/bpjs/").content.decode(),
        (
            "Data exchange with BPJS Ketenagakerjaan",
            "Create the file and mark as sent",
            "BPJS reply file",
            "Upload the reply",
        ),
        ("Pertukaran data", "Buat berkas", "Unggah balasan"),
    )
    response = client.post("/unggah/bpjs/kirim/", {"programme": programme.code}, follow=True)
    html = response.content.decode()
    assert f"1 {programme.code} member sent; download the file below." in html
    assert "dikirim; unduh" not in html
