"""Reporting an event: entitlement on the day, the named refusals and the recorded outcomes of issue 14."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.claims.models import Claim, ClaimDocument, Reminder
from lindung.claims.services import ClaimRefused
from lindung.core.models import AuditEvent
from lindung.enrolment import services as s
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import make_user
from tests.claims.builders import DEATH_DAY, TODAY, member, report
from tests.people.builders import PULAU_MAMBULAU, make_nik
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_covered_death_is_entitled_to_jkm_rp_42_juta_from_the_programme_that_paid():
    enrolment = member()
    result = report(make_user(Role.OPERATOR_DESA, PULAU_MAMBULAU), enrolment=enrolment)
    claim = result.claim
    assert result.created and claim.covered and claim.benefit == "jkm"
    assert claim.programme == enrolment.programme and claim.enrolment == enrolment
    assert claim.expected_amount == 42_000_000
    answers = {a["question"]: a for a in claim.entitlement}
    assert answers["Terlindungi pada tanggal kejadian"]["yes"] is True
    assert answers["Tunggakan menggugurkan hak"]["yes"] is False
    assert answers["Tunggakan menggugurkan hak"]["basis"].startswith("PP 44/2015")
    assert answers["JKM: meninggal dalam masa aktif"]["basis"].startswith("PP 44/2015 Penjelasan Pasal 34")
    # Five months paid, not three years: no JKM scholarship.
    assert answers["Beasiswa pendidikan anak"]["yes"] is False


def test_a_death_ends_every_open_membership_from_that_day_with_reason_death():
    enrolment = member()
    later = make_programme(fiscal_year=2027, start_month="2027-01")
    proposed, _ = s.enrolment_propose(actor=None, worker=enrolment.worker, programme=later, today=TODAY)
    result = report(enrolment=enrolment)
    for e in Enrolment.objects.filter(pk__in=[enrolment.pk, proposed.pk]):
        assert (e.status, e.end_reason, e.end_date) == (Status.ENDED, "death", DEATH_DAY)
    assert "2 kepesertaan diakhiri sejak 19-05-2026: meninggal dunia." in result.messages


def test_an_event_in_the_future_is_refused_by_name():
    with pytest.raises(ClaimRefused) as refused:
        report(event_date=D(2026, 11, 23))
    assert refused.value.errors["event_date"].startswith("Tanggal kejadian 23-11-2026 belum terjadi")
    assert not Claim.objects.exists()


def test_an_unknown_kind_and_a_missing_place_and_account_are_named():
    with pytest.raises(ClaimRefused) as refused:
        report(kind="flood", place=" ", account="")
    assert set(refused.value.errors) == {"kind", "place", "account"}
    assert 'Jenis kejadian "flood" tidak dikenal' in refused.value.errors["kind"]


def test_an_event_before_the_membership_began_is_recorded_without_entitlement():
    result = report(event_date=D(2026, 1, 5))
    claim = result.claim
    assert not claim.covered and claim.expected_amount == 0 and claim.benefits == []
    assert claim.outcomes[0].startswith("Kejadian 05-01-2026 terjadi sebelum kepesertaan mulai (10-01-2026)")


def test_an_event_while_non_active_by_arrears_is_recorded_citing_the_payment_rule():
    # Only January paid: on 19 May four months are unpaid, more than the rule row's three.
    result = report(enrolment=member(paid_months=1), kind="work_accident")
    claim = result.claim
    assert not claim.covered
    answers = {a["question"]: a for a in claim.entitlement}
    assert answers["Tunggakan menggugurkan hak"]["yes"] is True
    assert "lebih dari 3 bulan, hak JKK/JKM gugur" in answers["Tunggakan menggugurkan hak"]["text"]
    assert claim.outcomes[0].startswith("Pada 19-05-2026 kepesertaan non-aktif (menunggak 4 bulan")
    assert "PP 44/2015" in claim.outcomes[0]


def test_an_event_while_non_active_by_status_is_recorded_without_entitlement():
    enrolment = member(paid_months=1, status=Status.NON_ACTIVE)  # lapsed on 22 November
    result = report(enrolment=enrolment, kind="work_accident", event_date=TODAY)
    assert not result.claim.covered
    assert result.claim.outcomes[0].startswith("Pada 22-11-2026 kepesertaan non-aktif")


def test_the_same_death_reported_twice_joins_the_first_case():
    enrolment = member()
    first = report(enrolment=enrolment).claim
    second = report(make_user(Role.PENDAMPING, "62.03.17"), enrolment=enrolment, event_date=D(2026, 5, 18))
    assert not second.created and second.claim == first and Claim.objects.count() == 1
    assert second.messages[0].startswith(
        f"Kematian {first.full_name} sudah dilaporkan sebagai klaim #{first.pk}"
    )
    assert "berbeda; periksa" in second.messages[0]
    assert first.events.last().message.startswith("Laporan kematian kedua digabung")
    assert AuditEvent.objects.filter(action="claim.report", object_id=str(first.pk)).count() == 2


def test_a_death_of_someone_already_ended_for_another_reason_is_recorded_with_that_fact():
    enrolment = member()
    s.enrolment_end(actor=None, enrolment=enrolment, end_reason="moved", end_date=D(2026, 4, 30), today=TODAY)
    result = report(enrolment=enrolment)
    claim = result.claim
    assert not claim.covered
    assert any(
        o.startswith(f"Kepesertaan {enrolment.programme.code} sudah berakhir 30-04-2026 (pindah domisili)")
        for o in claim.outcomes
    )
    enrolment.refresh_from_db()
    assert enrolment.end_reason == "moved"


def test_a_death_of_someone_not_in_the_registry_is_kept_without_entitlement():
    nik = make_nik(serial=9001)
    result = report(nik=nik, full_name="Yohanes Dalung", village_code=PULAU_MAMBULAU)
    claim = result.claim
    assert claim.worker is None and claim.nik == nik and not claim.covered and claim.expected_amount == 0
    assert claim.outcomes == ["Orang ini tidak ada dalam daftar Lindung; laporan dicatat tanpa hak santunan."]
    with pytest.raises(ClaimRefused) as refused:
        report(nik="123", full_name="", village_code="62.03")
    assert set(refused.value.errors) == {"nik", "full_name", "village"}


def test_a_work_related_death_is_jkk_48_times_income_with_funeral_and_periodic():
    claim = report(work_related=True).claim
    assert claim.benefit == "jkk" and claim.expected_amount == 70_000_000
    answers = {a["question"]: a for a in claim.entitlement}
    assert answers["Beasiswa pendidikan anak"]["yes"] is True  # no minimum period for a JKK death


def test_an_accident_is_jkk_with_medical_care_as_needed_its_checklist_and_deadlines():
    claim = report(kind="commuting", traffic=True).claim
    assert claim.benefit == "jkk" and claim.expected_amount is None
    assert claim.benefits[0]["text"] == "sesuai kebutuhan medis"
    codes = set(ClaimDocument.objects.filter(claim=claim).values_list("code", flat=True))
    assert {"ktp", "laporan-polisi", "ket-dokter", "laporan-kecelakaan"} <= codes
    assert "akta-kematian" not in codes and "form-jkm" not in codes
    due = dict(Reminder.objects.filter(claim=claim).values_list("kind", "due_on"))
    assert due["accident_report"] == D(2026, 5, 21) and due["jkk_lapse"] == D(2031, 5, 19)


def test_reporting_needs_claim_report_over_the_persons_village():
    enrolment = member()
    with pytest.raises(AccessRefused):
        report(make_user(Role.OPERATOR_DESA, "61.07.01.2001"), enrolment=enrolment)
    with pytest.raises(AccessRefused):
        report(make_user(Role.AUDITOR, "62.03"), enrolment=enrolment)
    assert not Claim.objects.exists()
    assert AuditEvent.objects.filter(action="access.denied", object_type="claim").count() == 2


def test_a_total_permanent_disability_is_56_times_income_and_a_scholarship_without_minimum_period():
    """PP 82/2019: total permanent disability 70 % × 80 × income = 56 × Rp 1.000.000 = Rp 56 juta; the
    children's scholarship needs no minimum contribution period (unlike JKM's 3 years)."""
    claim = report(kind="work_accident", event_date=D(2026, 5, 19), total_disability=True).claim
    assert claim.total_disability and claim.benefit == "jkk"
    disability = [line for line in claim.benefits if line["label"].startswith("JKK: cacat total tetap")]
    assert disability[0]["amount"] == 56_000_000
    assert disability[0]["text"] == "56 × Rp 1.000.000 = Rp 56.000.000"
    assert claim.expected_amount == 56_000_000
    answers = {a["question"]: a for a in claim.entitlement}
    assert answers["Beasiswa pendidikan anak"]["yes"] is True
    assert "tanpa masa iuran minimum" in answers["Beasiswa pendidikan anak"]["text"]


def test_a_death_is_never_a_total_disability():
    claim = report(total_disability=True).claim
    assert not claim.total_disability
