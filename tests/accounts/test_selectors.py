from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404

from lindung.accounts.models import Account, Role
from lindung.accounts.selectors import NOBODY, scope_of
from lindung.core.models import AuditEvent
from lindung.people.selectors import nik_for_display, worker_for, workers_visible_to
from tests.people.builders import make_worker

from .builders import make_user

pytestmark = pytest.mark.django_db


def test_operator_sees_only_their_village():
    mine = make_worker()
    other = make_worker(serial=2, village_code="62.03.17.2003")
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002")
    assert list(workers_visible_to(op)) == [mine]
    assert other not in workers_visible_to(op)


def test_regency_verifier_sees_every_village_below():
    make_worker()
    make_worker(serial=2, village_code="62.03.17.2003")
    make_worker(serial=3, village_code="61.07.04.2003")
    assert workers_visible_to(make_user(Role.VERIFIKATOR, "62.03")).count() == 2


def test_foreign_worker_is_404_and_the_attempt_is_logged():
    other = make_worker(village_code="62.03.17.2003")
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002")
    with pytest.raises(Http404):
        worker_for(op, other.pk)
    event = AuditEvent.objects.get(action="access.denied")
    assert (event.actor, event.object_id) == (op, str(other.pk))


def test_user_without_account_sees_nothing_and_superuser_sees_all():
    make_worker()
    plain = get_user_model().objects.create_user("tanpa-akun", password="x" * 12)
    root = get_user_model().objects.create_superuser("root", password="x" * 12)
    assert not workers_visible_to(plain).exists()
    assert workers_visible_to(root).count() == 1
    assert scope_of(root).sees_full_nik


def test_nik_masked_for_roles_that_do_not_need_it():
    nik = "6203171708850001"
    assert nik_for_display(make_user(Role.AUDITOR, "62.03"), nik) == "6203********0001"
    assert nik_for_display(make_user(Role.PENDAMPING, "62.03.17"), nik) == "6203********0001"
    assert nik_for_display(make_user(Role.VERIFIKATOR, "62.03"), nik) == nik


def test_a_sponsor_account_without_a_sponsor_sees_nothing():
    user = get_user_model().objects.create_user("sponsor-tanpa-sponsor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.create(user=user, role="sponsor", region_id="62.03")
    # Rows written before the constraint (or by raw SQL) still fail closed in the selector.
    account = Account(user=user, role="sponsor", region_id="62.03")
    user.account = account
    assert scope_of(user) is NOBODY
