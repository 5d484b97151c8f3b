"""The web pages: upload, mapping confirmation, progress polled by htmx, result, template, insurer desk."""

from __future__ import annotations

import io
import re
import zipfile

import fastexcel
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from lindung.core.models import AuditEvent, Job
from lindung.enrolment.models import Status
from lindung.people.models import Worker
from lindung.transfer.columns import map_headers
from lindung.transfer.models import ColumnMapping, ImportBatch, InsurerExport
from lindung.transfer.reading import read_preview
from lindung.transfer.services import import_enqueue, import_file, import_upload
from lindung.transfer.tasks import import_batch_task
from lindung.transfer.template import TEMPLATE_FIELDS, template_workbook
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

from .builders import HEADER, OTHER_VILLAGE, csv_bytes, denials, person, sheet_rows, write, xlsx_bytes

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def operator(client):
    user = make_user("operator_desa", PULAU_MAMBULAU)
    client.force_login(user)
    return user


@override_settings(TASKS=IMMEDIATE)
def test_upload_confirm_mapping_then_the_task_runs_and_the_result_shows(client, operator):
    page = client.get("/unggah/")
    assert page.status_code == 200 and b"templat" in page.content
    rows = sheet_rows([person(1), person(2)])
    rows[3] = ["NO", "NOMOR INDUK", *HEADER[2:]]
    response = client.post(
        "/unggah/", {"file": SimpleUploadedFile("desa.csv", csv_bytes(rows)), "village": PULAU_MAMBULAU}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/unggah/{batch.pk}/kolom/"

    mapping_page = client.get(response["Location"]).content.decode()
    assert "NOMOR INDUK" in mapping_page and 'value="full_name" selected' in mapping_page
    chosen = {f"col{i}": f for i, f in batch.mapping.items()} | {"col1": "nik", "remember": "1"}
    response = client.post(f"/unggah/{batch.pk}/kolom/", chosen)
    assert response.status_code == 302 and response["Location"] == f"/unggah/{batch.pk}/"

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.accepted == 2
    assert batch.job.status == Job.Status.DONE and batch.job.percent == 100
    detail = client.get(response["Location"]).content.decode()
    assert "2 diterima" in detail and f"/unggah/{batch.pk}/hasil.xlsx" in detail
    finished = client.get(f"/unggah/{batch.pk}/progres/")
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"
    result = client.get(f"/unggah/{batch.pk}/hasil.xlsx")
    assert result["Content-Type"].startswith("application/vnd.openxmlformats")
    assert fastexcel.read_excel(b"".join(result.streaming_content)).sheet_names == ["Hasil", "Ringkasan"]
    assert AuditEvent.objects.filter(action="import.result_download", object_id=str(batch.pk)).exists()
    # The correction is remembered: this uploader's next file with the same header maps itself.
    assert ColumnMapping.objects.get(user=operator).headers["NOMORINDUK"] == "nik"


def test_progress_partial_polls_while_the_job_runs(client, operator, tmp_path):
    batch = import_upload(
        actor=operator, source=io.BytesIO(csv_bytes(sheet_rows([person(1)]))), original_name="desa.csv"
    )
    job = import_enqueue(actor=operator, batch=batch)  # the database backend only queues it
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, progress_done=250, progress_total=1000, message="Memeriksa data"
    )
    html = client.get(f"/unggah/{batch.pk}/progres/").content.decode()
    assert f'hx-get="/unggah/{batch.pk}/progres/"' in html and 'hx-trigger="every 1s"' in html
    assert 'value="25"' in html and "Memeriksa data" in html
    assert "hx-get" in client.get(f"/unggah/{batch.pk}/").content.decode()


