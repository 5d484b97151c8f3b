from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.billing import services
from lindung.billing.models import Bill, BillLine, BillPayment, Credit, Payment
from lindung.billing.selectors.bills import bill_lines_page, bill_summary, bills_visible_to
from lindung.billing.services import BillRefused, bill_adjust, bill_issue, bill_pay, credits_post
from lindung.contributions.calculator import monthly_contribution
from lindung.core.models import AuditEvent
from lindung.enrolment import services as es
from lindung.enrolment.models import Status
from lindung.people.models import Worker
from tests.accounts.builders import make_user
from tests.billing.builders import APRIL, OTHER_VILLAGE, csr_programme, enrol_in, issued_bill
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 5, 20)


def charges(bill):
    return sorted(bill.lines.filter(kind="charge").values_list("amount", "gross"))


def test_discount_month_bills_half_for_a_csr_programme_and_full_rate_for_apbd():
    csr = issued_bill(csr_programme(), people=1, other_village=0)
    apbd = issued_bill(make_programme(), people=1, other_village=0)
    assert charges(csr) == [(8_400, 16_800)]
    assert charges(apbd) == [(16_800, 16_800)]
    assert "PP 50/2025" in csr.legal_basis and "PP 50/2025" not in apbd.legal_basis


def test_a_month_before_the_discount_is_billed_at_its_own_full_rate():
    programme = csr_programme()
    enrol_in(programme)
    march, _ = bill_issue(actor=None, programme=programme, month=D(2026, 3, 1))
    april, _ = bill_issue(actor=None, programme=programme, month=APRIL)
    assert (charges(march), charges(april)) == ([(16_800, 16_800)], [(8_400, 16_800)])


def test_only_members_covered_that_month_are_billed():
    programme = make_programme()
    for status in (Status.PROPOSED, Status.VERIFIED, Status.REJECTED):
        make_enrolment(status, programme=programme)
    owing = [
        make_enrolment(s, programme=programme) for s in (Status.SUBMITTED, Status.ACTIVE, Status.NON_ACTIVE)
    ]
    died = make_enrolment(Status.SUBMITTED, programme=programme)
    es.enrolment_end(actor=None, enrolment=died, end_reason="death", end_date=D(2026, 5, 20), today=TODAY)
    may, _ = bill_issue(actor=None, programme=programme, month=D(2026, 5, 1))
    june, _ = bill_issue(actor=None, programme=programme, month=D(2026, 6, 1))
    billed = set(may.lines.values_list("enrolment_id", flat=True))
    assert billed == {e.pk for e in owing} | {died.pk}
    assert died.pk not in set(june.lines.values_list("enrolment_id", flat=True))


def test_issuing_again_returns_the_same_bill_and_changes_nothing():
    bill = issued_bill(people=2, other_village=1)
    again, created = bill_issue(actor=None, programme=bill.programme, month=APRIL)
    assert (again.pk, created, bill.lines.count()) == (bill.pk, False, 3)
    assert AuditEvent.objects.filter(action="bill.issue", object_id=str(bill.pk)).count() == 1
    assert bill.number == f"TGH/{bill.programme.code.upper()}/2026-04"
    assert bill.due_date == D(2026, 4, 15)


def test_a_month_outside_the_programme_is_refused():
    programme = make_programme()
    with pytest.raises(BillRefused, match="Januari 2027 di luar masa program"):
        bill_issue(actor=None, programme=programme, month=D(2027, 1, 1))
    assert not Bill.objects.exists()


def test_only_the_programmes_admin_may_issue():
    programme = make_programme()
    with pytest.raises(AccessRefused):
        bill_issue(actor=make_user(Role.OPERATOR_DESA, "62.03.17.2002"), programme=programme, month=APRIL)
    with pytest.raises(AccessRefused):
        bill_issue(actor=make_user(Role.ADMIN_PROGRAM, BENGKAYANG), programme=programme, month=APRIL)
    bill, created = bill_issue(actor=make_user(Role.ADMIN_PROGRAM, "62.03"), programme=programme, month=APRIL)
    assert created and bill.issued_by is not None


def test_pending_credits_become_credit_lines_at_issue_and_later_ones_at_once():
    programme = make_programme()
    member = enrol_in(programme)
    before = Credit.objects.create(enrolment=member, month=APRIL, amount=8_400, reason="Lebih bayar Maret")
    bill = issued_bill(programme, people=0, other_village=0)
    before.refresh_from_db()
    assert before.line.kind == "credit" and before.line.amount == -8_400 and before.line.bill == bill
    later = Credit.objects.create(enrolment=member, month=APRIL, amount=100, reason="Lebih bayar")
    unbilled = Credit.objects.create(enrolment=member, month=D(2026, 5, 1), amount=100, reason="Mei")
    assert credits_post(credit_ids=[later.pk, unbilled.pk, before.pk]) == 1
    later.refresh_from_db()
    unbilled.refresh_from_db()
    assert later.line.bill == bill and unbilled.line is None
    assert bill_summary(None, bill).net == 16_800 - 8_400 - 100


