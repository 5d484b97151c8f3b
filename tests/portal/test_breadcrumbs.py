"""The monev path: parents outside the viewer's region are plain text, never a link that answers 404."""

from __future__ import annotations

import re

import pytest

from lindung.accounts.models import Role
from tests.accounts.builders import signed_in

pytestmark = pytest.mark.django_db


def _path(html: str) -> str:
    return re.search(r'<nav class="monev-path".*?</nav>', html, re.S).group(0)


def test_a_village_operator_sees_parents_outside_its_village_as_text(client):
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    path = _path(client.get("/monev/").content.decode())
    assert "Indonesia" in path
    assert "<a " not in path


def test_a_kecamatan_sees_its_own_region_linked_and_the_parents_as_text(client):
    signed_in(client, Role.PENDAMPING, "62.03.17")
    path = _path(client.get("/monev/?wilayah=62.03.17.2002").content.decode())
    assert "wilayah=62.03.17&amp;" in path
    assert "wilayah=62.03&amp;" not in path and "wilayah=&amp;" not in path


def test_a_national_viewer_gets_every_parent_linked(client):
    signed_in(client, Role.SUPERADMIN)
    path = _path(client.get("/monev/?wilayah=62.03.17").content.decode())
    assert "wilayah=62.03&amp;" in path and "wilayah=&amp;" in path


def test_the_public_page_links_every_parent(client):
    path = _path(client.get("/monev/publik/?wilayah=62.03.17").content.decode())
    assert "wilayah=62.03&amp;" in path
