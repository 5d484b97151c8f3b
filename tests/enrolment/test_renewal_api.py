"""The renewal API refuses what the pages refuse, and runs the same services."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db


def test_preview_then_confirm_over_the_api(client, seeded, settings):
    source = make_programme()
    target = make_programme(fiscal_year=2027, start_month="2027-01")
    make_enrolment(Status.ACTIVE, programme=source)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    preview = client.get(f"/api/renewal/{source.code}/{target.code}")
    assert preview.status_code == 200 and preview.json()["carried"] == 1
    confirm = client.post(f"/api/renewal/{source.code}/{target.code}")
    assert confirm.status_code == 200 and confirm.json()["created"] == 1
    assert client.post(f"/api/renewal/{source.code}/{target.code}").json()["already_in_target"] == 1
    assert Enrolment.objects.filter(programme=target).count() == 1


def test_same_programme_answers_400(client, seeded):
    source = make_programme()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get(f"/api/renewal/{source.code}/{source.code}").status_code == 400


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [
        (Role.VERIFIKATOR, "62.03", 403),
        (Role.ADMIN_PROGRAM, BENGKAYANG, 404),
    ],
)
def test_refusals(client, seeded, role, region, status):
    source = make_programme()
    target = make_programme(fiscal_year=2027, start_month="2027-01")
    signed_in(client, role, region)
    assert client.post(f"/api/renewal/{source.code}/{target.code}").status_code == status
    assert client.get(f"/api/renewal/handover/{source.code}").status_code == status
    assert not Enrolment.objects.filter(programme=target).exists()


def test_handover_before_the_end_answers_400(client, seeded):
    programme = make_programme(fiscal_year=2100, start_month="2100-01")
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get(f"/api/renewal/handover/{programme.code}").status_code == 200
    assert client.post(f"/api/renewal/handover/{programme.code}").status_code == 400
