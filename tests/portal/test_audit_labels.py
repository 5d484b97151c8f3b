"""The audit trail and a worker's history show labels and names, never codes or field names."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from tests.accounts.builders import signed_in
from tests.people.builders import make_worker

pytestmark = pytest.mark.django_db


def _update_event(worker):
    return audit_record(
        actor=None,
        action=AuditAction.WORKER_UPDATE,
        object_type="worker",
        object_id=worker.pk,
        region_code=worker.village_id,
        summary=f"Data {worker.full_name} diubah: category, gender, needs_review",
        detail={"fields": ["category", "gender", "needs_review"]},
    )


def test_the_audit_trail_names_the_object_and_the_fields_by_their_labels(client):
    worker = make_worker()
    _update_event(worker)
    audit_record(actor=None, action=AuditAction.IMPORT_VIEW, object_type="import_batch", object_id=99)
    signed_in(client, Role.AUDITOR, "62.03")
    html = client.get("/audit/").content.decode()
    assert f"pekerja {worker.full_name}" in html
    assert "worker #" not in html and "import_batch" not in html
    assert "needs_review" not in html and "category" not in html


def test_a_workers_history_lists_changed_fields_by_their_labels(client):
    worker = make_worker()
    _update_event(worker)
    signed_in(client, Role.OPERATOR_DESA, worker.village_id)
    html = client.get(f"/pekerja/{worker.pk}/").content.decode()
    assert "needs_review" not in html and "category, gender" not in html
    assert "mengubah" in html.lower()
