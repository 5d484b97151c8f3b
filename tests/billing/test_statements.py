"""Statement import: every line ends as one outcome, only matched lines are paid, and nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import ProtectedError

from lindung.accounts.access import AccessRefused
from lindung.billing.models import Credit, Outcome, Payment, Resolution, StatementRow
from lindung.billing.services import (
    ResolveRefused,
    bill_adjust,
    bill_issue,
    payment_record,
    statement_line_resolve,
    statement_lines_resolve,
)
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, Status
from lindung.enrolment.services import enrolment_end
from tests.accounts.builders import make_user
from tests.billing.statement_builders import import_lines, line
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 22)
JUNE = D(2026, 6, 1)


def _outcomes(statement) -> list[str]:
    return list(statement.lines.order_by("row_number").values_list("outcome", flat=True))


def test_every_outcome_kind_and_nothing_lost():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    paid = make_enrolment(Status.ACTIVE, programme=programme)
    payment_record(actor=None, enrolment=paid, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    proposed = make_enrolment(Status.PROPOSED, programme=programme)
    elsewhere = make_enrolment(Status.ACTIVE)  # another programme, June paid there
    payment_record(actor=None, enrolment=elsewhere, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    lines = [
        line(member),  # matched
        line(member, month="2026-07", amount="Rp 10.000"),  # underpaid
        line(member, month="Agustus 2026", amount="Rp 20.000,-"),  # overpaid
        line(kpj="99999999999", nik="6203000000000000"),  # unknown person
        line(proposed),  # not covered
        line(paid),  # paid twice (before the import)
        line(member),  # paid twice (an earlier line)
        line(elsewhere),  # other programme
        line(member, month="", amount="16800"),  # invalid
    ]
    statement, created = import_lines(programme, lines, today=TODAY)
    assert created
    assert _outcomes(statement) == [
        Outcome.MATCHED,
        Outcome.UNDERPAID,
        Outcome.OVERPAID,
        Outcome.UNKNOWN_PERSON,
        Outcome.NOT_COVERED,
        Outcome.PAID_TWICE,
        Outcome.PAID_TWICE,
        Outcome.OTHER_PROGRAMME,
        Outcome.INVALID,
    ]
    assert statement.lines.count() == len(lines)
    assert statement.counts["matched"] == 1 and statement.counts["paid_twice"] == 2
    assert statement.counts["lines"] == len(lines)
    resolutions = dict(statement.lines.values_list("row_number", "resolution"))
    assert resolutions[2] == Resolution.APPLIED and resolutions[10] == Resolution.DISMISSED
    assert resolutions[3] == Resolution.PENDING
    payment = Payment.objects.get(enrolment=member, month=JUNE)
    assert (payment.amount, payment.source, payment.paid_on) == (16_800, "statement", D(2026, 6, 12))
    assert not Payment.objects.filter(enrolment=member, month__gt=JUNE).exists()
    underpaid = statement.lines.get(row_number=3)
    assert underpaid.due == 16_800 and "Dibayar Rp 10.000, iuran Juli 2026 Rp 16.800" in underpaid.message
    assert AuditEvent.objects.filter(action="statement.import", object_id=str(statement.pk)).exists()


def test_the_same_file_again_changes_nothing():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    first, created = import_lines(programme, [line(member)], name="sama.csv", today=TODAY)
    again, created_again = import_lines(programme, [line(member)], name="sama.csv", today=TODAY)
    assert created and not created_again and again.pk == first.pk
    assert StatementRow.objects.count() == 1 and Payment.objects.filter(month=JUNE).count() == 1


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("abc", 'kolom Jumlah: "abc" bukan jumlah uang'),
        ("-16800", 'kolom Jumlah: "-16800" negatif'),
        ("0", 'kolom Jumlah: "0" harus lebih dari nol'),
        ("", "kolom Jumlah: kosong"),
    ],
)
def test_bad_amounts_are_invalid_naming_row_and_column(amount, expected):
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(programme, [line(member, amount=amount)], today=TODAY)
    only = statement.lines.get()
    assert only.outcome == Outcome.INVALID and only.resolution == Resolution.DISMISSED
    assert only.message.startswith("Baris 2, ") and expected in only.message
    assert not Payment.objects.filter(month=JUNE).exists()


def test_rupiah_with_a_trailing_dash_is_read_as_sixteen_thousand_eight_hundred():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(programme, [line(member, amount="Rp 16.800,-", month="06/2026")], today=TODAY)
    only = statement.lines.get()
    assert (only.amount, only.month, only.outcome) == (16_800, JUNE, Outcome.MATCHED)


def test_a_future_payment_date_is_invalid():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(programme, [line(member, paid_on="01-01-2031")], today=TODAY)
    only = statement.lines.get()
    assert only.outcome == Outcome.INVALID and "kolom Tanggal Bayar: 01-01-2031 belum terjadi" in only.message


def test_a_month_after_death_is_not_covered():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    enrolment_end(actor=None, enrolment=member, end_reason="death", end_date=D(2026, 5, 12), today=TODAY)
    statement, _ = import_lines(programme, [line(member, month="2026-09")], today=TODAY)
    only = statement.lines.get()
    assert only.outcome == Outcome.NOT_COVERED
    assert f"{member.worker.full_name} meninggal 12-05-2026" in only.message


def test_a_foreign_regions_people_are_unknown_to_a_regency_treasurer():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    Enrolment.objects.filter(pk=member.pk).update(village_id="61.07.01.2001")
    treasurer = make_user("bendahara", "62.03")
    statement, _ = import_lines(programme, [line(member)], actor=treasurer, today=TODAY)
    assert _outcomes(statement) == [Outcome.UNKNOWN_PERSON]


def test_a_member_is_found_by_nik_when_the_kpj_is_missing():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(programme, [line(member, kpj="")], today=TODAY)
    assert _outcomes(statement) == [Outcome.MATCHED]


def _one(programme, member, **kwargs):
    statement, _ = import_lines(programme, [line(member, **kwargs)], today=TODAY)
    return statement.lines.get()


def test_accepting_an_underpayment_needs_a_note_and_pays_what_was_paid():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    under = _one(programme, member, amount="10.000")
    with pytest.raises(ResolveRefused, match="catatan wajib diisi"):
        statement_line_resolve(actor=None, line_id=under.pk, action="accept", today=TODAY)
    done = statement_line_resolve(
        actor=None, line_id=under.pk, action="accept", note="sisa ditagih", today=TODAY
    )
    assert done.resolution == Resolution.ACCEPTED
    assert Payment.objects.get(enrolment=member, month=JUNE).amount == 10_000
    assert AuditEvent.objects.filter(action="statement.resolve", object_id=str(under.pk)).exists()


def test_accepting_an_overpayment_pays_the_due_and_credits_the_excess_to_the_next_month():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    over = _one(programme, member, amount="20.000")
    done = statement_line_resolve(actor=None, line_id=over.pk, action="accept", today=TODAY)
    assert done.resolution == Resolution.CREDITED
    assert Payment.objects.get(enrolment=member, month=JUNE).amount == 16_800
    credit = Credit.objects.get(statement_line_id=over.pk)
    assert (credit.month, credit.amount) == (D(2026, 7, 1), 3_200) and "PP 50/2025" in credit.reason
    assert AuditEvent.objects.filter(action="credit.record", object_id=str(member.pk)).exists()


def test_accepting_a_month_paid_twice_credits_the_whole_amount():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    payment_record(actor=None, enrolment=member, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    twice = _one(programme, member)
    assert twice.outcome == Outcome.PAID_TWICE
    statement_line_resolve(actor=None, line_id=twice.pk, action="accept", today=TODAY)
    assert Credit.objects.get(statement_line_id=twice.pk).amount == 16_800


def test_accepting_checks_again_that_the_month_is_still_unpaid():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    under = _one(programme, member, amount="10.000")
    payment_record(actor=None, enrolment=member, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    with pytest.raises(ResolveRefused, match="Baris 2: Iuran Juni 2026 .* sudah tercatat"):
        statement_line_resolve(actor=None, line_id=under.pk, action="accept", note="ok", today=TODAY)


def test_unknown_people_can_only_be_dismissed_with_a_note():
    programme = make_programme()
    unknown = _one(programme, None, kpj="99999999999", nik="6203000000000000")
    with pytest.raises(ResolveRefused, match="hanya dapat ditolak"):
        statement_line_resolve(actor=None, line_id=unknown.pk, action="accept", note="x", today=TODAY)
    with pytest.raises(ResolveRefused, match="catatan wajib diisi"):
        statement_line_resolve(actor=None, line_id=unknown.pk, action="dismiss", today=TODAY)
    done = statement_line_resolve(actor=None, line_id=unknown.pk, action="dismiss", note="bukan peserta kami")
    assert done.resolution == Resolution.DISMISSED and done.resolution_note == "bukan peserta kami"
    with pytest.raises(ResolveRefused, match="sudah diselesaikan"):
        statement_line_resolve(actor=None, line_id=unknown.pk, action="dismiss", note="lagi")


def test_a_selection_is_resolved_at_once_and_refusals_are_reported():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(
        programme,
        [line(member, amount="20.000"), line(member, month="2026-07", amount="30.000"), line(None, kpj="1")],
        today=TODAY,
    )
    ids = list(statement.lines.order_by("row_number").values_list("pk", flat=True))
    report = statement_lines_resolve(actor=None, line_ids=ids, action="accept", today=TODAY)
    assert len(report.resolved) == 2 and report.credits == 2 and report.payments == 2
    assert len(report.refused) == 1 and "hanya dapat ditolak" in report.refused[0][1]


def test_a_treasurer_of_another_region_cannot_resolve():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    over = _one(programme, member, amount="20.000")
    with pytest.raises(AccessRefused):
        statement_line_resolve(actor=make_user("bendahara", "61.07"), line_id=over.pk, action="accept")


def test_stored_lines_read_back_with_their_dates_and_the_time_applied():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(
        programme, [line(member), line(member, month="2026-07", amount="1")], today=TODAY
    )
    matched, underpaid = statement.lines.order_by("row_number")
    assert (matched.month, matched.paid_on, matched.amount, matched.due) == (
        JUNE,
        D(2026, 6, 12),
        16_800,
        16_800,
    )
    assert matched.resolved_at is not None and matched.resolved_at.tzinfo is not None
    assert matched.enrolment_id == member.pk and matched.reference == "SP2D-001"
    assert underpaid.resolved_at is None and underpaid.resolution == Resolution.PENDING


def test_a_member_is_found_by_the_workers_kpj_when_the_enrolment_has_none():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    Enrolment.objects.filter(pk=member.pk).update(kpj="")
    member.worker.__class__.objects.filter(pk=member.worker_id).update(kpj="12345678901")
    statement, _ = import_lines(programme, [line(member, kpj="12345678901", nik="")], today=TODAY)
    only = statement.lines.get()
    assert (only.outcome, only.enrolment_id) == (Outcome.MATCHED, member.pk)


def test_a_month_paid_by_another_programme_of_the_same_member_is_other_programme():
    programme, other = make_programme(), make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    there = make_enrolment(Status.ACTIVE, programme=other)
    payment_record(actor=None, enrolment=there, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    # Data from before the overlap check: the same person in two programmes over the same months.
    Enrolment.objects.filter(pk=there.pk).update(worker=member.worker)
    statement, _ = import_lines(programme, [line(member)], today=TODAY)
    only = statement.lines.get()
    assert only.outcome == Outcome.OTHER_PROGRAMME and only.enrolment_id == member.pk
    assert only.message == (
        f"Iuran Juni 2026 untuk {member.worker.full_name} sudah dibayar oleh program {other.code}."
    )
    assert not Payment.objects.filter(enrolment=member, month=JUNE).exists()


def test_the_kpj_names_the_person_before_the_nik_even_when_the_nik_is_a_member():
    # The programme's own members are matched in one pass; a KPJ it does not know goes to the wider search,
    # which finds its holder in another programme, even though the NIK on the line is one of this programme's.
    programme, other = make_programme(), make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    elsewhere = make_enrolment(Status.ACTIVE, programme=other)
    statement, _ = import_lines(
        programme, [line(member, kpj=elsewhere.kpj), line(member, month="2026-07")], today=TODAY
    )
    first, second = statement.lines.order_by("row_number")
    assert (first.outcome, first.enrolment_id) == (Outcome.NOT_COVERED, None)
    assert (second.outcome, second.enrolment_id) == (Outcome.MATCHED, member.pk)


def test_a_line_is_compared_with_the_bill_summed_charge_and_correction():
    """The month's due is every line of the month's bill for the member (charge plus correction), summed."""
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    other = make_enrolment(Status.ACTIVE, programme=programme)
    bill, _ = bill_issue(actor=None, programme=programme, month=JUNE, today=D(2026, 6, 2))
    bill_adjust(actor=None, bill=bill, enrolment_id=member.pk, amount=-800, reason="Koreksi kategori")
    statement, _ = import_lines(
        programme, [line(member, amount="16.000"), line(other, amount="16.000")], today=TODAY
    )
    assert _outcomes(statement) == [Outcome.MATCHED, Outcome.UNDERPAID]


def test_a_matched_line_is_stored_once_as_its_payment_and_read_back_in_file_order():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(
        programme, [line(None, kpj="1"), line(member, reference="SP2D-77"), line(member)], today=TODAY
    )
    payment = Payment.objects.get(statement=statement)
    assert (payment.statement_row, payment.month, payment.amount) == (3, JUNE, 16_800)
    assert (payment.reference, payment.source) == ("SP2D-77", Payment.Source.STATEMENT)
    # Only the lines waiting for a decision are kept as lines; the view reads all three in file order.
    assert sorted(statement.unmatched_lines.values_list("row_number", flat=True)) == [2, 4]
    rows = list(statement.lines.order_by("row_number"))
    assert [r.row_number for r in rows] == [2, 3, 4]
    matched = rows[1]
    assert (matched.pk, matched.outcome, matched.resolution) == (
        -payment.pk,
        Outcome.MATCHED,
        Resolution.APPLIED,
    )
    shown = (matched.shown_kpj, matched.shown_nik, matched.shown_name)
    assert shown == (member.kpj, member.worker.nik, member.worker.full_name)
    assert (matched.due, matched.enrolment_id, matched.statement_id) == (16_800, member.pk, statement.pk)


def test_a_matched_line_cannot_be_resolved_again():
    programme = make_programme()
    member = make_enrolment(Status.ACTIVE, programme=programme)
    statement, _ = import_lines(programme, [line(member)], today=TODAY)
    matched = statement.lines.get()
    report = statement_lines_resolve(
        actor=None, line_ids=[matched.pk], action="dismiss", note="x", today=TODAY
    )
    assert report.resolved == [] and "tidak ditemukan" in report.refused[0][1]
    assert Payment.objects.filter(statement=statement).count() == 1


def test_a_statement_whose_lines_paid_months_cannot_be_deleted():
    # Payment.statement has no database constraint (see the model); PROTECT still guards the ORM's deletes.
    programme = make_programme()
    statement, _ = import_lines(
        programme, [line(make_enrolment(Status.ACTIVE, programme=programme))], today=TODAY
    )
    with pytest.raises(ProtectedError):
        statement.delete()
    assert Payment.objects.filter(statement=statement).count() == 1


def test_of_two_lines_for_one_month_the_earlier_row_is_matched_whatever_the_order_given():
    programme = make_programme()
    member, other = (make_enrolment(Status.ACTIVE, programme=programme) for _ in range(2))
    lines = [line(member), line(other), line(member)]
    statement, _ = import_lines(programme, lines, row_numbers=[9, 5, 3], today=TODAY)
    outcomes = dict(statement.lines.values_list("row_number", "outcome"))
    assert outcomes == {3: Outcome.MATCHED, 5: Outcome.MATCHED, 9: Outcome.PAID_TWICE}


def test_a_billed_month_paid_already_names_the_person_in_its_message():
    # Priced by its bill, not by the rule rows: the message still names the person the line matched.
    programme = make_programme()
    member, other = (make_enrolment(Status.ACTIVE, programme=programme) for _ in range(2))
    bill_issue(actor=None, programme=programme, month=JUNE, today=D(2026, 6, 2))
    payment_record(actor=None, enrolment=member, month=JUNE, paid_on=D(2026, 6, 5), today=TODAY)
    statement, _ = import_lines(programme, [line(member), line(other)], today=TODAY)
    first, second = statement.lines.order_by("row_number")
    assert (first.outcome, second.outcome) == (Outcome.PAID_TWICE, Outcome.MATCHED)
    assert first.message == (
        f"Iuran Juni 2026 untuk {member.worker.full_name} (kepesertaan #{member.pk}) sudah tercatat."
    )
