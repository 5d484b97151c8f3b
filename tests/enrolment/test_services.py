from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.services import sponsor_create
from lindung.core.models import AuditEvent
from lindung.enrolment import services as s
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import TODAY, make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def test_propose_creates_the_enrolment_with_history_and_audit():
    operator = make_user("operator_desa", PULAU_MAMBULAU, username="operator")
    worker = new_worker()
    programme = make_programme()
    enrolment, warnings = s.enrolment_propose(actor=operator, worker=worker, programme=programme, today=TODAY)
    assert enrolment.status == Status.PROPOSED and enrolment.village_id == worker.village_id
    assert enrolment.proposed_by == operator and warnings == []
    event = enrolment.events.get()
    assert (event.from_status, event.to_status, event.actor_label) == ("", Status.PROPOSED, "operator")
    assert AuditEvent.objects.filter(action="enrolment.propose", object_id=str(enrolment.pk)).exists()


def test_propose_refuses_an_ineligible_person_and_writes_nothing():
    worker = new_worker(village_code="61.07.04.2003")
    programme = make_programme()  # Kapuas
    with pytest.raises(s.EnrolmentIneligible) as exc:
        s.enrolment_propose(actor=None, worker=worker, programme=programme, today=TODAY)
    assert "di luar wilayah cakupan" in str(exc.value)
    assert [f.code for f in exc.value.findings if f.blocks] == ["outside_coverage"]
    assert not Enrolment.objects.exists()


def test_reject_needs_a_reason():
    enrolment = make_enrolment(Status.PROPOSED)
    with pytest.raises(s.TransitionRefused, match="alasan wajib diisi"):
        s.enrolment_reject(actor=None, enrolment=enrolment, reason="  ")
    enrolment = s.enrolment_reject(actor=None, enrolment=enrolment, reason="Bukan warga desa")
    assert enrolment.status == Status.REJECTED and enrolment.reason == "Bukan warga desa"


def test_an_illegal_single_jump_raises_a_typed_indonesian_refusal():
    enrolment = make_enrolment(Status.PROPOSED)
    with pytest.raises(
        s.TransitionRefused, match="berstatus diusulkan; tidak dapat diubah menjadi dikirim ke BPJS"
    ):
        s.enrolment_submit(actor=None, enrolment=enrolment)


def test_end_records_reason_and_date_and_refuses_unknown_reasons():
    enrolment = make_enrolment(Status.ACTIVE)
    with pytest.raises(s.TransitionRefused, match='alasan berakhir "bosan" tidak dikenal'):
        s.enrolment_end(actor=None, enrolment=enrolment, end_reason="bosan", today=TODAY)
    enrolment = s.enrolment_end(
        actor=None, enrolment=enrolment, end_reason="death", end_date=dt.date(2026, 9, 3), today=TODAY
    )
    assert (enrolment.status, enrolment.end_reason, enrolment.end_date) == (
        Status.ENDED,
        "death",
        dt.date(2026, 9, 3),
    )
    assert enrolment.reason == "Berakhir: meninggal dunia"


def test_repropose_reopens_a_rejected_enrolment_after_checking_again():
    enrolment = make_enrolment(Status.REJECTED)
    enrolment = s.enrolment_repropose(actor=None, enrolment=enrolment, reason="NIK diperbaiki", today=TODAY)
    assert enrolment.status == Status.PROPOSED
    assert list(enrolment.events.values_list("to_status", flat=True)) == [
        Status.PROPOSED,
        Status.REJECTED,
        Status.PROPOSED,
    ]
    with pytest.raises(s.TransitionRefused):
        s.enrolment_repropose(actor=None, enrolment=enrolment, today=TODAY)


