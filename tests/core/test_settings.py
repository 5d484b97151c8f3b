import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache

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