def test_an_adjustment_is_a_new_line_with_a_reason_for_a_charged_member():
    bill = issued_bill(people=1, other_village=0)
    member = bill.lines.get().enrolment_id
    with pytest.raises(BillRefused, match="Alasan koreksi wajib diisi"):
        bill_adjust(actor=None, bill=bill, enrolment_id=member, amount=-100, reason=" ")
    with pytest.raises(BillRefused, match="tidak boleh Rp 0"):
        bill_adjust(actor=None, bill=bill, enrolment_id=member, amount=0, reason="salah hitung")
    with pytest.raises(BillRefused, match="tidak ada di tagihan"):
        bill_adjust(actor=None, bill=bill, enrolment_id=999_999, amount=100, reason="salah hitung")
    line = bill_adjust(actor=None, bill=bill, enrolment_id=member, amount=-800, reason="salah golongan")
    assert (line.kind, line.amount, bill.lines.count()) == ("adjustment", -800, 2)
    assert bill_summary(None, bill).adjustments == -800


def test_lines_are_frozen_the_admin_and_the_services_offer_no_change():
    model_admin = admin.site._registry[BillLine]
    assert not model_admin.has_change_permission(None) and not model_admin.has_delete_permission(None)
    assert not any(
        name.startswith("bill_line") and ("update" in name or "delete" in name) for name in dir(services)
    )


def test_paying_exactly_what_is_owed_pays_every_line():
    bill = issued_bill(people=2, other_village=1)
    payment = bill_pay(
        actor=None, bill=bill, amount=50_400, paid_on=D(2026, 4, 14), reference="SP2D-1", today=TODAY
    )
    assert payment.status == BillPayment.Status.APPLIED
    assert Payment.objects.filter(month=APRIL, source="bill", reference="SP2D-1", amount=16_800).count() == 3
    assert AuditEvent.objects.filter(action="payment.record").count() == 3
    assert bill_summary(None, bill).outstanding == 0


def test_another_amount_is_flagged_and_marks_nobody_paid():
    bill = issued_bill(people=2, other_village=1)
    payment = bill_pay(
        actor=None, bill=bill, amount=40_000, paid_on=D(2026, 4, 14), reference="SP2D-2", today=TODAY
    )
    assert payment.status == BillPayment.Status.FLAGGED
    assert (
        "Rp 50.400" in payment.message and "Rp 40.000" in payment.message and "-Rp 10.400" in payment.message
    )
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("amount", "paid_on", "reference", "message"),
    [
        (50_400, D(2031, 5, 3), "SP2D-3", "Tanggal bayar 03-05-2031 belum terjadi"),
        (0, D(2026, 4, 14), "SP2D-3", "lebih dari Rp 0"),
        (-5, D(2026, 4, 14), "SP2D-3", "lebih dari Rp 0"),
        (50_400, D(2026, 4, 14), "  ", "referensi bank wajib diisi"),
        (50_400, D(2026, 4, 14), "SP2D-1", "SP2D-1 sudah dipakai"),
    ],
)
def test_bad_payments_are_refused_with_named_messages(amount, paid_on, reference, message):
    bill = issued_bill(people=2, other_village=1)
    bill_pay(actor=None, bill=bill, amount=1, paid_on=D(2026, 4, 14), reference="SP2D-1", today=TODAY)
    with pytest.raises(BillRefused, match=message):
        bill_pay(actor=None, bill=bill, amount=amount, paid_on=paid_on, reference=reference, today=TODAY)


def test_only_the_treasurer_records_a_bill_payment():
    bill = issued_bill(people=1, other_village=0)
    with pytest.raises(AccessRefused):
        bill_pay(
            actor=make_user(Role.ADMIN_PROGRAM, "62.03"),
            bill=bill,
            amount=16_800,
            paid_on=TODAY,
            reference="X",
        )
    paid = bill_pay(
        actor=make_user(Role.BENDAHARA, "62.03"), bill=bill, amount=16_800, paid_on=TODAY, reference="X"
    )
    assert paid.status == "applied"


