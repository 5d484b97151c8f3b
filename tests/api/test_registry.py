"""/api/registry: the same imports, reads and rules as the pages and the CLI, refused where they refuse."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lindung.accounts.models import Role
from lindung.registry.models import DecileRule, RegistryEdition
from tests.accounts.builders import signed_in
from tests.people.builders import make_worker
from tests.programmes.builders import make_programme
from tests.registry.builders import entry, extract_csv, import_extract

pytestmark = pytest.mark.django_db


def _post(client, data: bytes, region: str = "62.03"):
    return client.post(
        "/api/registry/editions",
        {
            "kind": "dtsen",
            "edition_date": "2026-03-01",
            "region": region,
            "file": SimpleUploadedFile("dtsen.csv", data),
        },
    )


def test_an_extract_is_imported_and_the_same_edition_again_answers_200(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    data = extract_csv([entry(1), entry(2, nik="6.20317E+15")])
    first = _post(client, data)
    assert first.status_code == 201
    body = first.json()
    assert body["created"] and body["edition"]["imported"] == 1 and body["edition"]["rejected"] == 1
    again = _post(client, data)
    assert again.status_code == 200 and not again.json()["created"]
    assert RegistryEdition.objects.count() == 1


def test_the_edition_names_each_refused_row(client, tmp_path):
    result = import_extract(tmp_path, extract_csv([entry(1), entry(2, village="61.07.04.2003")]))
    signed_in(client, Role.AUDITOR, "62.03")
    body = client.get(f"/api/registry/editions/{result.edition.pk}").json()
    assert body["problems"] == [
        {
            "row": 3,
            "outcome": "rejected",
            "field": "village_code",
            "message": body["problems"][0]["message"],
        }
    ]
    assert "61.07.04.2003" in body["problems"][0]["message"]
    assert body["entries"][0]["nik"].count("*") == 8  # the auditor sees the NIK masked


def test_a_verifier_of_another_regency_is_refused(client):
    signed_in(client, Role.VERIFIKATOR, "61.07")
    assert _post(client, extract_csv([entry(1)])).status_code == 404
    assert not RegistryEdition.objects.exists()


def test_a_village_operator_may_not_import(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert _post(client, extract_csv([entry(1)]), region="62.03.17.2002").status_code == 403


def test_a_file_without_the_decile_column_answers_400(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _post(client, b"NIK;NAMA\n6203171708850001;Budi\n")
    assert response.status_code == 400 and "Desil" in response.json()["detail"]


def test_a_workers_match_is_read(client, tmp_path):
    worker = make_worker(serial=1)
    import_extract(tmp_path, extract_csv([entry(1, decile=2)]))
    signed_in(client, Role.PENDAMPING, "62.03.17")
    body = client.get(f"/api/registry/workers/{worker.pk}").json()
    assert body["found"] and body["decile"] == 2 and body["method"] == "nik" and body["kind"] == "dtsen"


def test_a_decile_rule_is_added_by_the_programme_admin_and_refused_to_the_verifier(client):
    programme = make_programme()
    body = {"programme": programme.code, "max_decile": 4, "valid_from": "2026-01-01", "legal_basis": "Perbup"}
    signed_in(client, Role.VERIFIKATOR, "62.03")
    refused = client.post("/api/registry/decile-rules", json.dumps(body), content_type="application/json")
    assert refused.status_code == 403
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    made = client.post("/api/registry/decile-rules", json.dumps(body), content_type="application/json")
    assert made.status_code == 201 and DecileRule.objects.get().max_decile == 4
    listed = client.get("/api/registry/decile-rules", {"programme": programme.code}).json()
    assert [r["max_decile"] for r in listed] == [4]


def test_the_vulnerable_counts_are_read_per_region(client, tmp_path):
    import_extract(tmp_path, extract_csv([entry(1, decile=1), entry(2, decile=9)]))
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    body = client.get("/api/registry/vulnerable-counts", {"year": 2026}).json()
    assert {"region": "62.03", "count": 1} in body


def test_a_sponsor_does_not_read_the_registry(client):
    signed_in(client, Role.BENDAHARA, "62.03")
    assert client.get("/api/registry/editions").status_code == 403
