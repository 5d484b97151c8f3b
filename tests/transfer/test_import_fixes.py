"""Issue 16's import fixes: the row count, the category of new workers, the NIK shown, the reply template."""

from __future__ import annotations

import io

import fastexcel
import polars as pl
import pytest

from lindung.accounts.models import Role
from lindung.people.models import Category, Worker
from tests.accounts.builders import make_user, signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

from .builders import TODAY, person, run, sheet_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_the_row_count_leaves_out_blank_rows_and_the_totals_row(tmp_path):
    people = [person(i) for i in range(1, 6)]
    rows = sheet_rows([*people[:2], [], people[2], [], [], *people[3:]])
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(rows), today=TODAY)
    assert batch.data_rows == 5 and batch.skipped == 4
    assert batch.message.startswith("5 baris data:")
    assert "4 baris kosong atau baris jumlah dilewati" in batch.message


def test_the_result_page_counts_people_not_rows(tmp_path, client):
    user = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    rows = sheet_rows([person(1), [], person(2)])
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(rows), actor=user, today=TODAY)
    html = client.get(f"/unggah/{batch.pk}/").content.decode()
    assert "2 baris data" in html and "4 baris data" not in html


def test_a_new_worker_without_a_category_gets_one_the_edit_form_accepts(tmp_path):
    row = person(1)
    row[6] = ""
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([row])), today=TODAY)
    assert batch.accepted + batch.flagged == 1
    assert Worker.objects.get().category == Category.INFORMAL_LAIN


def test_a_worker_fixed_after_import_saves_the_first_time(tmp_path, client):
    row = person(1)
    row[6] = ""
    user = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([row])), actor=user, today=TODAY)
    worker = Worker.objects.get()
    html = client.get(f"/pekerja/{worker.pk}/ubah/").content.decode()
    assert 'value="informal_lain" selected' in html


def test_a_given_category_is_kept(tmp_path):
    run(tmp_path, "desa.xlsx", xlsx_bytes(sheet_rows([person(1)])), today=TODAY)
    assert Worker.objects.get().category == Category.NELAYAN


def _reply_sheet(content: bytes) -> pl.DataFrame:
    reader = fastexcel.read_excel(content)
    return pl.DataFrame(reader.load_sheet("Balasan BPJS", dtypes="string"))


def test_the_insurer_officer_gets_a_reply_template_listing_the_people_sent(client):
    from lindung.transfer.insurer import insurer_export_create

    programme = make_programme()
    enrolments = [make_enrolment("verified", programme=programme) for _ in range(2)]
    export = insurer_export_create(actor=make_user(Role.ADMIN_PROGRAM, "62.03"), programme=programme)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    response = client.get(f"/unggah/bpjs/{export.pk}/balasan.xlsx")
    assert response.status_code == 200
    sheet = _reply_sheet(response.content)
    assert sheet.columns == [
        "No",
        "NIK",
        "Nama",
        "No. KPJ",
        "Tanggal Mulai Kepesertaan",
        "Status",
        "Alasan Penolakan",
    ]
    assert sorted(sheet.get_column("NIK").to_list()) == sorted(e.worker.nik for e in enrolments)


def test_the_filled_reply_template_is_read_as_a_reply_without_asking_for_columns(client):
    from lindung.transfer.insurer import insurer_export_create
    from lindung.transfer.models import ImportBatch
    from lindung.transfer.services import import_run, import_upload

    programme = make_programme()
    make_enrolment("verified", programme=programme)
    export = insurer_export_create(actor=make_user(Role.ADMIN_PROGRAM, "62.03"), programme=programme)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    content = client.get(f"/unggah/bpjs/{export.pk}/balasan.xlsx").content
    sheet = _reply_sheet(content).with_columns(
        pl.lit("12345678901").alias("No. KPJ"),
        pl.lit("01-02-2026").alias("Tanggal Mulai Kepesertaan"),
        pl.lit("DITERIMA").alias("Status"),
    )
    filled = io.BytesIO(xlsx_bytes([sheet.columns, *[list(r) for r in sheet.iter_rows()]]))
    batch = import_upload(
        actor=None,
        source=filled,
        original_name="balasan.xlsx",
        kind=ImportBatch.Kind.INSURER_REPLY,
        programme_code=programme.code,
    )
    batch = import_run(batch=batch, today=TODAY)
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert batch.accepted == 1


def test_the_reply_template_is_refused_to_a_village_operator(client):
    from lindung.transfer.insurer import insurer_export_create

    programme = make_programme()
    make_enrolment("verified", programme=programme)
    export = insurer_export_create(actor=make_user(Role.ADMIN_PROGRAM, "62.03"), programme=programme)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert client.get(f"/unggah/bpjs/{export.pk}/balasan.xlsx").status_code == 403
