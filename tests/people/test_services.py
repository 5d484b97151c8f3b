from __future__ import annotations

import pytest

from lindung.accounts.access import AccessRefused
from lindung.core.models import AuditEvent
from lindung.people.models import Worker
from lindung.people.selectors import nik_for_display
from lindung.people.services import WorkerRefused, worker_register, worker_save, worker_update
from tests.accounts.builders import make_user

from .builders import PULAU_MAMBULAU, worker_data

pytestmark = pytest.mark.django_db


def test_register_normalises_and_audits():
    result = worker_save(actor=None, data=worker_data(full_name="  Hj. SITI   Aminah, S.Pd ", gender_="P"))
    w = result.worker
    assert result.created
    assert w.full_name == "Hj. SITI Aminah, S.Pd"
    assert w.name_normalized == "siti aminah"
    assert w.phone == "+6281234567890"
    assert AuditEvent.objects.filter(action="worker.create", object_id=str(w.pk)).count() == 1


def test_saving_same_data_twice_changes_nothing():
    worker_save(actor=None, data=worker_data())
    again = worker_save(actor=None, data=worker_data())
    assert not again.created and again.changed_fields == []
    assert Worker.objects.count() == 1
    assert AuditEvent.objects.filter(action="worker.update").count() == 0


def test_same_nik_updates_the_existing_record():
    worker_save(actor=None, data=worker_data())
    result = worker_save(actor=None, data=worker_data(address="Jl. Baru"))
    assert result.changed_fields == ["address"]
    assert Worker.objects.get().address == "Jl. Baru"


def test_blocking_findings_refuse_and_save_nothing():
    with pytest.raises(WorkerRefused) as exc:
        worker_save(actor=None, data=worker_data(nik="6.20317170885e+15"))
    assert exc.value.findings[0].code == "nik_lost_digits"
    assert not Worker.objects.exists()


def test_warnings_are_saved_and_flag_for_review():
    w = worker_save(actor=None, data=worker_data(village_code="61.07.04.2003")).worker
    assert w.needs_review
    assert [f["code"] for f in w.findings] == ["domicile_outside_nik_regency"]


def test_register_refuses_a_nik_registered_elsewhere_without_saying_where():
    worker_save(actor=None, data=worker_data(village_code="61.07.04.2003"))
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    with pytest.raises(WorkerRefused) as exc:
        worker_register(actor=operator, data=worker_data())
    message = exc.value.findings[0].message
    assert "di luar wilayah Anda" in message and "61.07" not in message


def test_register_and_update_refuse_a_village_outside_the_actors_region():
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    with pytest.raises(AccessRefused):
        worker_register(actor=operator, data=worker_data(village_code="61.07.04.2003"))
    foreign = worker_save(actor=None, data=worker_data(serial=2, village_code="61.07.04.2003")).worker
    with pytest.raises(AccessRefused):
        worker_update(actor=operator, worker=foreign, data=worker_data(serial=2))
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("full_name", "A" * 10_000, "value_too_long"),
        ("address", "Jl. Mawar\x00", "text_control_chars"),
        ("email", "bukan-email", "email_refused"),
        ("rt", "12345", "rt_rw_invalid"),
        ("rw", "-1", "rt_rw_invalid"),
        ("phone", "9" * 10_000, "value_too_long"),
        ("fixed_income", -5, "number_out_of_range"),
        ("fixed_income", 10**20, "number_out_of_range"),
        ("category", "astronot", "choice_invalid"),
    ],
)
def test_one_validation_refuses_what_no_field_may_hold(field, value, code):
    with pytest.raises(WorkerRefused) as exc:
        worker_register(actor=None, data=worker_data(**{field: value}))
    assert code in [f.code for f in exc.value.findings]
    assert not Worker.objects.exists()


def test_a_nik_shown_without_a_signed_in_user_is_masked():
    assert nik_for_display(None, "6203171708850001") == "6203********0001"
