"""Sign-in with django-axes, Indonesian messages, and the superadmin's account pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from lindung.accounts.models import Account, Role
from lindung.core.models import AuditEvent

from .builders import PASSWORD, make_user, signed_in

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_indonesian_and_has_labels(client):
    html = client.get("/masuk/").content.decode()
    assert 'for="id_username"' in html and 'for="id_password"' in html
    assert "Masuk ke Lindung" in html


def test_sign_in_with_the_right_password_goes_home(client):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    response = client.post("/masuk/", {"username": "op", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Selamat datang, op" in client.get("/").content.decode()


def test_wrong_password_is_refused_in_indonesian(client):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    response = client.post("/masuk/", {"username": "op", "password": "salah-sekali-123"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_repeated_failures_lock_the_login_with_an_indonesian_page(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/masuk/", {"username": "op", "password": "salah-sekali-123"})
    # Even the right password is refused while the lock lasts.
    response = client.post("/masuk/", {"username": "op", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in html and "1 menit" in html
    assert "_auth_user_id" not in client.session


def test_superadmin_sets_a_new_password_and_lifts_the_lock(client, settings):
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/masuk/", {"username": "op", "password": "salah-sekali-123"})
    admin = signed_in(client, Role.SUPERADMIN)
    op = get_user_model().objects.get(username="op")
    response = client.post(
        f"/akun/pengguna/{op.pk}/sandi/",
        {"password1": "kata-sandi-baru-99", "password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="account.password_set")
    assert (event.actor, event.object_id) == (admin, str(op.pk))
    client.logout()
    assert client.post("/masuk/", {"username": "op", "password": "kata-sandi-baru-99"}).status_code == 302


def test_new_password_must_pass_the_validators(client):
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    signed_in(client, Role.SUPERADMIN)
    response = client.post(f"/akun/pengguna/{op.pk}/sandi/", {"password1": "pendek", "password2": "pendek"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    op.refresh_from_db()
    assert op.check_password(PASSWORD)


def test_superadmin_creates_an_account_with_role_and_region(client):
    signed_in(client, Role.SUPERADMIN)
    response = client.post(
        "/akun/pengguna/baru/",
        {
            "username": "ver.kapuas",
            "password": "verifikator-kenari-2026!",
            "role": Role.VERIFIKATOR,
            "region": "62.03",
        },
    )
    assert response.status_code == 302
    account = Account.objects.get(user__username="ver.kapuas")
    assert (account.role, account.region_id) == (Role.VERIFIKATOR, "62.03")
    assert account.user.password.startswith("argon2")


def test_unknown_region_code_is_refused_on_the_field(client):
    signed_in(client, Role.SUPERADMIN)
    response = client.post(
        "/akun/pengguna/baru/",
        {
            "username": "x.y",
            "password": "verifikator-kenari-2026!",
            "role": Role.VERIFIKATOR,
            "region": "99.99",
        },
    )
    assert "Kode wilayah &quot;99.99&quot; tidak ditemukan." in response.content.decode()
    assert not get_user_model().objects.filter(username="x.y").exists()


def test_regional_superadmin_cannot_create_accounts_outside_its_region(client):
    signed_in(client, Role.SUPERADMIN, "62.03")
    response = client.post(
        "/akun/pengguna/baru/",
        {
            "username": "x.y",
            "password": "verifikator-kenari-2026!",
            "role": Role.VERIFIKATOR,
            "region": "61.07",
        },
    )
    assert "Wilayah ini di luar wilayah Anda." in response.content.decode()
    assert not get_user_model().objects.filter(username="x.y").exists()


def test_account_pages_are_for_superadmins_only(client):
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get("/akun/pengguna/").status_code == 403
    assert (
        client.post(
            f"/akun/pengguna/{op.pk}/sandi/", {"password1": "a" * 12, "password2": "a" * 12}
        ).status_code
        == 403
    )


def test_superadmin_deactivates_an_account(client):
    op = make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="op")
    signed_in(client, Role.SUPERADMIN)
    response = client.post(
        f"/akun/pengguna/{op.pk}/", {"role": Role.OPERATOR_DESA, "region": "62.03.17.2002", "institution": ""}
    )
    assert response.status_code == 302
    op.refresh_from_db()
    assert not op.is_active
    assert AuditEvent.objects.filter(action="account.update", object_id=str(op.pk)).exists()


def test_sign_out_is_a_post(client):
    signed_in(client, Role.AUDITOR, "62.03")
    assert client.get("/keluar/").status_code == 405
    assert client.post("/keluar/").status_code == 302
    assert client.get("/").status_code == 302


def test_user_changes_own_password(client):
    user = signed_in(client, Role.AUDITOR, "62.03")
    response = client.post(
        "/akun/sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "sandi-baru-auditor-1",
            "new_password2": "sandi-baru-auditor-1",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("sandi-baru-auditor-1")


def test_only_a_national_superadmin_reaches_the_django_admin(client):
    signed_in(client, Role.SUPERADMIN, "62.03")
    client.post(
        "/akun/pengguna/baru/",
        {
            "username": "super.kapuas",
            "password": "superadmin-kenari-2026!",
            "role": Role.SUPERADMIN,
            "region": "62.03.17",
        },
    )
    regional = get_user_model().objects.get(username="super.kapuas")
    assert not regional.is_superuser and not regional.is_staff


def test_demoting_a_superadmin_removes_the_django_admin_flags(client):
    signed_in(client, Role.SUPERADMIN)
    client.post(
        "/akun/pengguna/baru/",
        {
            "username": "super.dua",
            "password": "superadmin-kenari-2026!",
            "role": Role.SUPERADMIN,
            "region": "",
        },
    )
    user = get_user_model().objects.get(username="super.dua")
    assert user.is_superuser and user.is_staff
    client.post(f"/akun/pengguna/{user.pk}/", {"role": Role.AUDITOR, "region": "62.03", "is_active": "on"})
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff and user.is_active
