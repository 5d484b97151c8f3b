"""The payment defects of issue 13: each has the test that would have caught it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from lindung.billing.models import Payment
from lindung.billing.services import PaymentRefused, PaymentRow, payment_record, payments_record
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolment_end
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 22)
JUNE = D(2026, 6, 1)


def _pay(enrolment, month=JUNE, **kwargs):
    kwargs.setdefault("paid_on", D(2026, 6, 10))
    return payment_record(actor=None, enrolment=enrolment, month=month, today=TODAY, **kwargs)


@pytest.mark.parametrize("amount", [1, 999_999])
def test_an_amount_unlike_the_months_contribution_is_refused_naming_both_figures(amount):
    enrolment = make_enrolment(Status.ACTIVE)
    shown = f"Rp {amount:,}".replace(",", ".")
    with pytest.raises(PaymentRefused, match=f"Jumlah {shown} tidak sama dengan iuran Juni 2026 Rp 16.800"):
        _pay(enrolment, amount=amount)
    assert not Payment.objects.filter(enrolment=enrolment, month=JUNE).exists()


@pytest.mark.parametrize("amount", [0, -16_800])
def test_zero_or_negative_amounts_are_refused(amount):
    enrolment = make_enrolment(Status.ACTIVE)
    with pytest.raises(PaymentRefused, match="tidak sah: iuran harus lebih dari nol"):
        _pay(enrolment, amount=amount)


def test_the_months_own_amount_is_accepted():
    enrolment = make_enrolment(Status.ACTIVE)
    assert _pay(enrolment, amount=16_800).amount == 16_800


def test_a_payment_dated_in_the_future_is_refused_with_its_date():
    enrolment = make_enrolment(Status.ACTIVE)
    with pytest.raises(PaymentRefused, match="Tanggal bayar 01-03-2031 belum terjadi"):
        _pay(enrolment, paid_on=D(2031, 3, 1))


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.VERIFIED, Status.REJECTED])
def test_someone_only_proposed_is_not_yet_a_member(status):
    enrolment = make_enrolment(status)
    with pytest.raises(PaymentRefused, match="belum menjadi peserta"):
        _pay(enrolment)


def test_a_month_after_death_is_refused():
    enrolment = make_enrolment(Status.ACTIVE)
    enrolment_end(actor=None, enrolment=enrolment, end_reason="death", end_date=D(2026, 5, 12), today=TODAY)
    enrolment.refresh_from_db()
    message = "meninggal 12-05-2026; iuran September 2026 tidak dapat dicatat"
    with pytest.raises(PaymentRefused, match=message):
        _pay(enrolment, month=D(2026, 9, 1))
    assert _pay(enrolment, month=D(2026, 5, 1)).month == D(2026, 5, 1)


def test_the_same_june_cannot_be_paid_by_two_programmes_for_one_person():
    first = make_enrolment(Status.ACTIVE)
    # Eligibility stops a second overlapping proposal now; rows from before that rule (or an import) remain.
    second = Enrolment.objects.create(
        worker=first.worker, programme=make_programme(), village_id=first.village_id, status=Status.ACTIVE
    )
    _pay(first)
    with pytest.raises(
        PaymentRefused, match=f"Juni 2026 .* sudah dibayar oleh program {first.programme.code}"
    ):
        _pay(second)


def test_the_same_month_is_paid_once():
    enrolment = make_enrolment(Status.ACTIVE)
    _pay(enrolment)
    with pytest.raises(PaymentRefused, match="Juni 2026 .* sudah tercatat"):
        _pay(enrolment)


def test_bulk_payments_pass_the_same_checks():
    enrolment = make_enrolment(Status.ACTIVE)
    dead = make_enrolment(Status.ACTIVE)
    enrolment_end(actor=None, enrolment=dead, end_reason="death", end_date=D(2026, 5, 12), today=TODAY)
    proposed = make_enrolment(Status.PROPOSED)
    rows = [
        PaymentRow(enrolment.pk, JUNE, D(2026, 6, 3), 16_800),
        PaymentRow(enrolment.pk, D(2026, 7, 1), D(2031, 1, 1), 16_800),
        PaymentRow(enrolment.pk, D(2026, 8, 1), D(2026, 8, 3), 0),
        PaymentRow(dead.pk, D(2026, 9, 1), D(2026, 9, 3), 16_800),
        PaymentRow(proposed.pk, JUNE, D(2026, 6, 3), 16_800),
    ]
    report = payments_record(actor=None, rows=rows, today=TODAY)
    assert report.recorded == 1
    reasons = [reason for _row, reason in report.refused]
    assert "belum terjadi" in reasons[0]
    assert "lebih dari nol" in reasons[1]
    assert "meninggal 12-05-2026; iuran September 2026" in reasons[2]
    assert "belum menjadi peserta" in reasons[3]


def test_the_cli_records_and_refuses_with_the_services_words():
    enrolment = make_enrolment(Status.ACTIVE)
    make_user("bendahara", "62.03", username="bendahara-cli")
    base = ["record", "--enrolment", str(enrolment.pk), "--month", "2026-06", "--user", "bendahara-cli"]
    with pytest.raises(CommandError, match="Jumlah Rp 1 tidak sama dengan iuran Juni 2026 Rp 16.800"):
        call_command("payment", *base, "--amount", "Rp 1", "--date", "2026-06-12")
    with pytest.raises(CommandError, match="belum terjadi"):
        call_command("payment", *base, "--date", "2031-06-12")
    out = io.StringIO()
    call_command("payment", *base, "--amount", "Rp 16.800,-", "--date", "2026-06-12", stdout=out)
    assert "Rp 16.800" in out.getvalue() and Payment.objects.filter(enrolment=enrolment, month=JUNE).exists()