def test_bulk_transition_reports_refusals_and_moves_the_rest_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    programme = make_programme()
    proposed = [make_enrolment(Status.PROPOSED, programme=programme) for _ in range(12)]
    verified = make_enrolment(Status.VERIFIED, programme=programme)
    ids = [e.pk for e in proposed] + [verified.pk, 987654]
    with django_assert_max_num_queries(10):
        report = s.enrolments_transition(
            actor=None, ids=ids, to_status=Status.VERIFIED, reason="Cocok dengan KTP"
        )
    assert sorted(report.moved) == sorted(e.pk for e in proposed)
    assert set(report.refused) == {verified.pk, 987654}
    assert "tidak ditemukan" in report.refused[987654]
    assert Enrolment.objects.filter(status=Status.VERIFIED).count() == 13
    assert EnrolmentEvent.objects.filter(to_status=Status.VERIFIED, reason="Cocok dengan KTP").count() == 12
    assert AuditEvent.objects.filter(action="enrolment.verify").count() == 13  # 12 here + 1 by the builder


def test_bulk_propose_allocates_quota_in_order_and_reports_each_refusal():
    programme = make_programme(quota_per_village=2)
    workers = [new_worker() for _ in range(3)]
    report = s.enrolments_propose(
        actor=None, programme=programme, worker_ids=[w.pk for w in workers], today=TODAY
    )
    assert list(report.created) == [workers[0].pk, workers[1].pk]
    assert [f.code for f in report.refused[workers[2].pk]] == ["village_quota_full"]
    assert Enrolment.objects.filter(programme=programme).count() == 2
    assert EnrolmentEvent.objects.filter(to_status=Status.PROPOSED).count() == 2
    assert AuditEvent.objects.filter(action="enrolment.propose").count() == 2


def test_fields_a_transition_does_not_need_are_ignored():
    enrolment = make_enrolment(Status.PROPOSED)
    s.enrolments_transition(actor=None, ids=[enrolment.pk], to_status=Status.VERIFIED, kpj="12345678901")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.VERIFIED and enrolment.kpj == ""


def test_propose_is_refused_outside_the_actors_role_or_region_and_the_attempt_is_audited():
    worker = new_worker()
    programme = make_programme()
    sponsor = make_user(
        "sponsor", "62.03", sponsor=sponsor_create(actor=None, data={"name": "PT A", "kind": "csr"})
    )
    elsewhere = make_user("operator_desa", "61.07.04.2003")
    for actor in (sponsor, elsewhere):
        with pytest.raises(AccessRefused):
            s.enrolment_propose(actor=actor, worker=worker, programme=programme, today=TODAY)
    assert not Enrolment.objects.exists()
    denied = AuditEvent.objects.filter(action="access.denied", object_type="worker", object_id=str(worker.pk))
    assert set(denied.values_list("actor_label", flat=True)) == {sponsor.username, elsewhere.username}


def test_decide_refuses_foreign_ids_as_not_found_and_the_role_without_the_capability():
    mine = make_enrolment(Status.PROPOSED)
    foreign = make_enrolment(Status.PROPOSED, worker=new_worker(village_code="62.03.17.1001"))
    verifier = make_user("verifikator", PULAU_MAMBULAU)
    report = s.enrolments_decide(actor=verifier, ids=[mine.pk, foreign.pk], to_status=Status.VERIFIED)
    assert report.moved == [mine.pk] and "tidak ditemukan di wilayah Anda" in report.refused[foreign.pk]
    assert Enrolment.objects.get(pk=foreign.pk).status == Status.PROPOSED
    assert AuditEvent.objects.filter(action="access.denied", object_id=str(foreign.pk)).exists()
    with pytest.raises(AccessRefused):
        s.enrolments_decide(actor=make_user("auditor", "62.03"), ids=[mine.pk], to_status=Status.REJECTED)


def test_decide_sends_moves_that_depend_on_payments_to_billing():
    enrolment = make_enrolment(Status.SUBMITTED)
    with pytest.raises(s.DecisionRefused, match="pembayaran"):
        s.enrolments_decide(actor=None, ids=[enrolment.pk], to_status=Status.ACTIVE)
