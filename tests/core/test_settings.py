import importlib.util
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache

import lindung.settings
from lindung.settings import _database


def test_database_url_switches_to_postgresql():
    db = _database("postgresql://lindung:s%40cret@db.example:5433/lindung")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "lindung",
        "s@cret",
        "db.example",
        "5433",
        "lindung",
    )


def test_sqlite_is_the_default():
    assert _database(None)["ENGINE"] == "django.db.backends.sqlite3"


def test_other_databases_are_refused():
    with pytest.raises(ValueError, match="postgresql"):
        _database("mysql://x@y/z")


def test_the_cache_is_shared_by_every_process_of_the_data_folder():
    # gunicorn workers are processes: a region's figures computed by one are read by the others.
    cache.delete("shared-check")
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.set('shared-check', {'62.03': 214}, 60)"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="lindung.settings", LINDUNG_DATA_DIR=str(settings.DATA_DIR))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)  # noqa: S603
    assert cache.get("shared-check") == {"62.03": 214}
    cache.delete("shared-check")


def _https_settings(monkeypatch, settings):
    """Apply what lindung/settings.py sets under LINDUNG_HTTPS=1 to the running test settings."""
    monkeypatch.setenv("LINDUNG_HTTPS", "1")
    spec = importlib.util.spec_from_file_location("lindung_https_settings", lindung.settings.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        setattr(settings, name, getattr(module, name))


@pytest.mark.django_db
def test_https_mode_redirects_plain_http_without_hsts(client, monkeypatch, settings):
    _https_settings(monkeypatch, settings)
    response = client.get("/masuk/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/masuk/"
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_https_mode_honours_the_proxy_header_and_sends_hsts(client, monkeypatch, settings):
    _https_settings(monkeypatch, settings)
    response = client.get("/masuk/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_deploy_check_is_clean_in_https_mode():
    # The browser tests allow Django's ORM in Playwright's event loop for this process; a server never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "lindung.settings",
        "LINDUNG_DATA_DIR": str(settings.DATA_DIR),
        "LINDUNG_HTTPS": "1",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
