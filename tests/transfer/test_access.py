"""The check every transfer use case makes: the capability, the region, and the audit row of a refusal."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from lindung.core.audit import AuditAction
from lindung.transfer.access import Target, TransferDenied, authorize
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU

from .builders import OTHER_VILLAGE, denials

pytestmark = pytest.mark.django_db
UPLOAD = AuditAction.IMPORT_UPLOAD


def test_lindung_itself_may_do_everything_everywhere():
    target = Target("import_batch", region_code=OTHER_VILLAGE)
    assert authorize(None, "insurer.export", attempt=UPLOAD, target=target, outside="x").system
    assert denials() == []


def test_an_allowed_act_in_the_region_returns_the_scope_and_audits_nothing():
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    target = Target("import_batch", region_code=PULAU_MAMBULAU)
    scope = authorize(operator, "import.upload", attempt=UPLOAD, target=target, outside="di luar")
    assert scope.region_code == PULAU_MAMBULAU
    assert denials() == []


def test_a_region_outside_the_scope_is_refused_only_when_the_act_names_one():
    operator = make_user("operator_desa", PULAU_MAMBULAU)
    target = Target("import_batch", 7, OTHER_VILLAGE)
    assert authorize(operator, "import.upload", attempt=UPLOAD, target=target) is not None
    with pytest.raises(TransferDenied, match="di luar") as refused:
        authorize(operator, "import.upload", attempt=UPLOAD, target=target, outside="di luar")
    assert refused.value.outside_scope
    [event] = denials()
    assert (event.object_type, event.object_id, event.region_code) == ("import_batch", "7", OTHER_VILLAGE)
    assert event.summary == "Akses ditolak (import.upload): di luar wilayah akun"


def test_an_anonymous_visitor_has_no_capability():
    with pytest.raises(TransferDenied):
        authorize(AnonymousUser(), "import.upload", attempt=UPLOAD, target=Target("import_batch"))
    [event] = denials()
    assert event.actor is None and event.actor_label == "anonim"