def test_task_function_runs_the_import_and_finishes_the_job(operator):
    batch = import_upload(
        actor=operator, source=io.BytesIO(xlsx_bytes(sheet_rows([person(1)]))), original_name="desa.xlsx"
    )
    job = import_enqueue(actor=operator, batch=batch)
    assert job.status == Job.Status.QUEUED
    result = import_batch_task.call(batch.pk)
    job.refresh_from_db()
    assert result == {"batch": batch.pk, "status": "done", "rows": 2}
    assert (job.status, job.percent) == (Job.Status.DONE, 100) and "1 diterima" in job.message


def test_other_villages_uploads_are_hidden(client, operator):
    other = make_user("operator_desa", "62.03.17.2003")
    batch = import_upload(
        actor=other, source=io.BytesIO(csv_bytes(sheet_rows([person(1)]))), original_name="x.csv"
    )
    assert client.get(f"/unggah/{batch.pk}/").status_code == 404
    assert b"x.csv" not in client.get("/unggah/").content


def test_template_has_lists_text_nik_the_village_code_and_instructions(client, operator, tmp_path):
    response = client.get("/unggah/templat.xlsx")
    assert response["Content-Disposition"].endswith(f'templat-pekerja-{PULAU_MAMBULAU}.xlsx"')
    path = write(tmp_path, "templat.xlsx", response.content)
    assert fastexcel.read_excel(str(path)).sheet_names == ["Data", "Daftar", "Petunjuk"]
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    assert '<formula1>"L,P"</formula1>' in sheet and '<formula1>"BPU,PU"</formula1>' in sheet
    assert "Daftar!$A$2" in sheet and 'type="textLength"' in sheet
    assert 'formatCode="@"' in styles  # the NIK column is text, so no NIK becomes 6,20317E+15
    preview = read_preview(path, "xlsx")
    assert preview.header_row_number == 2
    assert sorted(map_headers(preview.headers).values()) == sorted(TEMPLATE_FIELDS)
    assert PULAU_MAMBULAU in preview.rows[2]


def test_a_filled_in_template_imports(operator, tmp_path):
    headers = read_preview(
        write(tmp_path, "t.xlsx", template_workbook(village_code=PULAU_MAMBULAU)), "xlsx"
    ).headers
    fields = map_headers(headers)
    one = person(1)
    values = {
        "nik": one[1],
        "full_name": one[2],
        "birth_date": one[3],
        "gender": "L",
        "village_code": PULAU_MAMBULAU,
        "occupation_1": "Nelayan",
        "category": "Ketua RT/RW",
        "wage_status": "BPU",
        "rt": "3",
        "rw": "1",
    }
    row = [values.get(fields.get(i, ""), "") for i in range(len(headers))]
    batch = import_file(
        actor=operator, path=write(tmp_path, "isi.xlsx", xlsx_bytes([["DAFTAR"], headers, row]))
    )
    assert batch.accepted == 1, batch.problems
    assert Worker.objects.values_list("category", "rt", "rw").get() == ("rt_rw", "003", "001")


def test_insurer_desk_exports_and_takes_a_reply(client):
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    officer = make_user("petugas_bpjs", "62.03")
    client.force_login(officer)
    page = client.get("/unggah/bpjs/").content.decode()
    assert programme.code in page and "Buat berkas" in page
    response = client.post("/unggah/bpjs/kirim/", {"programme": programme.code})
    assert response.status_code == 302
    page = client.get("/unggah/bpjs/").content.decode()
    link = re.search(r'href="(/unggah/bpjs/\d+/berkas.xlsx)"', page).group(1)
    download = client.get(link)
    assert b"".join(download.streaming_content)[:2] == b"PK"
    reply = xlsx_bytes([["NIK", "NO KPJ", "STATUS"], ["6203171708850001", "", "DITOLAK"]])
    response = client.post(
        "/unggah/bpjs/", {"file": SimpleUploadedFile("balasan.xlsx", reply), "programme": programme.code}
    )
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.INSURER_REPLY)
    assert response["Location"] == f"/unggah/{batch.pk}/kolom/"
    assert client.get(response["Location"]).status_code == 200


