"""The worker table's indexes: each one is rebuilt after every bulk import, so none may be redundant."""

from __future__ import annotations

import pytest
from django.db import connection

from lindung.people.models import Worker

pytestmark = pytest.mark.django_db


def _indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Worker._meta.db_table)
    return {
        name: c["columns"]
        for name, c in found.items()
        if c["index"] and not c["unique"] and not c["primary_key"]
    }


def test_the_village_has_no_index_of_its_own_beside_the_village_and_category_index():
    indexes = _indexes()
    assert ["village_id", "category"] in indexes.values()
    # The one index on the village alone is the partial one of people waiting for a verifier.
    assert [name for name, columns in indexes.items() if columns == ["village_id"]] == ["worker_review_idx"]


def test_names_have_one_plain_index_and_no_pattern_index():
    indexes = _indexes()
    assert [name for name, columns in indexes.items() if columns == ["name_normalized"]] == [
        "worker_name_normalized_idx"
    ]
    assert not [name for name in indexes if name.endswith("_like") and "nik" not in name]
