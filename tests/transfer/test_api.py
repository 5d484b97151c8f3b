"""The JSON endpoints: upload, job status, mapping, rows."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lindung.people.models import Worker
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU

from .builders import HEADER, csv_bytes, person, sheet_rows, xlsx_bytes

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def operator(client):
    user = make_user("operator_desa", PULAU_MAMBULAU)
    client.force_login(user)
    return user


def upload(client, data: bytes, name: str = "desa.xlsx", **fields):
    return client.post("/api/transfer/imports", {"file": SimpleUploadedFile(name, data), **fields})


@override_settings(TASKS=IMMEDIATE)
def test_upload_runs_the_job_and_reports_counts_and_rows(client, operator):
    bad = person(2)
    bad[1] = "6203171708850"
    response = upload(client, xlsx_bytes(sheet_rows([person(1), bad])))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["village"] == PULAU_MAMBULAU
    assert body["counts"]["accepted"] == 1 and body["counts"]["rejected"] == 1
    assert body["job"]["status"] == "done" and body["job"]["percent"] == 100
    detail = client.get(f"/api/transfer/imports/{body['id']}").json()
    assert detail["counts"] == body["counts"]
    rows = client.get(body["rows_url"], {"state": "rejected"}).json()
    assert rows["total"] == 1 and rows["rows"][0]["row"] == 6
    assert "16 digit" in rows["rows"][0]["reason"]
    assert Worker.objects.count() == 1


@override_settings(TASKS=IMMEDIATE)
def test_mapping_can_be_corrected_before_the_job_starts(client, operator):
    rows = sheet_rows([person(1)])
    rows[3] = ["NO", "NOMOR INDUK", *HEADER[2:]]
    body = upload(client, csv_bytes(rows), name="desa.csv", start="false").json()
    assert body["status"] == "uploaded" and "1" not in body["mapping"]
    mapping = {**body["mapping"], "1": "nik"}
    done = client.post(
        f"/api/transfer/imports/{body['id']}/mapping",
        json.dumps({"mapping": mapping}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["counts"]["accepted"] == 1


def test_refused_upload_says_why(client, operator):
    body = upload(client, b"%PDF-1.4 bukan spreadsheet", name="surat.pdf").json()
    assert body["status"] == "refused" and "PDF" in body["message"]


def test_other_regions_uploads_are_not_found(client, operator):
    other = make_user("operator_desa", "62.03.17.2003")
    client.logout()
    client.force_login(other)
    body = upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv", start="false").json()
    client.logout()
    client.force_login(operator)
    assert client.get(f"/api/transfer/imports/{body['id']}").status_code == 404


def test_roles_without_upload_rights_are_refused(client):
    auditor = make_user("auditor", "62.03")
    client.force_login(auditor)
    assert upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv").status_code == 403


def test_the_list_shows_only_the_kinds_a_role_handles(client, operator):
    """A sponsor or a facilitator of the same kabupaten sees no uploads; the operator sees its own."""
    upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv", start="false")
    assert len(client.get("/api/transfer/imports").json()) == 1
    for role, region in (("sponsor", "62.03"), ("pendamping", "62.03.17"), ("petugas_bpjs", "62.03")):
        client.force_login(make_user(role, region))
        assert client.get("/api/transfer/imports").json() == [], role
