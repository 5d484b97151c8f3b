from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.services import sponsor_create
from lindung.billing.models import Payment
from lindung.billing.services import PaymentRefused, PaymentRow, payment_record, payments_record
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date


def test_payment_defaults_to_the_months_contribution_after_discount():
    sponsor = sponsor_create(actor=None, data={"name": "PT Borneo", "kind": "csr"})
    enrolment = make_enrolment(
        Status.SUBMITTED, programme=make_programme(funding_source="csr", sponsor=sponsor.pk)
    )
    march = payment_record(actor=None, enrolment=enrolment, month=D(2026, 3, 1), paid_on=D(2026, 3, 2))
    april = payment_record(actor=None, enrolment=enrolment, month=D(2026, 4, 9), paid_on=D(2026, 4, 2))
    assert (march.amount, april.amount, april.month) == (16_800, 8_400, D(2026, 4, 1))
    assert AuditEvent.objects.filter(action="payment.record", object_id=str(enrolment.pk)).count() == 2


def test_a_month_is_paid_once_and_only_within_the_programme():
    enrolment = make_enrolment(Status.SUBMITTED)
    payment_record(actor=None, enrolment=enrolment, month=D(2026, 1, 1), paid_on=D(2026, 1, 2))
    with pytest.raises(PaymentRefused, match="Januari 2026 .* sudah tercatat"):
        payment_record(actor=None, enrolment=enrolment, month=D(2026, 1, 1), paid_on=D(2026, 1, 3))
    with pytest.raises(PaymentRefused, match="di luar masa program"):
        payment_record(
            actor=None, enrolment=enrolment, month=D(2027, 1, 1), paid_on=D(2027, 1, 3), today=D(2027, 2, 1)
        )


def test_bulk_payments_insert_once_and_report_duplicates_and_unknowns():
    a = make_enrolment(Status.ACTIVE)
    rows = [
        PaymentRow(a.pk, D(2026, 2, 1), D(2026, 2, 3), 16_800),
        PaymentRow(a.pk, D(2026, 2, 1), D(2026, 2, 4), 16_800),
        PaymentRow(a.pk, D(2026, 1, 1), D(2026, 1, 4), 16_800),
        PaymentRow(999_999, D(2026, 2, 1), D(2026, 2, 3), 16_800),
        PaymentRow(a.pk, D(2026, 3, 1), D(2026, 3, 3), None),
    ]
    report = payments_record(actor=None, rows=rows)
    assert report.recorded == 1
    reasons = [reason for _, reason in report.refused]
    assert any("Februari 2026" in r and "lebih dari sekali" in r for r in reasons)
    assert any("Januari 2026" in r for r in reasons)
    assert any("#999999 tidak ditemukan" in r for r in reasons)
    assert any("jumlah iuran wajib diisi" in r for r in reasons)
    assert Payment.objects.filter(enrolment=a).count() == 2
