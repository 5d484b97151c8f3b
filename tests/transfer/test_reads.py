"""Reads of uploaded personal data are on the record, one event naming the batch; refused attempts too."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from lindung.transfer.insurer import insurer_export_create
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import import_upload
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import OTHER_VILLAGE, TODAY, csv_bytes, denials, person, run, sheet_rows, write

pytestmark = pytest.mark.django_db


def events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def operator(client):
    user = make_user("operator_desa", PULAU_MAMBULAU)
    client.force_login(user)
    return user


def _done(tmp_path, actor, village=PULAU_MAMBULAU):
    rows = csv_bytes(sheet_rows([person(1), person(2)]))
    return run(tmp_path, "desa.csv", rows, actor=actor, village=village, today=TODAY)


def _uploaded(actor) -> ImportBatch:
    data = io.BytesIO(csv_bytes(sheet_rows([person(1)])))
    return import_upload(actor=actor, source=data, original_name="desa.csv", village_code=PULAU_MAMBULAU)


def test_reading_an_imports_rows_through_the_api_is_one_event_naming_the_batch(client, operator, tmp_path):
    batch = _done(tmp_path, operator)
    response = client.get(f"/api/transfer/imports/{batch.pk}/rows")
    assert response.status_code == 200 and response.json()["total"] == 3
    [event] = events(AuditAction.IMPORT_ROWS_VIEW)
    assert (event.actor, event.object_type, event.object_id) == (operator, "import_batch", str(batch.pk))
    assert event.detail["channel"] == "api" and not AuditAction.IMPORT_ROWS_VIEW.changes_data


def test_the_mapping_pages_sample_rows_are_one_event_naming_the_batch(client, operator):
    batch = _uploaded(operator)
    assert client.get(f"/unggah/{batch.pk}/kolom/").status_code == 200
    [event] = events(AuditAction.IMPORT_PREVIEW_VIEW)
    assert (event.actor, event.object_id) == (operator, str(batch.pk))
    assert not AuditAction.IMPORT_PREVIEW_VIEW.changes_data


def test_the_cli_result_workbook_is_on_the_record(tmp_path):
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    target = tmp_path / "hasil.xlsx"
    call_command(
        "import", str(path), "--village", PULAU_MAMBULAU, "--result", str(target), stdout=io.StringIO()
    )
    assert target.stat().st_size > 0
    [event] = events(AuditAction.IMPORT_RESULT_DOWNLOAD)
    assert event.object_id == str(ImportBatch.objects.get().pk) and event.detail["channel"] == "cli"


def test_opening_another_regions_batch_is_a_404_and_audited(client, operator, tmp_path):
    foreign = _done(tmp_path, make_user("operator_desa", OTHER_VILLAGE), village=OTHER_VILLAGE)
    for url in (
        f"/unggah/{foreign.pk}/",
        f"/unggah/{foreign.pk}/hasil.xlsx",
        f"/api/transfer/imports/{foreign.pk}/rows",
    ):
        assert client.get(url).status_code == 404, url
    assert [(e.object_type, e.object_id) for e in denials()] == [("import_batch", str(foreign.pk))] * 3
    assert events(AuditAction.IMPORT_ROWS_VIEW) == []


def test_a_role_without_upload_rights_reading_rows_is_refused_and_audited(client, tmp_path):
    batch = _done(tmp_path, None)
    auditor = make_user("auditor", "62.03")
    client.force_login(auditor)
    assert client.get(f"/api/transfer/imports/{batch.pk}/rows").status_code == 403
    assert client.get(f"/unggah/{batch.pk}/kolom/").status_code == 403
    assert [(e.actor, e.object_id) for e in denials()] == [(auditor, str(batch.pk))] * 2


def test_a_template_download_refused_by_role_or_region_is_audited(client, operator):
    assert client.get(f"/unggah/templat.xlsx?desa={OTHER_VILLAGE}").status_code == 404
    [event] = denials()
    assert (event.actor, event.object_type, event.object_id) == (operator, "template", OTHER_VILLAGE)
    client.force_login(make_user("auditor", "62.03"))
    assert client.get("/unggah/templat.xlsx").status_code == 403
    assert len(denials()) == 2
    client.force_login(operator)
    assert client.get("/unggah/templat.xlsx").status_code == 200
    assert len(denials()) == 2


def test_an_export_download_outside_the_region_or_role_is_refused_and_audited(client):
    programme = make_programme()
    make_enrolment(Status.VERIFIED, programme=programme)
    export = insurer_export_create(actor=None, programme=programme)
    url = f"/unggah/bpjs/{export.pk}/berkas.xlsx"
    client.force_login(make_user("petugas_bpjs", "61"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("operator_desa", PULAU_MAMBULAU))
    assert client.get(url).status_code == 403
    assert [(e.object_type, e.object_id) for e in denials()] == [("insurer_export", str(export.pk))] * 2
    assert events(AuditAction.INSURER_EXPORT_DOWNLOAD) == []


def test_cli_result_in_a_missing_folder_is_refused_before_anything_is_imported(tmp_path):
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    target = tmp_path / "tidak-ada" / "hasil.xlsx"
    with pytest.raises(CommandError, match="Folder untuk --result tidak ada"):
        call_command("import", str(path), "--village", PULAU_MAMBULAU, "--result", str(target))
    assert not ImportBatch.objects.exists()


def test_cli_says_that_sheet_is_ignored_for_a_csv(tmp_path):
    path = write(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])))
    err = io.StringIO()
    call_command(
        "import", str(path), "--village", PULAU_MAMBULAU, "--sheet", "Data", stdout=io.StringIO(), stderr=err
    )
    assert "--sheet diabaikan" in err.getvalue()
