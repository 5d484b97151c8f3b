from __future__ import annotations

import pytest

from lindung.core.models import AuditEvent
from lindung.people.models import Worker
from lindung.people.services import WorkerRefused, worker_save

from .builders import worker_data

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
