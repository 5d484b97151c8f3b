"""The case file: heirs, the checklist, the statuses, the insurer's decision and the deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.claims.models import Claim, Reminder
from lindung.claims.services import (
    ClaimRefused,
    Decision,
    claim_decide,
    claim_document_tick,
    claim_heir_add,
    claim_status_change,
    claim_status_set,
    claims_decide,
    reminders_mark_overdue,
)
from lindung.claims.tasks import claims_daily_task
from lindung.core.models import AuditEvent
from tests.accounts.builders import make_user
from tests.claims.builders import TODAY, report

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def admin():
    return make_user(Role.ADMIN_PROGRAM, "62.03")


@pytest.fixture
def officer():
    return make_user(Role.PETUGAS_BPJS, "62.03")


def complete(claim, actor, *, heir=True):
    if heir:
        claim_heir_add(actor=actor, claim=claim, full_name="Siti Aminah", relationship="spouse", today=TODAY)
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        claim_document_tick(actor=actor, claim=claim, code=code)
    return claim_status_set(actor=actor, claim=claim, to_status="documents_complete", today=D(2026, 5, 29))


def test_an_heir_with_no_relationship_is_refused_by_name(admin):
    claim = report().claim
    with pytest.raises(ClaimRefused) as refused:
        claim_heir_add(actor=admin, claim=claim, full_name="Siti Aminah", relationship="")
    assert refused.value.errors["relationship"].startswith(
        'Ahli waris "Siti Aminah": hubungan dengan almarhum wajib dipilih (suami/istri, anak'
    )
    assert not claim.heirs.exists()


def test_a_child_in_school_adds_the_scholarship_to_a_jkk_death(admin):
    claim = report(work_related=True).claim
    claim_heir_add(
        actor=admin, claim=claim, full_name="Rina", relationship="child", school_level="sd", today=TODAY
    )
    claim.refresh_from_db()
    # Rp 70 juta JKK death + SD 1,5 × 6 + SMP 2 × 3 + SMA 3 × 3 + S1 12 × 5 = Rp 84 juta.
    assert claim.expected_amount == 70_000_000 + 84_000_000
    assert AuditEvent.objects.filter(action="claim.heir", object_id=str(claim.pk)).exists()


def test_documents_are_complete_only_when_every_required_item_is_ticked(admin):
    claim = report().claim
    claim_heir_add(actor=admin, claim=claim, full_name="Siti Aminah", relationship="spouse")
    claim_document_tick(actor=admin, claim=claim, code="ktp")
    with pytest.raises(ClaimRefused) as refused:
        claim_status_set(actor=admin, claim=claim, to_status="documents_complete")
    assert "dokumen wajib belum dicentang: Kartu Keluarga (KK)" in refused.value.errors["status"]
    item = claim.documents.get(code="ktp")
    assert item.ticked_by == admin and item.ticked_by_label == admin.username and item.ticked_at


def test_a_death_claim_needs_an_heir_before_it_is_complete(admin):
    claim = report().claim
    with pytest.raises(ClaimRefused, match="paling sedikit satu ahli waris"):
        complete(claim, admin, heir=False)


def test_complete_documents_start_the_three_working_days_of_jkm(admin):
    claim = complete(report().claim, admin)
    assert claim.status == "documents_complete" and claim.documents_complete_on == D(2026, 5, 29)
    reminder = Reminder.objects.get(claim=claim, kind="jkm_payment")
    assert reminder.due_on == D(2026, 6, 4) and reminder.basis == "PP 44/2015 Pasal 40 ayat (3)"
    assert Reminder.objects.get(claim=claim, kind="documents").done_at is not None
    with pytest.raises(ClaimRefused, match="tidak dapat dibatalkan"):
        claim_document_tick(actor=admin, claim=claim, code="ktp", ticked=False)


def test_paid_with_an_amount_unlike_the_computed_one_is_flagged_and_both_are_kept(admin, officer):
    claim = complete(report().claim, admin)
    claim_status_set(actor=admin, claim=claim, to_status="submitted")
    claim, note = claim_decide(
        actor=officer, claim=claim, outcome="paid", amount=40_000_000, paid_on=D(2026, 6, 3), today=TODAY
    )
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.paid_amount == 40_000_000 and claim.expected_amount == 42_000_000
    assert claim.amount_differs
    assert (
        note
        == f"Klaim #{claim.pk}: dibayar Rp 40.000.000, berbeda dari perhitungan Rp 42.000.000; keduanya disimpan, periksa."
    )
    assert not Reminder.objects.filter(claim=claim, done_at__isnull=True).exists()


def test_the_programme_office_cannot_record_the_insurers_decision_nor_the_insurer_the_case_file(
    admin, officer
):
    claim = report().claim
    with pytest.raises(AccessRefused):
        claim_decide(actor=admin, claim=claim, outcome="refused", reason="Menunggak")
    with pytest.raises(AccessRefused):
        claim_heir_add(actor=officer, claim=claim, full_name="Siti", relationship="spouse")
    with pytest.raises(AccessRefused):
        claim_document_tick(actor=make_user(Role.AUDITOR, "62.03"), claim=claim, code="ktp")


def test_a_refusal_needs_a_reason_and_paid_needs_a_submitted_case(officer):
    claim = report().claim
    with pytest.raises(ClaimRefused, match="alasan penolakan wajib diisi"):
        claim_status_change(actor=officer, claim=claim, to_status="refused")
    with pytest.raises(ClaimRefused, match="belum diajukan ke BPJS"):
        claim_status_change(actor=officer, claim=claim, to_status="paid", amount=1, paid_on=D(2026, 6, 1))
    claim, _ = claim_status_change(
        actor=officer, claim=claim, to_status="refused", reason="Menunggak lebih dari 3 bulan"
    )
    assert Claim.objects.get(pk=claim.pk).refused_reason == "Menunggak lebih dari 3 bulan"
    with pytest.raises(ClaimRefused, match="sudah ditolak"):
        claim_status_change(actor=officer, claim=claim, to_status="refused", reason="lagi")


def test_many_decisions_at_once_report_what_matches_no_open_case(admin, officer):
    paid = complete(report().claim, admin)
    claim_status_set(actor=admin, claim=paid, to_status="submitted")
    refused = report(kind="work_accident").claim
    foreign_id = 10**9
    result = claims_decide(
        actor=officer,
        decisions=[
            Decision(paid.pk, "paid", 42_000_000, D(2026, 6, 2)),
            Decision(refused.pk, "refused", reason="Bukan kecelakaan kerja"),
            Decision(foreign_id, "paid", 1, D(2026, 6, 2)),
        ],
        today=TODAY,
    )
    assert sorted(result.decided) == sorted([paid.pk, refused.pk]) and not result.flagged
    assert result.refused == {foreign_id: f"Klaim #{foreign_id} tidak ditemukan di wilayah Anda."}
    assert dict(Claim.objects.values_list("pk", "status")) == {paid.pk: "paid", refused.pk: "refused"}
    assert (
        AuditEvent.objects.filter(
            action="claim.status", object_id__in=[str(paid.pk), str(refused.pk)]
        ).count()
        >= 2
    )


def test_the_daily_job_marks_missed_deadlines_once():
    claim = report(kind="work_accident").claim  # accident report due 21 May 2026
    assert reminders_mark_overdue(today=D(2026, 5, 22)) == 1
    assert Reminder.objects.get(claim=claim, kind="accident_report").overdue_since == D(2026, 5, 22)
    assert reminders_mark_overdue(today=D(2026, 5, 23)) == 0
    # The documents were due 14 days (the office's rule row) after the report on 22 November.
    assert claims_daily_task.call(day="2026-12-07") == "1 pengingat klaim lewat batas waktu"
