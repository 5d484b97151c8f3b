"""The guard every use case calls: capability, region, and the record of a refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from lindung.accounts.access import NOT_YOUR_REGION, NOT_YOUR_ROLE, AccessRefused, access_require
from lindung.core.models import AuditEvent

from .builders import make_user

pytestmark = pytest.mark.django_db
VILLAGE = "62.03.17.2002"
DENIED = AuditEvent.objects.filter(action="access.denied")


def test_lindung_itself_acts_nationally_with_every_capability():
    scope = access_require(None, "account.manage", region_code="61.07.04.2003")
    assert scope.system and not DENIED.exists()


def test_a_role_without_the_capability_is_refused_and_recorded():
    auditor = make_user("auditor", "62.03")
    with pytest.raises(AccessRefused) as refused:
        access_require(auditor, "worker.edit", region_code=VILLAGE, object_type="worker", object_id=5)
    assert isinstance(refused.value, PermissionDenied) and refused.value.message == NOT_YOUR_ROLE
    assert not refused.value.outside_scope
    event = DENIED.get()
    assert (event.action, event.actor, event.object_type, event.object_id, event.region_code) == (
        "access.denied",
        auditor,
        "worker",
        "5",
        VILLAGE,
    )


def test_a_region_outside_the_scope_is_refused_only_when_named():
    operator = make_user("operator_desa", VILLAGE)
    assert access_require(operator, "worker.edit").region_code == VILLAGE
    with pytest.raises(AccessRefused) as refused:
        access_require(
            operator, "worker.edit", region_code="62.03.17.2003", region_message="Bukan desa Anda."
        )
    assert refused.value.outside_scope and refused.value.message == "Bukan desa Anda."
    assert DENIED.get().region_code == "62.03.17.2003"
    assert NOT_YOUR_REGION != "Bukan desa Anda."
