"""Indonesian first: the browser's Accept-Language never decides; the account's choice does, on every device."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Account, Role
from lindung.accounts.services import account_set_language
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from tests.accounts.builders import signed_in

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_a_browser_asking_for_english_still_gets_indonesian(client):
    html = client.get("/masuk/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="id">' in html


def test_a_signed_in_browser_asking_for_english_still_gets_indonesian(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.get("/pekerja/", **ENGLISH_BROWSER)
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_choosing_english_is_kept_on_the_account_and_audited(client):
    user = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.post("/akun/bahasa/", {"language": "en", "next": "/pekerja/"})
    assert response.status_code == 302 and response["Location"] == "/pekerja/"
    assert Account.objects.get(user=user).language == "en"
    assert AuditEvent.objects.filter(action=AuditAction.LANGUAGE_SET, actor=user).count() == 1
    assert '<html lang="en">' in client.get("/pekerja/").content.decode()


def test_the_choice_follows_the_account_to_a_new_device(client, django_user_model):
    from django.test import Client

    user = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    client.post("/akun/bahasa/", {"language": "en", "next": "/"})
    phone = Client()
    phone.force_login(user)
    assert '<html lang="en">' in phone.get("/pekerja/").content.decode()


def test_choosing_indonesian_again_switches_back(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    client.post("/akun/bahasa/", {"language": "en", "next": "/"})
    client.post("/akun/bahasa/", {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get("/pekerja/", **ENGLISH_BROWSER).content.decode()


def test_before_sign_in_the_choice_is_kept_in_the_session(client):
    client.post("/akun/bahasa/", {"language": "en", "next": "/masuk/"})
    assert '<html lang="en">' in client.get("/masuk/").content.decode()


def test_an_unknown_language_is_refused_and_nothing_is_kept(client):
    user = signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.post("/akun/bahasa/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert Account.objects.get(user=user).language == ""
    assert not AuditEvent.objects.filter(action=AuditAction.LANGUAGE_SET).exists()


def test_next_outside_the_site_is_not_followed(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.post("/akun/bahasa/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_choosing_by_get_is_not_allowed(client):
    assert client.get("/akun/bahasa/").status_code == 405


def test_the_same_choice_twice_is_audited_once():
    from tests.accounts.builders import make_user

    user = make_user(Role.VERIFIKATOR, "62.03")
    assert account_set_language(actor=user, language="en") is True
    assert account_set_language(actor=user, language="en") is False
    assert AuditEvent.objects.filter(action=AuditAction.LANGUAGE_SET).count() == 1


def test_the_footer_chooser_posts_to_the_account_choice(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    html = client.get("/pekerja/").content.decode()
    assert 'action="/akun/bahasa/"' in html
