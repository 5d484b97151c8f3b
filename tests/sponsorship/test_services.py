"""Registering sponsors, assigning people for a period, ending, and CSR money."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.sponsorship.models import CsrPayment, Sponsorship
from lindung.sponsorship.services import (
    SponsorshipRefused,
    csr_commitment_record,
    csr_payment_record,
    sponsor_register,
    sponsor_update,
    sponsorship_assign,
    sponsorship_end,
    sponsorships_close_due,
)
from tests.accounts.builders import make_user

from .builders import (
    BENGKAYANG,
    asn_data,
    bengkayang_worker,
    kapuas_worker,
    make_company,
    make_sponsor,
    sponsor_people,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def admin(region="62.03"):
    return make_user(Role.ADMIN_PROGRAM, region, username=f"admin-{region}-{AuditEvent.objects.count()}")


def test_admin_registers_an_asn_sponsor_with_nip_and_opd():
    sponsor = make_sponsor(admin())
    assert sponsor.kind == "asn" and sponsor.nip == "198501012010012001"
    assert sponsor.registration.region_id == "62.03"
    assert AuditEvent.objects.filter(action="sponsor.create", object_id=str(sponsor.pk)).exists()


def test_asn_sponsor_without_a_valid_nip_or_opd_is_refused_naming_the_field():
    with pytest.raises(SponsorshipRefused) as exc:
        sponsor_register(actor=admin(), region_code="62.03", data=asn_data(nip="1985", institution=""))
    assert set(exc.value.errors) == {"nip", "institution"}
    assert "18 digit" in exc.value.errors["nip"]


def test_admin_cannot_register_a_sponsor_in_another_regency():
    with pytest.raises(AccessRefused):
        make_sponsor(admin(), region=BENGKAYANG)
    assert AuditEvent.objects.filter(action="access.denied").exists()


def test_operator_cannot_register_a_sponsor():
    with pytest.raises(AccessRefused):
        make_sponsor(make_user(Role.OPERATOR_DESA, "62.03.17.2002"))


def test_sponsor_update_audits_the_changed_fields():
    sponsor = make_company()
    sponsor_update(actor=admin(), sponsor=sponsor, data={"contact": "csr@sawit.example"})
    event = AuditEvent.objects.get(action="sponsor.update")
    assert event.detail["changes"] == {"contact": ["", "csr@sawit.example"]}


def test_a_sponsor_is_assigned_three_named_workers_for_six_months():
    sponsor = make_sponsor()
    workers = [kapuas_worker("Ani"), kapuas_worker("Budi"), kapuas_worker("Citra")]
    made = sponsorship_assign(
        actor=admin(),
        sponsor=sponsor,
        niks="\n".join(w.nik for w in workers),
        start_date="2026-01-01",
        end_date="2026-06-30",
    )
    assert made.count == 3
    assert Sponsorship.objects.filter(sponsor=sponsor, end_date=dt.date(2026, 6, 30)).count() == 3
    assert AuditEvent.objects.filter(action="sponsorship.create").count() == 3


def test_overlapping_sponsorship_is_refused_naming_the_person_and_the_other_sponsor():
    worker = kapuas_worker("Siti Aminah")
    first = make_company()
    sponsor_people(first, [worker], start=dt.date(2026, 1, 1))
    second = make_sponsor()
    with pytest.raises(SponsorshipRefused) as exc:
        sponsorship_assign(
            actor=admin(), sponsor=second, niks=[worker.nik], start_date="2026-03-01", end_date="2026-12-31"
        )
    message = exc.value.errors[f"worker.{worker.pk}"]
    assert "Siti Aminah" in message and "PT Sawit Kapuas Lestari" in message
    # The admin sees the full NIK; nothing was written.
    assert worker.nik in message
    assert Sponsorship.objects.filter(sponsor=second).count() == 0


def test_a_new_sponsorship_may_start_the_day_after_an_early_end():
    worker = kapuas_worker()
    (old,) = sponsor_people(make_company(), [worker], start=dt.date(2026, 1, 1))
    sponsorship_end(actor=admin(), sponsorship=old, on=dt.date(2026, 2, 28), reason="Perusahaan berhenti")
    made = sponsorship_assign(
        actor=None, sponsor=make_sponsor(), niks=[worker.nik], start_date="2026-03-01", end_date="2026-08-31"
    )
    assert made.count == 1


def test_unknown_and_repeated_niks_are_refused_by_line():
    worker = kapuas_worker()
    with pytest.raises(SponsorshipRefused) as exc:
        sponsorship_assign(
            actor=None,
            sponsor=make_sponsor(),
            niks=[worker.nik, "6203170000000000", worker.nik, "12"],
            start_date="2026-01-01",
            end_date="2026-06-30",
        )
    assert set(exc.value.errors) == {"niks.2", "niks.3", "niks.4"}
    assert exc.value.errors["niks.2"].startswith("Baris 2:")


def test_a_worker_of_another_regency_cannot_be_assigned():
    with pytest.raises(AccessRefused):
        sponsorship_assign(
            actor=admin(),
            sponsor=make_sponsor(),
            niks=[bengkayang_worker().nik],
            start_date="2026-01-01",
            end_date="2026-06-30",
        )
    assert Sponsorship.objects.count() == 0


def test_end_before_start_is_refused():
    with pytest.raises(SponsorshipRefused) as exc:
        sponsorship_assign(
            actor=None,
            sponsor=make_sponsor(),
            niks=[kapuas_worker().nik],
            start_date="2026-06-30",
            end_date="2026-01-01",
        )
    assert "end_date" in exc.value.errors


def test_the_daily_job_ends_sponsorships_past_their_end_date_citing_the_rule():
    due, later = kapuas_worker("Lewat"), kapuas_worker("Belum")
    sponsor = make_sponsor()
    sponsorship_assign(
        actor=None, sponsor=sponsor, niks=[due.nik], start_date="2026-01-01", end_date="2026-03-31"
    )
    sponsorship_assign(
        actor=None, sponsor=sponsor, niks=[later.nik], start_date="2026-01-01", end_date="2026-04-01"
    )
    report = sponsorships_close_due(as_of=dt.date(2026, 4, 1))
    assert report.ended == 1
    ended = Sponsorship.objects.get(worker=due)
    assert ended.ended_on == dt.date(2026, 3, 31)
    assert "60 dan 30 hari" in ended.end_reason
    assert Sponsorship.objects.get(worker=later).ended_on is None
    assert AuditEvent.objects.filter(action="sponsorship.end", object_id=str(ended.pk)).exists()


def test_commitment_and_payments_track_what_is_outstanding():
    sponsor = make_company()
    commitment = csr_commitment_record(
        actor=admin(),
        sponsor=sponsor,
        amount="Rp 2.016.000",
        period_start="2026-01-01",
        period_end="2026-12-31",
    )
    assert commitment.amount == 2_016_000 and commitment.region_id == "62.03"
    csr_payment_record(actor=admin(), commitment=commitment, amount="1.008.000", paid_on=TODAY)
    with pytest.raises(SponsorshipRefused) as exc:
        csr_payment_record(actor=admin(), commitment=commitment, amount="1.008.001", paid_on=TODAY)
    assert "melebihi sisa komitmen Rp 1.008.000" in exc.value.errors["amount"]
    assert CsrPayment.objects.count() == 1


def test_a_payment_in_the_future_is_refused():
    commitment = csr_commitment_record(
        actor=None, sponsor=make_company(), amount=100_000, period_start="2026-01-01", period_end="2026-12-31"
    )
    with pytest.raises(SponsorshipRefused) as exc:
        csr_payment_record(actor=None, commitment=commitment, amount=1, paid_on=TODAY + dt.timedelta(days=1))
    assert "paid_on" in exc.value.errors


def test_a_bengkayang_admin_cannot_pay_into_a_kapuas_commitment():
    commitment = csr_commitment_record(
        actor=None, sponsor=make_company(), amount=100_000, period_start="2026-01-01", period_end="2026-12-31"
    )
    with pytest.raises(AccessRefused):
        csr_payment_record(actor=admin(BENGKAYANG), commitment=commitment, amount=1, paid_on=TODAY)
