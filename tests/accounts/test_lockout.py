"""Sign-in locks: the (username, address) pair is locked, the lock grows, and a superadmin can lift it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from lindung.accounts.lockout import cool_off
from lindung.accounts.models import Role
from lindung.core.models import AuditEvent

from .builders import PASSWORD, make_user, signed_in

pytestmark = pytest.mark.django_db

OFFICE = "10.1.1.1"
ELSEWHERE = "10.2.2.2"


def _fail(client, username: str, address: str, times: int) -> None:
    for _ in range(times):
        client.post("/masuk/", {"username": username, "password": "salah-sekali-123"}, REMOTE_ADDR=address)


def _sign_in(client, username: str, address: str):
    return client.post("/masuk/", {"username": username, "password": PASSWORD}, REMOTE_ADDR=address)


def test_failures_lock_the_pair_from_that_address(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    _fail(client, "op", OFFICE, settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, "op", OFFICE).status_code == 429


def test_failures_do_not_lock_the_same_username_from_another_address(client, settings):
    make_user(Role.SUPERADMIN, username="root")
    _fail(client, "root", OFFICE, settings.AXES_FAILURE_LIMIT)
    response = _sign_in(client, "root", ELSEWHERE)
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def test_failures_do_not_lock_another_username_behind_the_same_address(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="typo")
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="colleague")
    _fail(client, "typo", OFFICE, settings.AXES_FAILURE_LIMIT)
    response = _sign_in(client, "colleague", OFFICE)
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def _cool_off_after(failures: int, username="op", address=OFFICE) -> timedelta:
    for _ in range(failures):
        AccessFailureLog.objects.create(username=username, ip_address=address, user_agent="", http_accept="")
    request = RequestFactory().post("/masuk/", {"username": username})
    request.axes_ip_address = address
    return cool_off(request)


@pytest.mark.parametrize(
    ("failures", "minutes"), [(0, 1), (4, 1), (5, 1), (9, 5), (10, 5), (14, 15), (15, 15), (19, 60), (40, 60)]
)
def test_the_lock_grows_as_the_pair_keeps_failing(failures, minutes):
    assert _cool_off_after(failures) == timedelta(minutes=minutes)


def test_another_pairs_failures_do_not_lengthen_the_lock():
    for _ in range(20):
        AccessFailureLog.objects.create(username="op", ip_address=ELSEWHERE, user_agent="", http_accept="")
    assert _cool_off_after(5) == timedelta(minutes=1)


def test_the_second_lock_of_a_pair_lasts_five_minutes(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    _fail(client, "op", OFFICE, settings.AXES_FAILURE_LIMIT)
    # The first lock (1 minute) has passed: move the records back in time.
    AccessFailureLog.objects.update(
        attempt_time=AccessFailureLog.objects.first().attempt_time - timedelta(minutes=2)
    )
    _expire_attempts(minutes=2)
    _fail(client, "op", OFFICE, settings.AXES_FAILURE_LIMIT)
    response = _sign_in(client, "op", OFFICE)
    assert response.status_code == 429 and "5 menit" in response.content.decode()


def _expire_attempts(minutes: int) -> None:
    shift = timedelta(minutes=minutes)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - shift)
    for expiry in AccessAttemptExpiration.objects.all():
        AccessAttemptExpiration.objects.filter(pk=expiry.pk).update(expires_at=expiry.expires_at - shift)


def test_superadmin_unlocks_an_account_and_it_is_audited(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    _fail(client, "op", OFFICE, settings.AXES_FAILURE_LIMIT)
    op = get_user_model().objects.get(username="op")
    admin = signed_in(client, Role.SUPERADMIN)
    assert "Buka kunci masuk" in client.get("/akun/pengguna/").content.decode()
    response = client.post(f"/akun/pengguna/{op.pk}/buka-kunci/")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="account.unlock")
    assert (event.actor, event.object_id) == (admin, str(op.pk))
    assert not AccessFailureLog.objects.filter(username="op").exists()
    client.logout()
    assert _sign_in(client, "op", OFFICE).status_code == 302


def test_a_programme_admin_cannot_unlock_and_the_attempt_is_audited(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    _fail(client, "op", OFFICE, settings.AXES_FAILURE_LIMIT)
    op = get_user_model().objects.get(username="op")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(f"/akun/pengguna/{op.pk}/buka-kunci/")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="account.unlock").exists()
    denied = AuditEvent.objects.get(action="access.denied")
    assert denied.object_id == str(op.pk) and "account.manage" in denied.summary
    client.logout()
    assert _sign_in(client, "op", OFFICE).status_code == 429


def test_regional_superadmin_cannot_unlock_an_account_outside_its_region(client, settings):
    root = make_user(Role.SUPERADMIN, username="root")
    signed_in(client, Role.SUPERADMIN, "62.03")
    assert client.post(f"/akun/pengguna/{root.pk}/buka-kunci/").status_code == 404
    assert AuditEvent.objects.filter(action="access.denied").exists()
