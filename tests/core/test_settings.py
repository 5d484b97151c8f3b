import pytest

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
