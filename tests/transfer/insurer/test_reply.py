"""The branch's reply in: statuses move through the enrolment services, nothing is lost, twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from lindung.billing.services import payment_record
from lindung.enrolment.models import Enrolment, Status
from lindung.transfer.access import TransferDenied
from lindung.transfer.insurer import insurer_export_create
from lindung.transfer.models import ImportBatch
from lindung.transfer.services import batch_outcome, import_run, import_upload
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_nik
from tests.programmes.builders import BENGKAYANG, make_programme

from ..builders import denials, xlsx_bytes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
REPLY_HEADER = ["NO", "NIK", "NAMA TK", "NO KPJ", "TGL MULAI KEPESERTAAN", "STATUS", "KETERANGAN"]


@pytest.fixture
def programme():
    return make_programme(include_jht=True)


def submitted(programme, n: int = 2) -> list[Enrolment]:
    enrolments = [make_enrolment(Status.VERIFIED, programme=programme) for _ in range(n)]
    insurer_export_create(actor=None, programme=programme)
    return [Enrolment.objects.select_related("worker").get(pk=e.pk) for e in enrolments]


def reply(rows) -> io.BytesIO:
    return io.BytesIO(xlsx_bytes([["BALASAN KANTOR CABANG"], [], REPLY_HEADER, *rows, ["", "JUMLAH"]]))


def apply_reply(programme, rows):
    batch = import_upload(
        actor=None,
        source=reply(rows),
        original_name="balasan.xlsx",
        kind=ImportBatch.Kind.INSURER_REPLY,
        programme_code=programme.code,
    )
    assert batch.status == ImportBatch.Status.UPLOADED, batch.message
    return import_run(batch=batch, today=TODAY)


def test_a_reply_without_a_start_date_starts_the_membership_on_the_first_payment(programme):
    [a] = submitted(programme, n=1)
    payment_record(actor=None, enrolment=a, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 1, 14))
    batch = apply_reply(
        programme, [["1", a.worker.nik, a.worker.full_name, "12345678901", "", "DITERIMA", ""]]
    )
    assert batch.status == ImportBatch.Status.DONE, batch.message
    a.refresh_from_db()
    assert (a.status, a.start_date) == (Status.ACTIVE, dt.date(2026, 1, 14))


def test_reply_activates_refuses_and_lists_what_matches_nobody(programme):
    a, b = submitted(programme)
    stranger = make_nik(serial=9999)
    rows = [
        ["1", a.worker.nik, a.worker.full_name, "123.4567.8901", "01-02-2026", "DITERIMA", ""],
        ["2", b.worker.nik, b.worker.full_name, "", "", "DITOLAK", "NIK tidak terdaftar di Dukcapil"],
        ["3", stranger, "Orang Lain", "22222222222", "01-02-2026", "DITERIMA", ""],
        [],
    ]
    batch = apply_reply(programme, rows)
    assert batch.status == ImportBatch.Status.DONE, batch.message
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.kpj, a.start_date) == (Status.ACTIVE, "12345678901", dt.date(2026, 2, 1))
    assert a.worker.__class__.objects.get(pk=a.worker_id).kpj == "12345678901"
    assert b.status == Status.REJECTED and "NIK tidak terdaftar di Dukcapil" in b.reason
    states = {r: (s, why) for r, s, why in batch_outcome(batch).iter_rows()}
    assert states[6][0] == "rejected" and "tidak ada di antara peserta program" in states[6][1]
    assert (states[4][0], states[5][0]) == ("accepted", "accepted")
    assert [states[7][0], states[8][0]] == ["skipped", "skipped"]
    assert batch.rows_total == batch.accepted + batch.flagged + batch.rejected + batch.skipped == 5
    assert (batch.enrolled, batch.updated) == (1, 2)

    again = apply_reply(programme, rows)
    assert (again.updated, again.unchanged, again.rejected) == (0, 2, 1)


def test_reply_rows_that_cannot_be_applied_say_why(programme):
    a, b = submitted(programme)
    rows = [
        ["1", a.worker.nik, a.worker.full_name, "", "01-02-2026", "DITERIMA", ""],
        ["2", b.worker.nik, "Nama Lain Sekali", "33333333333", "01-02-2030", "DITERIMA", ""],
    ]
    batch = apply_reply(programme, rows)
    states = {r: (s, why) for r, s, why in batch_outcome(batch).iter_rows()}
    assert "Diterima BPJS tetapi nomor KPJ kosong" in states[4][1]
    assert "belum terjadi" in states[5][1] and "berbeda dengan nama terdaftar" in states[5][1]
    assert set(Enrolment.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {
        Status.SUBMITTED
    }


def test_reply_needs_a_programme(programme):
    batch = import_upload(
        actor=None, source=reply([]), original_name="balasan.xlsx", kind=ImportBatch.Kind.INSURER_REPLY
    )
    batch = import_run(batch=batch, today=TODAY)
    assert batch.status == ImportBatch.Status.REFUSED and "Pilih program" in batch.message


def test_a_reply_from_a_role_without_the_right_is_refused_and_audited(programme):
    operator = make_user("operator_desa", "62.03.17.2002")
    with pytest.raises(TransferDenied, match="tidak boleh mengunggah balasan BPJS"):
        import_upload(
            actor=operator,
            source=reply([]),
            original_name="balasan.xlsx",
            kind=ImportBatch.Kind.INSURER_REPLY,
            programme_code=programme.code,
        )
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert event.detail == {
        "attempt": "import.upload",
        "why": "peran tanpa hak insurer.reply",
        "capability": "insurer.reply",
    }


def test_a_programme_admin_who_exports_may_not_record_the_reply(programme):
    admin = make_user("admin_program", "62.03")
    make_enrolment(Status.VERIFIED, programme=programme)
    insurer_export_create(actor=admin, programme=programme)
    with pytest.raises(TransferDenied, match="tidak boleh mengunggah balasan BPJS"):
        import_upload(
            actor=admin,
            source=reply([]),
            original_name="balasan.xlsx",
            kind=ImportBatch.Kind.INSURER_REPLY,
            programme_code=programme.code,
        )
    assert not ImportBatch.objects.exists()
    [event] = denials()
    assert (event.actor, event.detail["capability"]) == (admin, "insurer.reply")


def test_a_reply_for_a_programme_outside_the_region_is_refused_and_audited(programme):
    officer = make_user("petugas_bpjs", BENGKAYANG)
    with pytest.raises(TransferDenied, match=f"Program {programme.code} di luar wilayah"):
        import_upload(
            actor=officer,
            source=reply([]),
            original_name="balasan.xlsx",
            kind=ImportBatch.Kind.INSURER_REPLY,
            programme_code=programme.code,
        )
    [event] = denials()
    assert (event.actor, event.object_type, event.object_id) == (officer, "programme", str(programme.pk))
