"""The registry's pages, the upload page, the verification queue by decile, and the worker's registry block."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.registry.models import DecileRule, RegistryEdition
from lindung.registry.services import decile_rule_add
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_worker
from tests.programmes.builders import make_programme
from tests.registry.builders import entry, extract_csv, import_extract

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, **fields):
    body = {
        "kind": "dtsen",
        "edition_date": "2026-03-01",
        "region": "62.03",
        "vulnerable_max_decile": 4,
        "file": SimpleUploadedFile("dtsen.csv", data),
    } | fields
    return client.post("/unggah/registri/", body)


def test_a_verifier_imports_an_extract_and_lands_on_the_edition(client, tmp_path):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _upload(client, extract_csv([entry(1), entry(2, village="61.07.04.2003")]))
    edition = RegistryEdition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/registri/{edition.pk}/"
    page = client.get(response["Location"])
    assert "di luar wilayah edisi" in page.content.decode()


def test_the_same_edition_uploaded_again_says_nothing_changed(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    data = extract_csv([entry(1)])
    _upload(client, data)
    response = _upload(client, data)
    assert RegistryEdition.objects.count() == 1
    assert "tidak ada yang berubah" in client.get(response["Location"]).content.decode()


def test_an_extract_without_the_required_columns_is_shown_as_a_form_error(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _upload(client, b"NIK;NAMA\n6203171708850001;Budi\n")
    assert response.status_code == 400
    assert "Desil" in response.content.decode()


def test_a_verifier_may_not_import_for_another_regency(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _upload(client, extract_csv([entry(1)]), region="61.07")
    assert response.status_code == 400  # not a choice of the form
    assert not RegistryEdition.objects.exists()


def test_the_edition_page_masks_the_nik_and_records_the_read(client, tmp_path):
    result = import_extract(tmp_path, extract_csv([entry(1)]))
    signed_in(client, Role.PENDAMPING, "62.03.17")
    body = client.get(f"/registri/{result.edition.pk}/").content.decode()
    nik = entry(1)[1]
    assert nik not in body and nik[-4:] in body
    assert AuditEvent.objects.filter(action=AuditAction.REGISTRY_VIEW).count() == 1


def test_an_edition_of_another_regency_is_not_found(client, tmp_path):
    result = import_extract(tmp_path, extract_csv([entry(1)]))
    signed_in(client, Role.VERIFIKATOR, "61.07")
    assert client.get(f"/registri/{result.edition.pk}/").status_code == 404


def test_a_sponsor_does_not_see_the_registry(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert client.get("/registri/").status_code == 403


def test_the_programme_admin_adds_a_decile_rule_on_the_page(client):
    programme = make_programme()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(
        "/registri/desil/",
        {
            "programme": programme.pk,
            "max_decile": 4,
            "valid_from": "2026-01-01",
            "legal_basis": "Perbup 12/2025",
        },
    )
    assert response.status_code == 302
    assert DecileRule.objects.get().max_decile == 4


def test_a_verifier_may_not_add_a_decile_rule(client):
    programme = make_programme()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/registri/desil/",
        {"programme": programme.pk, "max_decile": 4, "valid_from": "2026-01-01", "legal_basis": "x"},
    )
    assert response.status_code == 403


def _queue_world(tmp_path):
    programme = make_programme()
    low = make_enrolment(programme=programme, worker=make_worker(serial=1, full_name="Ani Rendah"))
    high = make_enrolment(programme=programme, worker=make_worker(serial=2, full_name="Budi Tinggi"))
    absent = make_enrolment(programme=programme, worker=make_worker(serial=3, full_name="Citra Absen"))
    import_extract(tmp_path, extract_csv([entry(1, decile=2), entry(2, decile=6)]))
    return programme, low, high, absent


def _names(response) -> list[str]:
    return [e.worker.full_name for e in response.context["page"]]


def test_the_queue_filters_by_decile(client, tmp_path):
    _queue_world(tmp_path)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert _names(client.get("/kepesertaan/verifikasi/?max_decile=4")) == ["Ani Rendah"]


def test_the_queue_sorts_by_decile_with_those_not_found_last(client, tmp_path):
    _queue_world(tmp_path)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert _names(client.get("/kepesertaan/verifikasi/?sort=-decile")) == [
        "Budi Tinggi",
        "Ani Rendah",
        "Citra Absen",
    ]
    assert _names(client.get("/kepesertaan/verifikasi/?sort=decile")) == [
        "Ani Rendah",
        "Budi Tinggi",
        "Citra Absen",
    ]


def test_the_queue_filters_by_the_programmes_decile_rule(client, tmp_path):
    programme, *_ = _queue_world(tmp_path)
    decile_rule_add(
        actor=None, programme=programme, max_decile=4, valid_from=dt.date(2026, 1, 1), legal_basis="x"
    )
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert _names(client.get("/kepesertaan/verifikasi/?decile_rule=meets")) == ["Ani Rendah"]
    assert sorted(_names(client.get("/kepesertaan/verifikasi/?decile_rule=fails"))) == [
        "Budi Tinggi",
        "Citra Absen",
    ]
    assert "batas ≤ 4" in client.get("/kepesertaan/verifikasi/").content.decode()


def test_the_worker_page_shows_the_registry_match(client, tmp_path):
    worker = make_worker(serial=2, full_name="Siti Aminah")
    import_extract(tmp_path, extract_csv([entry(9, name="Siti Aminnah", decile=1)]))
    signed_in(client, Role.VERIFIKATOR, "62.03")
    body = client.get(f"/pekerja/{worker.pk}/").content.decode()
    assert "Registri sosial" in body and "DTSEN" in body and "Siti Aminnah" in body


def test_the_worker_page_says_when_the_worker_is_not_in_the_registry(client):
    worker = make_worker()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert "Tidak ditemukan di ekstrak" in client.get(f"/pekerja/{worker.pk}/").content.decode()


def test_the_worker_page_hides_the_registry_from_a_sponsor_role(client):
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert "registry-heading" not in client.get(f"/pekerja/{worker.pk}/").content.decode()
