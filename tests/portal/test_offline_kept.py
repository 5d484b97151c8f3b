"""The offline page keeps the operator's own people and the open programmes, for corrections and proposals."""

from __future__ import annotations

import json
import re

import pytest

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from tests.accounts.builders import REGION_OF_ROLE, signed_in
from tests.people.builders import make_nik, make_worker
from tests.programmes.builders import current_programme

pytestmark = pytest.mark.django_db


def _kept(response) -> list[dict]:
    html = response.content.decode()
    found = re.search(r'<script id="offline-kept-workers" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the kept workers are not on the page"
    return json.loads(found.group(1))


def test_the_page_keeps_only_the_operators_own_people_and_audits_it(client):
    mine = make_worker(full_name="Siti Rahmah")
    make_worker(nik=make_nik(district="61.07.04"), village_code="61.07.04.2003", full_name="Maria")
    signed_in(client, Role.OPERATOR_DESA, REGION_OF_ROLE[Role.OPERATOR_DESA])
    response = client.get("/luring/")
    assert response.status_code == 200
    [kept] = _kept(response)
    assert (kept["id"], kept["full_name"], kept["nik"]) == (mine.pk, "Siti Rahmah", mine.nik)
    assert kept["village_code"] == mine.village_id and kept["rt"] == "003"
    event = AuditEvent.objects.filter(action="worker.list").latest("pk")
    assert event.detail["workers"] == [mine.pk] and "kerja luring" in event.summary


def test_the_programmes_open_in_the_region_are_offered_for_proposals(client):
    open_here = current_programme(name="Program Nelayan Desa")
    current_programme(owner_region="61.07", coverage_region="61.07", name="Program Bengkayang")
    signed_in(client, Role.OPERATOR_DESA, REGION_OF_ROLE[Role.OPERATOR_DESA])
    html = client.get("/luring/").content.decode()
    assert f'<option value="{open_here.code}">' in html
    assert "Program Bengkayang" not in html
    assert 'data-api-propose="/api/enrolments/propose"' in html
