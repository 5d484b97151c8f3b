"""Status changes that follow from payments: activation on the first payment, lapse and reactivation."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.billing import services as b
from lindung.billing.models import Payment
from lindung.billing.selectors import enrolment_arrears, enrolments_due_to_lapse
from lindung.billing.services import payment_record
from lindung.contributions.models import PaymentRule
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
    detail = enrolment.events.last().detail
    assert {k: detail[k] for k in ("kpj", "start_date")} == {"kpj": "12345678901", "start_date": "2026-01-12"}
    assert "on" in detail  # the day the change took effect


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
    # A fixed number of statements per programme (temporary table, UPDATE, two INSERT … SELECT), whatever the
    # number of people it lapses.
    with django_assert_max_num_queries(20):
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


def test_reactivation_follows_the_rule_rows_limit_of_unpaid_months():
    enrolment = make_enrolment(Status.NON_ACTIVE, paid_months=7)
    for month in (8, 9):
        payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, month, 1), paid_on=TODAY)
    with pytest.raises(s.TransitionRefused, match="paling banyak 0 bulan"):
        b.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    PaymentRule.objects.filter(segment="BPU").update(reactivate_when_unpaid_at_most=2)
    enrolment = b.enrolment_reactivate(actor=None, enrolment=enrolment, as_of=TODAY)
    assert enrolment.status == Status.ACTIVE
    assert "tersisa paling banyak 2 bulan per 22-11-2026 (PP 44/2015" in enrolment.reason


def test_enrolments_reactivate_moves_the_paid_up_ones_set_based(django_assert_max_num_queries):
    programme = make_programme()
    paid_up = make_enrolment(Status.NON_ACTIVE, programme=programme, paid_months=7)
    still_behind = make_enrolment(Status.NON_ACTIVE, programme=programme, paid_months=7)
    for month in (8, 9, 10, 11):
        payment_record(actor=None, enrolment=paid_up, month=dt.date(2026, month, 1), paid_on=TODAY)
    payment_record(actor=None, enrolment=still_behind, month=dt.date(2026, 8, 1), paid_on=TODAY)
    with django_assert_max_num_queries(20):
        report = b.enrolments_reactivate(actor=None, as_of=TODAY)
    assert report.moved == [paid_up.pk]
    event = paid_up.events.last()
    assert event.to_status == Status.ACTIVE and event.detail == {"on": "2026-11-22"}
    assert "PP 44/2015" in event.reason


def test_a_payment_made_after_the_day_does_not_count_for_that_day():
    # Paid January only; on 19 May (May due on the 18th) February-May are unpaid: more than 3 months.
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    may_19 = dt.date(2026, 5, 19)
    assert b.billing_daily(as_of=may_19).lapsed == [enrolment.pk]
    payment_record(actor=None, enrolment=enrolment, month=dt.date(2026, 2, 1), paid_on=dt.date(2026, 5, 20))
    assert enrolment_arrears(enrolment, as_of=may_19).streak == 4
    enrolment.refresh_from_db()
    assert enrolment.status == Status.NON_ACTIVE
    # Re-running the day after the fact still finds it lapsed on 19 May, and nothing to reactivate then.
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Status.ACTIVE)
    assert enrolments_due_to_lapse(as_of=may_19) == [enrolment.pk]


def test_billing_daily_lapses_and_reactivates_and_cites_the_rule():
    programme = make_programme()
    behind = make_enrolment(Status.ACTIVE, programme=programme, paid_months=7)
    back = make_enrolment(Status.NON_ACTIVE, programme=programme, paid_months=7)
    for month in (8, 9, 10, 11):
        payment_record(actor=None, enrolment=back, month=dt.date(2026, month, 1), paid_on=TODAY)
    report = b.billing_daily(as_of=TODAY)
    assert (report.lapsed, report.reactivated) == ([behind.pk], [back.pk])
    assert (
        report.summary
        == "Per 22-11-2026: 1 peserta telah dinonaktifkan, 1 peserta telah diaktifkan kembali, 0 ditolak."
    )
    behind.refresh_from_db()
    assert behind.status == Status.NON_ACTIVE
    assert "hak JKK/JKM gugur (PP 44/2015 Pasal 24; Pasal 39 ayat (2)" in behind.reason


def test_billing_daily_dry_run_moves_nobody():
    behind = make_enrolment(Status.ACTIVE, paid_months=7)
    report = b.billing_daily(as_of=TODAY, dry_run=True)
    assert report.lapsed == [behind.pk] and "akan dinonaktifkan" in report.summary
    behind.refresh_from_db()
    assert behind.status == Status.ACTIVE
