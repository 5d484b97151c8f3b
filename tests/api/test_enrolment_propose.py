"""POST /api/enrolments/propose: the worker page's "Usulkan" over JSON, with the same checks.

The refusals the offline outbox explains to the operator: quota full, already proposed, not eligible; and the
region and capability checks every front door shares.
"""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import REGION_OF_ROLE, signed_in
from tests.people.builders import make_nik, make_worker
from tests.programmes.builders import current_programme

pytestmark = pytest.mark.django_db
URL = "/api/enrolments/propose"
BENGKAYANG_VILLAGE = "61.07.04.2003"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def operator(client):
    return signed_in(client, Role.OPERATOR_DESA, REGION_OF_ROLE[Role.OPERATOR_DESA])


def test_an_operator_proposes_a_worker_of_the_village_by_programme_code(client):
    programme = current_programme()
    worker = make_worker()
    operator(client)
    response = post(client, {"worker": worker.pk, "programme": programme.code, "reason": "Nelayan kecil"})
    assert response.status_code == 201, response.content
    data = response.json()
    enrolment = Enrolment.objects.get(pk=data["id"])
    assert (enrolment.worker_id, enrolment.programme_id, enrolment.status) == (
        worker.pk,
        programme.pk,
        Status.PROPOSED,
    )
    assert data["programme"] == programme.code and data["status_label"] == "diusulkan"
    assert enrolment.reason == "Nelayan kecil"
    assert AuditEvent.objects.filter(action="enrolment.propose", object_id=str(enrolment.pk)).exists()


def test_the_programme_may_be_named_by_its_id(client):
    programme = current_programme()
    worker = make_worker()
    operator(client)
    assert post(client, {"worker": worker.pk, "programme_id": programme.pk}).status_code == 201


def test_the_programme_is_named_exactly_once(client):
    programme = current_programme()
    worker = make_worker()
    operator(client)
    both = post(client, {"worker": worker.pk, "programme": programme.code, "programme_id": programme.pk})
    neither = post(client, {"worker": worker.pk})
    assert both.status_code == neither.status_code == 400
    assert not Enrolment.objects.exists()


def test_a_full_quota_is_a_conflict_named_quota_full(client):
    programme = current_programme(quota_per_village=1)
    first = make_worker(serial=1)
    second = make_worker(serial=2, full_name="Siti Rahmah")
    operator(client)
    assert post(client, {"worker": first.pk, "programme": programme.code}).status_code == 201
    response = post(client, {"worker": second.pk, "programme": programme.code})
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "quota_full"
    assert data["detail"].startswith("Kuota penuh: Kuota desa")
    assert "village_quota_full" in {f["code"] for f in data["findings"]}
    assert not Enrolment.objects.filter(worker=second).exists()


def test_proposing_twice_is_a_conflict_named_already_proposed(client):
    programme = current_programme()
    worker = make_worker()
    operator(client)
    assert post(client, {"worker": worker.pk, "programme": programme.code}).status_code == 201
    response = post(client, {"worker": worker.pk, "programme": programme.code})
    assert response.status_code == 409
    assert response.json()["code"] == "already_proposed"
    assert response.json()["detail"].startswith("Sudah diusulkan:")
    assert Enrolment.objects.filter(worker=worker).count() == 1


def test_a_person_the_programme_does_not_take_is_not_eligible(client):
    programme = current_programme(segment="PU")
    worker = make_worker()  # no fixed income (siltap) to compute a wage earner's contribution
    operator(client)
    response = post(client, {"worker": worker.pk, "programme": programme.code})
    assert response.status_code == 422, response.content
    data = response.json()
    assert "code" not in data
    assert data["detail"].startswith("Tidak memenuhi syarat:")
    assert any(f["severity"] == "error" for f in data["findings"])
    assert not Enrolment.objects.exists()


def test_a_worker_outside_the_region_is_not_found_and_the_attempt_is_logged(client):
    programme = current_programme()
    foreign = make_worker(nik=make_nik(district="61.07.04"), village_code=BENGKAYANG_VILLAGE)
    operator(client)
    response = post(client, {"worker": foreign.pk, "programme": programme.code})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="access.denied", object_id=str(foreign.pk)).exists()
    assert not Enrolment.objects.exists()


def test_a_programme_outside_the_region_is_not_found(client):
    foreign = current_programme(owner_region="61.07", coverage_region="61.07")
    worker = make_worker()
    operator(client)
    response = post(client, {"worker": worker.pk, "programme": foreign.code})
    assert response.status_code == 404
    assert foreign.code in response.json()["detail"]


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.BENDAHARA, Role.AUDITOR, Role.PETUGAS_BPJS])
def test_roles_that_do_not_propose_are_refused(client, role):
    programme = current_programme()
    worker = make_worker()
    signed_in(client, role, REGION_OF_ROLE[role])
    assert post(client, {"worker": worker.pk, "programme": programme.code}).status_code == 403
    assert not Enrolment.objects.exists()


def test_signed_out_is_401(client):
    assert post(client, {"worker": 1, "programme": "x"}).status_code == 401
