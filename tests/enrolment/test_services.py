from __future__ import annotations

import datetime as dt

import pytest

from lindung.billing.models import Payment
from lindung.billing.services import payment_record
from lindung.core.models import AuditEvent
from lindung.enrolment import services as s
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from tests.programmes.builders import make_programme

from .builders import TODAY, make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def test_propose_creates_the_enrolment_with_history_and_audit(django_user_model):
    operator = django_user_model.objects.create_user("operator")
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


def test_activation_needs_a_paid_first_contribution_and_takes_its_date():
    enrolment = make_enrolment(Status.SUBMITTED)
    with pytest.raises(s.TransitionRefused, match="belum ada iuran pertama yang dibayar"):
        s.enrolment_activate(actor=None, enrolment=enrolment, kpj="12345678901", today=TODAY)
    payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 1, 12))
    enrolment = s.enrolment_activate(actor=None, enrolment=enrolment, kpj="123.4567.8901", today=TODAY)
    assert enrolment.status == Status.ACTIVE
    assert enrolment.kpj == "12345678901" and enrolment.start_date == dt.date(2026, 1, 12)
    assert enrolment.events.last().detail == {"kpj": "12345678901", "start_date": "2026-01-12"}


def test_activation_refuses_a_malformed_kpj_and_a_future_start():
    enrolment = make_enrolment(Status.SUBMITTED)
    with pytest.raises(s.TransitionRefused, match="KPJ harus 11 digit"):
        s.enrolment_activate(actor=None, enrolment=enrolment, kpj="1234", start_date=TODAY, today=TODAY)
    with pytest.raises(s.TransitionRefused, match="belum terjadi"):
        s.enrolment_activate(
            actor=None,
            enrolment=enrolment,
            kpj="12345678901",
            start_date=TODAY + dt.timedelta(days=1),
            today=TODAY,
        )


def test_a_kpj_belongs_to_one_person():
    first = make_enrolment(Status.ACTIVE)
    second = make_enrolment(Status.SUBMITTED, programme=first.programme)
    with pytest.raises(s.TransitionRefused, match=f"KPJ {first.kpj} sudah dipakai pekerja lain"):
        s.enrolment_activate(actor=None, enrolment=second, kpj=first.kpj, start_date=TODAY, today=TODAY)


def test_lapse_is_refused_until_more_than_three_consecutive_months_are_unpaid():
    # Paid January-July; August, September, October unpaid and November due on 16 Nov 2026 (15th is a Sunday).
    enrolment = make_enrolment(Status.ACTIVE, paid_months=7)
    with pytest.raises(s.TransitionRefused, match="tunggakan berturut-turut 3 bulan per 16-11-2026"):
        s.enrolment_lapse(actor=None, enrolment=enrolment, as_of=dt.date(2026, 11, 16))
    enrolment = s.enrolment_lapse(actor=None, enrolment=enrolment, as_of=dt.date(2026, 11, 17))
    assert enrolment.status == Status.NON_ACTIVE
    assert "Menunggak 4 bulan berturut-turut (Agustus 2026, September 2026, Oktober 2026, November 2026)" in (
        enrolment.reason
    )


def test_enrolments_lapse_moves_exactly_the_ones_in_arrears_set_based(django_assert_max_num_queries):
    paying = make_enrolment(Status.ACTIVE, paid_months=11)
    programme = paying.programme
    behind = [make_enrolment(Status.ACTIVE, programme=programme, paid_months=7) for _ in range(3)]
    three_behind = make_enrolment(Status.ACTIVE, programme=programme, paid_months=8)
    with django_assert_max_num_queries(16):
        report = s.enrolments_lapse(actor=None, as_of=TODAY)
    assert sorted(report.moved) == sorted(e.pk for e in behind)
    statuses = dict(Enrolment.objects.values_list("id", "status"))
    assert statuses[paying.pk] == statuses[three_behind.pk] == Status.ACTIVE


def test_reactivation_needs_every_arrear_paid():
    enrolment = make_enrolment(Status.NON_ACTIVE, paid_months=7)
    with pytest.raises(s.TransitionRefused, match="tunggakan bulan Agustus 2026, September 2026"):
        s.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    for month in (8, 9, 10, 11):
        payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, month, 1), paid_on=TODAY)
    enrolment = s.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    assert enrolment.status == Status.ACTIVE


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


def test_bulk_activation_takes_a_kpj_per_enrolment_from_the_insurer_reply():
    programme = make_programme()
    submitted = [make_enrolment(Status.SUBMITTED, programme=programme) for _ in range(3)]
    for e in submitted[:2]:
        payment_record(actor=None, enrolment=e, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 2, 2))
    per_id = {e.pk: {"kpj": f"9900000000{i}"} for i, e in enumerate(submitted)}
    report = s.enrolments_transition(
        actor=None, ids=list(per_id), to_status=Status.ACTIVE, per_id=per_id, today=TODAY
    )
    assert sorted(report.moved) == sorted(e.pk for e in submitted[:2])
    assert "belum ada iuran pertama" in report.refused[submitted[2].pk]
    rows = dict(Enrolment.objects.filter(status=Status.ACTIVE).values_list("id", "kpj"))
    assert rows == {submitted[0].pk: "99000000000", submitted[1].pk: "99000000001"}
    assert set(Enrolment.objects.filter(status=Status.ACTIVE).values_list("start_date", flat=True)) == {
        dt.date(2026, 2, 2)
    }


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


def test_payments_do_not_change_status_by_themselves():
    enrolment = make_enrolment(Status.SUBMITTED)
    payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 1, 5))
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED and Payment.objects.count() == 1


def test_one_call_can_activate_and_reactivate_without_touching_the_other_kpj():
    programme = make_programme()
    lapsed = make_enrolment(Status.NON_ACTIVE, programme=programme, paid_months=1)
    kpj = lapsed.kpj
    for month in range(2, 12):
        payment_record(actor=None, enrolment=lapsed, month=dt.date(2026, month, 1), paid_on=TODAY)
    fresh = make_enrolment(Status.SUBMITTED, programme=programme)
    payment_record(actor=None, enrolment=fresh, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 1, 9))
    report = s.enrolments_transition(
        actor=None,
        ids=[lapsed.pk, fresh.pk],
        to_status=Status.ACTIVE,
        per_id={fresh.pk: {"kpj": "55500011122"}},
        today=TODAY,
    )
    assert sorted(report.moved) == sorted([lapsed.pk, fresh.pk])
    rows = dict(Enrolment.objects.values_list("id", "kpj"))
    assert rows[lapsed.pk] == kpj and rows[fresh.pk] == "55500011122"
    actions = set(
        AuditEvent.objects.filter(object_id__in=[str(lapsed.pk), str(fresh.pk)]).values_list(
            "action", flat=True
        )
    )
    assert {"enrolment.activate", "enrolment.reactivate"} <= actions


def test_fields_a_transition_does_not_need_are_ignored():
    enrolment = make_enrolment(Status.PROPOSED)
    s.enrolments_transition(actor=None, ids=[enrolment.pk], to_status=Status.VERIFIED, kpj="12345678901")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.VERIFIED and enrolment.kpj == ""
