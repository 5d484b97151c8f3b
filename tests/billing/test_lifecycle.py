"""Status changes that follow from payments: activation on the first payment, lapse and reactivation."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.billing import services as b
from lindung.billing.models import Payment
from lindung.billing.services import payment_record
from lindung.core.models import AuditEvent
from lindung.enrolment import services as s
from lindung.enrolment.models import Enrolment, Status
from tests.enrolment.builders import TODAY, make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def test_activation_needs_a_paid_first_contribution_and_takes_its_date():
    enrolment = make_enrolment(Status.SUBMITTED)
    with pytest.raises(s.TransitionRefused, match="belum ada iuran pertama yang dibayar"):
        b.enrolment_activate(actor=None, enrolment=enrolment, kpj="12345678901", today=TODAY)
    payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 1, 12))
    enrolment = b.enrolment_activate(actor=None, enrolment=enrolment, kpj="123.4567.8901", today=TODAY)
    assert enrolment.status == Status.ACTIVE
    assert enrolment.kpj == "12345678901" and enrolment.start_date == dt.date(2026, 1, 12)
    assert enrolment.events.last().detail == {"kpj": "12345678901", "start_date": "2026-01-12"}


def test_activation_refuses_a_malformed_kpj_and_a_future_start():
    enrolment = make_enrolment(Status.SUBMITTED)
    with pytest.raises(s.TransitionRefused, match="KPJ harus 11 digit"):
        b.enrolment_activate(actor=None, enrolment=enrolment, kpj="1234", start_date=TODAY, today=TODAY)
    with pytest.raises(s.TransitionRefused, match="belum terjadi"):
        b.enrolment_activate(
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
        b.enrolment_activate(actor=None, enrolment=second, kpj=first.kpj, start_date=TODAY, today=TODAY)


def test_lapse_is_refused_until_more_than_three_consecutive_months_are_unpaid():
    # Paid January-July; August, September, October unpaid and November due on 16 Nov 2026 (15th is a Sunday).
    enrolment = make_enrolment(Status.ACTIVE, paid_months=7)
    with pytest.raises(s.TransitionRefused, match="tunggakan berturut-turut 3 bulan per 16-11-2026"):
        b.enrolment_lapse(actor=None, enrolment=enrolment, as_of=dt.date(2026, 11, 16))
    enrolment = b.enrolment_lapse(actor=None, enrolment=enrolment, as_of=dt.date(2026, 11, 17))
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
        report = b.enrolments_lapse(actor=None, as_of=TODAY)
    assert sorted(report.moved) == sorted(e.pk for e in behind)
    statuses = dict(Enrolment.objects.values_list("id", "status"))
    assert statuses[paying.pk] == statuses[three_behind.pk] == Status.ACTIVE


def test_reactivation_needs_every_arrear_paid():
    enrolment = make_enrolment(Status.NON_ACTIVE, paid_months=7)
    with pytest.raises(s.TransitionRefused, match="tunggakan bulan Agustus 2026, September 2026"):
        b.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    for month in (8, 9, 10, 11):
        payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, month, 1), paid_on=TODAY)
    enrolment = b.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    assert enrolment.status == Status.ACTIVE


def test_bulk_activation_takes_a_kpj_per_enrolment_from_the_insurer_reply():
    programme = make_programme()
    submitted = [make_enrolment(Status.SUBMITTED, programme=programme) for _ in range(3)]
    for e in submitted[:2]:
        payment_record(actor=None, enrolment=e, month=dt.date(2026, 1, 1), paid_on=dt.date(2026, 2, 2))
    per_id = {e.pk: {"kpj": f"9900000000{i}"} for i, e in enumerate(submitted)}
    report = b.enrolments_activate(actor=None, ids=list(per_id), per_id=per_id, today=TODAY)
    assert sorted(report.moved) == sorted(e.pk for e in submitted[:2])
    assert "belum ada iuran pertama" in report.refused[submitted[2].pk]
    rows = dict(Enrolment.objects.filter(status=Status.ACTIVE).values_list("id", "kpj"))
    assert rows == {submitted[0].pk: "99000000000", submitted[1].pk: "99000000001"}
    assert set(Enrolment.objects.filter(status=Status.ACTIVE).values_list("start_date", flat=True)) == {
        dt.date(2026, 2, 2)
    }


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
    report = b.enrolments_activate(
        actor=None, ids=[lapsed.pk, fresh.pk], per_id={fresh.pk: {"kpj": "55500011122"}}, today=TODAY
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