def test_a_village_operator_sees_the_bill_with_only_their_lines_and_a_sponsor_sees_none():
    bill = issued_bill(people=2, other_village=1)
    operator = make_user(Role.OPERATOR_DESA, OTHER_VILLAGE)
    assert list(bills_visible_to(operator)) == [bill]
    page, rows = bill_lines_page(operator, bill)
    assert [r.village_code for r in rows] == [OTHER_VILLAGE] and page.paginator.count == 1
    assert bill_summary(operator, bill).net == 16_800 and bill_summary(None, bill).net == 50_400
    assert "*" not in rows[0].nik
    _page, audited = bill_lines_page(make_user(Role.AUDITOR, "62.03"), bill)
    assert len(audited) == 3 and all("*" in r.nik for r in audited)
    assert not bills_visible_to(make_user(Role.ADMIN_PROGRAM, BENGKAYANG)).exists()


def test_a_late_payment_is_flagged_on_its_line():
    bill = issued_bill(people=1, other_village=0)
    bill_pay(actor=None, bill=bill, amount=16_800, paid_on=D(2026, 4, 20), reference="LATE", today=TODAY)
    _page, rows = bill_lines_page(None, bill)
    assert rows[0].paid_on == D(2026, 4, 20) and rows[0].late


def _issue_capturing(programme, month):
    with CaptureQueriesContext(connection) as queries:
        bill, _created = bill_issue(actor=None, programme=programme, month=month)
    return bill, [q["sql"] for q in queries.captured_queries]


def _line_statements(sqls):
    return [s for s in sqls if "INSERT INTO" in s and BillLine._meta.db_table in s]


@pytest.mark.parametrize(
    "month", [D(2026, 3, 1), APRIL], ids=["transport-only-discount", "everyone-discounted"]
)
def test_the_number_of_statements_does_not_grow_with_the_number_of_categories(month):
    one, many = csr_programme(), csr_programme()
    enrol_in(one, category="nelayan")
    for category in ("nelayan", "petani_sawit", "pedagang_kecil", "buruh_harian", "rt_rw", "transportasi"):
        enrol_in(many, category=category)
    _bill_one, one_sqls = _issue_capturing(one, month)
    bill, many_sqls = _issue_capturing(many, month)
    assert len(_line_statements(many_sqls)) == 1
    assert len(many_sqls) == len(one_sqls)
    expected = sorted(
        (q.programme_share, q.programme_share + q.discount)
        for q in (
            monthly_contribution(worker=e.worker, programme=many, month=month) for e in many.enrolments.all()
        )
    )
    assert charges(bill) == expected


def test_the_march_discount_for_transport_only_bills_each_sector_at_its_own_rate():
    programme = csr_programme()
    enrol_in(programme, category="nelayan")
    driver = enrol_in(programme, category="transportasi")
    bill, _ = bill_issue(actor=None, programme=programme, month=D(2026, 3, 1))
    amounts = dict(bill.lines.values_list("enrolment_id", "amount"))
    assert sorted(amounts.values()) == [8_400, 16_800] and amounts[driver.pk] == 8_400
    assert "PP 50/2025" in bill.legal_basis


def test_everyone_at_one_price_is_billed_from_the_enrolments_alone_without_a_group_by():
    programme = make_programme()
    for category in ("nelayan", "transportasi", "rt_rw"):
        enrol_in(programme, category=category)
    bill, sqls = _issue_capturing(programme, APRIL)
    (insert,) = _line_statements(sqls)
    assert Worker._meta.db_table not in insert
    assert not any("GROUP BY" in s for s in sqls)
    assert charges(bill) == [(16_800, 16_800)] * 3
    assert "PP 50/2025" not in bill.legal_basis


def test_a_pu_bill_charges_each_fixed_income_and_nothing_for_a_member_without_one():
    programme = make_programme(
        owner_region=PULAU_MAMBULAU,
        coverage_region=PULAU_MAMBULAU,
        segment="PU",
        funding_source="apbdes",
        apbdes_sub_source="add",
    )
    low = enrol_in(programme, category="perangkat_desa", wage_status="PU", fixed_income=2_000_000)
    high = enrol_in(programme, category="kepala_desa", wage_status="PU", fixed_income=3_500_000)
    none = enrol_in(programme, category="perangkat_desa", wage_status="PU", fixed_income=2_000_000)
    Worker.objects.filter(pk=none.worker_id).update(fixed_income=None)  # siltap cleared after enrolment
    bill, sqls = _issue_capturing(programme, APRIL)
    assert len(_line_statements(sqls)) == 1
    amounts = dict(bill.lines.values_list("enrolment_id", "amount"))
    assert amounts[low.pk] == 10_800
    assert (
        amounts[high.pk]
        == monthly_contribution(worker=high.worker, programme=programme, month=APRIL).programme_share
    )
    assert amounts[none.pk] == 0