def a_file(name: str = "desa.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(sheet_rows([person(1)])))


def test_upload_page_refuses_a_role_without_upload_rights_and_audits_the_attempt(client):
    auditor = make_user("auditor", "62.03")
    client.force_login(auditor)
    assert client.get("/unggah/").status_code == 403
    assert denials() == []  # looking is not an attempt
    response = client.post("/unggah/", {"file": a_file(), "village": PULAU_MAMBULAU})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.object_type, event.object_id) == (auditor, "page", "/unggah/")


def test_upload_page_refuses_a_village_outside_the_region_and_audits_the_attempt(client, operator):
    response = client.post("/unggah/", {"file": a_file(), "village": OTHER_VILLAGE})
    assert response.status_code == 200
    assert f"Desa {OTHER_VILLAGE}" in response.content.decode() and "di luar wilayah akun Anda" in (
        response.content.decode()
    )
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.region_code) == (operator, OTHER_VILLAGE)


def test_mapping_page_refuses_another_role_and_audits_the_attempt(client, operator):
    batch = import_upload(
        actor=operator, source=io.BytesIO(csv_bytes(sheet_rows([person(1)]))), original_name="a.csv"
    )
    auditor = make_user("auditor", "62.03")
    client.force_login(auditor)
    assert client.post(f"/unggah/{batch.pk}/kolom/", {"col1": "nik"}).status_code == 403
    [event] = denials()
    assert (event.object_type, event.object_id) == ("import_batch", str(batch.pk))


def test_insurer_export_is_refused_for_a_role_without_the_right_and_audited(client, operator):
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    assert client.post("/unggah/bpjs/kirim/", {"programme": programme.code}).status_code == 403
    [event] = denials()
    assert event.detail["attempt"] == "insurer.export"
    assert not InsurerExport.objects.exists()


def test_insurer_export_of_a_programme_outside_the_region_is_not_found_and_audited(client):
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    client.force_login(make_user("admin_program", BENGKAYANG))
    assert client.post("/unggah/bpjs/kirim/", {"programme": programme.code}).status_code == 404
    [event] = denials()
    assert (event.detail["attempt"], event.object_id) == ("insurer.export", str(programme.pk))
    assert not InsurerExport.objects.exists()


def test_insurer_reply_upload_is_refused_for_a_role_without_the_right_and_audited(client, operator):
    programme = make_programme()
    response = client.post("/unggah/bpjs/", {"file": a_file("balasan.csv"), "programme": programme.code})
    assert response.status_code == 403
    [event] = denials()
    assert (event.object_type, event.detail["why"]) == ("page", "peran tanpa hak insurer.reply")
    assert not ImportBatch.objects.exists()


def test_a_programme_admin_may_not_record_the_insurers_reply_on_the_page(client):
    # Separation of duties: the admin exports to the insurer, so it may not also type the insurer's answer.
    client.force_login(make_user("admin_program", "62.03"))
    programme = make_programme()
    response = client.post("/unggah/bpjs/", {"file": a_file("balasan.csv"), "programme": programme.code})
    assert response.status_code == 403
    [event] = denials()
    assert event.detail["why"] == "peran tanpa hak insurer.reply"
    assert not ImportBatch.objects.exists()


def _insurer_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/unggah/bpjs/").status_code == 200
    return len(queries)


def test_the_insurer_page_runs_as_many_queries_for_20_programmes_as_for_2(client):
    client.force_login(make_user("petugas_bpjs", "62.03"))
    programmes = [make_programme() for _ in range(2)]
    for programme in programmes:
        make_enrolment(Status.VERIFIED, programme=programme)
    few = _insurer_page_queries(client)
    programmes += [make_programme() for _ in range(18)]
    make_enrolment(Status.VERIFIED, programme=programmes[-1])
    page = client.get("/unggah/bpjs/").content.decode()
    assert all(p.code in page for p in programmes)
    assert _insurer_page_queries(client) == few
