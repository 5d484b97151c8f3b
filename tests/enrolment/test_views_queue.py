"""The verification queue: filters, findings beside each person, bulk approve and reject."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from tests.accounts.builders import signed_in
from tests.programmes.builders import current_programme

from .builders import make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def test_queue_lists_proposals_in_the_region_with_their_findings(client):
    programme = current_programme()
    flagged = make_enrolment(
        programme=programme,
        worker=new_worker(full_name="Siti Aminah", birth_date=__import__("datetime").date(1985, 8, 18)),
    )
    clean = make_enrolment(programme=programme)
    bengkayang = current_programme(owner_region="61.07", coverage_region="61.07")
    foreign = make_enrolment(
        programme=bengkayang, worker=new_worker(village_code="61.07.04.2003", nik="6107041708850001")
    )
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.get("/kepesertaan/verifikasi/")
    ids = [e.pk for e in response.context["page"]]
    assert set(ids) == {flagged.pk, clean.pk} and foreign.pk not in ids
    html = response.content.decode()
    assert "tidak sama dengan tanggal lahir menurut NIK" in html
    only_flagged = client.get("/kepesertaan/verifikasi/?findings=with").context["page"]
    assert [e.pk for e in only_flagged] == [flagged.pk]


def test_verifier_approves_many_at_once(client):
    programme = current_programme()
    enrolments = [make_enrolment(programme=programme) for _ in range(3)]
    user = signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/kepesertaan/verifikasi/",
        {"action": "verify", "enrolment": [e.pk for e in enrolments[:2]]},
        follow=True,
    )
    assert "2 orang disetujui." in response.content.decode()
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert [statuses[e.pk] for e in enrolments] == [Status.VERIFIED, Status.VERIFIED, Status.PROPOSED]
    assert EnrolmentEvent.objects.filter(to_status=Status.VERIFIED, actor=user).count() == 2


def test_reject_needs_a_reason_and_the_operator_reads_it(client):
    programme = current_programme()
    enrolment = make_enrolment(programme=programme)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/kepesertaan/verifikasi/", {"action": "reject", "enrolment": [enrolment.pk]}, follow=True
    )
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PROPOSED
    client.post(
        "/kepesertaan/verifikasi/",
        {"action": "reject", "enrolment": [enrolment.pk], "reason": "KTP tidak terbaca"},
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.reason) == (Status.REJECTED, "KTP tidak terbaca")
    client.logout()
    signed_in(client, Role.OPERATOR_DESA, enrolment.village_id)
    assert "KTP tidak terbaca" in client.get(f"/pekerja/{enrolment.worker_id}/").content.decode()


def test_ids_outside_the_region_are_ignored_and_logged(client):
    bengkayang = current_programme(owner_region="61.07", coverage_region="61.07")
    foreign = make_enrolment(
        programme=bengkayang, worker=new_worker(village_code="61.07.04.2003", nik="6107041708850001")
    )
    user = signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/kepesertaan/verifikasi/", {"action": "verify", "enrolment": [foreign.pk]}, follow=True
    )
    assert "tidak ditemukan di wilayah Anda" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.status == Status.PROPOSED
    event = AuditEvent.objects.get(action="access.denied", object_type="enrolment")
    assert (event.actor, event.object_id) == (user, str(foreign.pk))


def test_reviewers_see_the_queue_but_cannot_decide(client):
    programme = current_programme()
    enrolment = make_enrolment(programme=programme)
    signed_in(client, Role.PENDAMPING, "62.03.17")
    response = client.get("/kepesertaan/verifikasi/")
    assert response.status_code == 200 and 'name="action"' not in response.content.decode()
    assert (
        client.post("/kepesertaan/verifikasi/", {"action": "verify", "enrolment": [enrolment.pk]}).status_code
        == 403
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PROPOSED


def test_illegal_transition_is_reported_not_applied(client):
    programme = current_programme()
    verified = make_enrolment(Status.VERIFIED, programme=programme)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/kepesertaan/verifikasi/", {"action": "verify", "enrolment": [verified.pk]}, follow=True
    )
    assert "tidak dapat diubah menjadi" in response.content.decode()


def test_the_queue_is_one_read_event_naming_the_people_shown(client):
    programme = current_programme()
    shown = [make_enrolment(programme=programme) for _ in range(2)]
    signed_in(client, Role.AUDITOR, "62.03")
    client.get("/kepesertaan/verifikasi/")
    [event] = AuditEvent.objects.filter(action=AuditAction.ENROLMENT_QUEUE)
    assert sorted(event.detail["workers"]) == sorted(e.worker_id for e in shown)
    assert not AuditAction(event.action).changes_data


def test_the_queue_is_not_stored_by_browsers(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert "no-store" in client.get("/kepesertaan/verifikasi/")["Cache-Control"]


def test_masked_roles_read_queue_findings_without_the_birth_date(client):
    make_enrolment(
        programme=current_programme(),
        worker=new_worker(full_name="Siti Aminah", birth_date=__import__("datetime").date(1985, 8, 18)),
    )
    signed_in(client, Role.PENDAMPING, "62.03.17")
    html = client.get("/kepesertaan/verifikasi/").content.decode()
    assert "Tanggal lahir tidak sama dengan tanggal lahir menurut NIK." in html and "1985" not in html


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_the_queue_never_redirects_to_another_site(client, target):
    enrolment = make_enrolment()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(
        "/kepesertaan/verifikasi/", {"action": "verify", "enrolment": [enrolment.pk], "next": target}
    )
    assert response.status_code == 302 and response["Location"] == "/kepesertaan/verifikasi/"
