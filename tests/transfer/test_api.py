"""The JSON endpoints: upload, job status, mapping, rows."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lindung.accounts.models import Sponsor
from lindung.people.models import Worker
from lindung.transfer.models import ImportBatch
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

from .builders import HEADER, OTHER_VILLAGE, csv_bytes, denials, person, sheet_rows, xlsx_bytes

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


@pytest.mark.parametrize("key", ["kolom-b", "99999999999999999999", "-1", "٣", "500"])
def test_a_mapping_key_that_is_no_column_of_the_file_is_a_named_400(client, operator, key):
    rows = sheet_rows([person(1)])
    body = upload(client, csv_bytes(rows), name="desa.csv", start="false").json()
    answer = client.post(
        f"/api/transfer/imports/{body['id']}/mapping",
        json.dumps({"mapping": {**body["mapping"], key: "kpj"}}),
        content_type="application/json",
    )
    assert answer.status_code == 400 and "tidak ada di berkas ini" in answer.json()["detail"]


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


def test_roles_without_upload_rights_are_refused_and_the_attempt_audited(client):
    auditor = make_user("auditor", "62.03")
    client.force_login(auditor)
    response = upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv")
    assert response.status_code == 403 and "tidak boleh mengunggah" in response.json()["detail"]
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.detail["attempt"]) == (auditor, "import.upload")


def test_a_village_outside_the_callers_region_is_refused_and_audited(client, operator):
    response = upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv", village=OTHER_VILLAGE)
    assert response.status_code == 403 and "di luar wilayah akun Anda" in response.json()["detail"]
    [event] = denials()
    assert (event.actor, event.region_code) == (operator, OTHER_VILLAGE)


def test_an_insurer_reply_is_refused_for_a_role_without_the_right_and_audited(client, operator):
    programme = make_programme()
    response = upload(client, xlsx_bytes([["NIK"]]), kind="insurer_reply", programme=programme.code)
    assert response.status_code == 403
    [event] = denials()
    assert event.detail["why"] == "peran tanpa hak insurer.reply"


def test_a_programme_admin_may_not_record_the_insurers_reply_through_the_api(client):
    client.force_login(make_user("admin_program", "62.03"))
    programme = make_programme()
    response = upload(client, xlsx_bytes([["NIK"]]), kind="insurer_reply", programme=programme.code)
    assert response.status_code == 403
    [event] = denials()
    assert event.detail["why"] == "peran tanpa hak insurer.reply"


def test_an_insurer_reply_for_a_programme_outside_the_region_is_refused_and_audited(client):
    programme = make_programme()
    client.force_login(make_user("petugas_bpjs", BENGKAYANG))
    response = upload(client, xlsx_bytes([["NIK"]]), kind="insurer_reply", programme=programme.code)
    assert response.status_code == 403
    [event] = denials()
    assert (event.object_type, event.object_id) == ("programme", str(programme.pk))


def test_mapping_by_a_role_without_upload_rights_is_refused_and_audited(client, operator):
    body = upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv", start="false").json()
    client.force_login(make_user("auditor", "62.03"))
    response = client.post(
        f"/api/transfer/imports/{body['id']}/mapping",
        json.dumps({"mapping": {"1": "nik", "2": "full_name"}}),
        content_type="application/json",
    )
    assert response.status_code == 403
    [event] = denials()
    assert (event.object_type, event.object_id) == ("import_batch", str(body["id"]))


def test_the_list_shows_only_the_kinds_a_role_handles(client, operator):
    """A sponsor or a facilitator of the same kabupaten sees no uploads; the operator sees its own."""
    upload(client, csv_bytes(sheet_rows([person(1)])), name="desa.csv", start="false")
    assert len(client.get("/api/transfer/imports").json()) == 1
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    for role, region in (("sponsor", "62.03"), ("pendamping", "62.03.17"), ("petugas_bpjs", "62.03")):
        client.force_login(make_user(role, region, sponsor=sponsor if role == "sponsor" else None))
        assert client.get("/api/transfer/imports").json() == [], role
