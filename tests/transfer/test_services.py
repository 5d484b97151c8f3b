"""The import pipeline end to end: every row ends in one state, re-uploads are idempotent, crashes change nothing."""

from __future__ import annotations

import io

import pytest

from lindung.accounts.models import Account
from lindung.people.models import Worker
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import (
    ImportRefused,
    TransferDenied,
    import_mapping_set,
    import_run,
    import_upload,
)
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

from .builders import (
    HEADER,
    OTHER_VILLAGE,
    TODAY,
    csv_bytes,
    denials,
    outcome,
    person,
    run,
    sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def test_messy_sheet_every_data_row_ends_in_exactly_one_state(tmp_path):
    rows = [
        ["DAFTAR PEKERJA RENTAN DESA PULAU MAMBULAU"],
        [],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        person(1),
        ["2"],
        person(3)[:1] + ["620317170885001"] + person(3)[2:],
        person(4)[:4] + ["L"] + person(4)[5:],
        [],
        ["", "JUMLAH 3 ORANG"],
        [],
        ["", "", "Kepala Desa Pulau Mambulau"],
    ]
    rows[7][3] = "17-08-1985"
    batch = run(tmp_path, "desa.xlsx", xlsx_bytes(rows), today=TODAY)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.header_row == 3
    result = outcome(batch)
    assert sorted(result) == list(range(4, 13))
    assert batch.rows_total == len(result) == 9
    assert batch.accepted + batch.flagged + batch.rejected + batch.skipped == batch.rows_total
    assert {r for r, (s, _) in result.items() if s == "skipped"} == {4, 6, 9, 10, 11, 12}
    assert result[4][1] == "Baris nomor kolom" and result[10][1] == "Baris jumlah/total"
    assert result[6][1] == "Baris kosong"
    assert "bukan data pekerja" in result[12][1]
    assert result[7][0] == "rejected" and result[7][1].startswith(
        "NIK: NIK harus 16 digit; yang diisi 15 digit"
    )
    assert (result[5][0], result[8][0]) == ("accepted", "accepted")
    assert Worker.objects.count() == 2


def upload(actor, **fields) -> ImportBatch:
    data = io.BytesIO(csv_bytes(sheet_rows([person(1)])))
    return import_upload(actor=actor, source=data, original_name="desa.csv", **fields)


def test_a_role_without_upload_rights_is_refused_and_the_attempt_audited():
    auditor = make_user("auditor", "62.03")
    with pytest.raises(TransferDenied, match="tidak boleh mengunggah daftar pekerja") as refused:
        upload(auditor, village_code=PULAU_MAMBULAU)
    assert not refused.value.outside_scope
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.object_type) == (auditor, "import_batch")
    assert event.detail == {
        "attempt": "import.upload",
        "why": "peran tanpa hak import.upload",
        "capability": "import.upload",
    }


def test_a_village_outside_the_uploaders_region_is_refused_and_the_attempt_audited():
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    with pytest.raises(TransferDenied, match=f"Desa {OTHER_VILLAGE} .* di luar wilayah akun Anda") as refused:
        upload(operator, village_code=OTHER_VILLAGE)
    assert refused.value.outside_scope
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.region_code, event.object_id) == (operator, OTHER_VILLAGE, OTHER_VILLAGE)


def test_a_programme_outside_the_uploaders_region_is_refused_and_the_attempt_audited():
    foreign = make_programme(owner_region=BENGKAYANG, coverage_region=BENGKAYANG)
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    with pytest.raises(TransferDenied, match=f"Program {foreign.code} di luar wilayah akun Anda"):
        upload(operator, programme_code=foreign.code)
    [event] = denials()
    assert (event.object_type, event.object_id, event.region_code) == (
        "programme",
        str(foreign.pk),
        BENGKAYANG,
    )


def test_an_unknown_programme_is_a_mistake_not_an_access_attempt():
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    with pytest.raises(ImportRefused, match='Program "tidak-ada" tidak ditemukan'):
        upload(operator, programme_code="tidak-ada")
    assert denials() == []


def test_mapping_another_roles_upload_is_refused_and_audited():
    batch = upload(make_user("operator_desa", PULAU_MAMBULAU))
    auditor = make_user("auditor", "62.03")
    with pytest.raises(TransferDenied):
        import_mapping_set(actor=auditor, batch=batch, mapping={1: "nik", 2: "full_name"})
    [event] = denials()
    assert (event.object_type, event.object_id) == ("import_batch", str(batch.pk))


def test_the_run_refuses_an_uploader_who_has_since_lost_the_right(tmp_path):
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    batch = upload(operator)
    Account.objects.filter(user=operator).update(role="auditor")
    operator.refresh_from_db()
    batch = import_run(batch=batch, actor=operator, today=TODAY)
    assert batch.status == ImportBatch.Status.REFUSED and "tidak boleh" in batch.message
    assert not Worker.objects.exists()
    assert [e.detail["attempt"] for e in denials()] == ["import.run"]
