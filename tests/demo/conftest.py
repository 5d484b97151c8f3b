"""The demo, loaded once per test module inside a transaction rolled back at its end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lindung.demo.programmes import demo_load
from lindung.demo.users import demo_users_load

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end (it takes seconds)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_users_load()
        with CaptureQueriesContext(connection) as queries:
            summary = demo_load(today=TODAY)
        yield summary, len(queries)
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_data, db):
    return demo_data
