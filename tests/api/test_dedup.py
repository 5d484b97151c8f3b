"""/api/duplicates: the same queue, merge and distinct as the page and the CLI, and the same refusals."""

from __future__ import annotations

import json

import pytest

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.dedup.models import DuplicatePair, PairStatus
from lindung.enrolment.models import Status
from lindung.people.models import Worker
from lindung.people.selectors import nik_for_display
from tests.accounts.builders import signed_in
from tests.dedup.builders import make_pair
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def _post(client, path, body=None):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


def test_the_queue_lists_the_pair_with_niks_as_the_role_sees_them_and_is_audited(client, seeded):
    pair = make_pair()
    auditor = signed_in(client, Role.AUDITOR, "62.03")
    data = client.get("/api/duplicates").json()
    assert data["count"] == 1 and data["items"][0]["id"] == pair.pk
    assert data["items"][0]["a"]["nik"] == nik_for_display(auditor, pair.worker_a.nik)
    assert AuditEvent.objects.filter(action="duplicate.view").exists()


def test_the_verifier_merges_over_the_api(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _post(client, f"/api/duplicates/{pair.pk}/merge", {"keep": pair.worker_a_id})
    assert response.status_code == 200, response.content
    assert response.json()["removed"] == pair.worker_b_id
    assert not Worker.objects.filter(pk=pair.worker_b_id).exists()


def test_double_funding_is_a_named_400(client, seeded):
    pair = make_pair()
    make_enrolment(Status.VERIFIED, worker=pair.worker_a, programme=make_programme(name="Program A"))
    make_enrolment(Status.VERIFIED, worker=pair.worker_b, programme=make_programme(name="Program B"))
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = _post(client, f"/api/duplicates/{pair.pk}/merge", {"keep": pair.worker_a_id})
    assert response.status_code == 400
    assert "Pendanaan ganda" in response.json()["detail"]


def test_distinct_over_the_api_and_the_scan_does_not_bring_it_back(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert _post(client, f"/api/duplicates/{pair.pk}/distinct").status_code == 200
    assert _post(client, "/api/duplicates/scan").json()["new"] == 0
    assert DuplicatePair.objects.get().status == PairStatus.DISTINCT


def test_the_admin_may_read_but_not_merge(client, seeded):
    pair = make_pair()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert _post(client, f"/api/duplicates/{pair.pk}/merge", {"keep": pair.worker_a_id}).status_code == 403


def test_another_regency_does_not_see_the_pair(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "61.07")
    assert client.get(f"/api/duplicates/{pair.pk}").status_code == 404
