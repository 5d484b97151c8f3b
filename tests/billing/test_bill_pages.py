from __future__ import annotations

import pytest
from django.urls import reverse

from lindung.accounts.models import Role
from lindung.accounts.services import sponsor_create
from lindung.billing.models import Bill, BillPayment, Payment
from lindung.core.models import AuditEvent
from tests.accounts.builders import page_queries, signed_in
from tests.billing.builders import OTHER_VILLAGE, enrol_in, issued_bill
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db


def detail(bill):
    return reverse("billing:bill_detail", args=[bill.pk])


def test_the_admin_issues_a_bill_from_the_list_page(client):
    programme = make_programme()
    enrol_in(programme)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(reverse("billing:bill_issue"), {"programme": programme.code, "month": "2026-04"})
    bill = Bill.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(bill)
    page = client.get(reverse("billing:bill_list"), {"programme": programme.code, "month": "2026-04"})
    assert bill.number in page.content.decode()


def test_a_month_outside_the_programme_is_refused_on_the_page(client):
    programme = make_programme()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.post(
        reverse("billing:bill_issue"), {"programme": programme.code, "month": "2027-02"}, follow=True
    )
    assert "Februari 2027 di luar masa program" in response.content.decode()
    assert not Bill.objects.exists()


def test_the_detail_shows_summary_due_date_and_lines(client):
    bill = issued_bill(people=2, other_village=1)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    body = client.get(detail(bill)).content.decode()
    assert "15 April 2026" in body and "Rp 50.400" in body and "Budi Santoso" in body


def test_a_village_operator_sees_only_their_lines(client):
    bill = issued_bill(people=2, other_village=1)
    signed_in(client, Role.OPERATOR_DESA, OTHER_VILLAGE)
    body = client.get(detail(bill)).content.decode()
    assert "Rp 16.800" in body and "Rp 50.400" not in body and body.count("<tr><td>Budi") == 1


def test_a_foreign_bill_is_404_and_a_sponsor_is_403(client):
    bill = issued_bill(people=1, other_village=0)
    signed_in(client, Role.ADMIN_PROGRAM, BENGKAYANG)
    assert client.get(detail(bill)).status_code == 404
    sponsor = sponsor_create(actor=None, data={"name": "PT Borneo", "kind": "csr"})
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    assert client.get(reverse("billing:bill_list")).status_code == 403
    assert client.get(detail(bill)).status_code == 403


def test_the_treasurer_pays_and_a_future_date_is_refused(client):
    bill = issued_bill(people=1, other_village=0)
    signed_in(client, Role.BENDAHARA, "62.03")
    url = reverse("billing:bill_pay", args=[bill.pk])
    future = client.post(
        url, {"amount": "Rp 16.800", "paid_on": "2031-05-03", "reference": "SP2D-9"}, follow=True
    )
    assert "Tanggal bayar 03-05-2031 belum terjadi" in future.content.decode()
    assert not BillPayment.objects.exists()
    paid = client.post(
        url, {"amount": "Rp 16.800", "paid_on": "2026-04-10", "reference": "SP2D-9"}, follow=True
    )
    assert "Diterapkan ke 1 peserta" in paid.content.decode()
    assert Payment.objects.get().amount == 16_800


def test_only_the_treasurer_sees_and_uses_the_payment_form(client):
    bill = issued_bill(people=1, other_village=0)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert 'name="paid_on"' not in client.get(detail(bill)).content.decode()
    url = reverse("billing:bill_pay", args=[bill.pk])
    assert client.post(url, {"amount": "16800", "paid_on": "2026-04-10", "reference": "X"}).status_code == 403


def test_an_adjustment_from_the_page_adds_a_line(client):
    bill = issued_bill(people=1, other_village=0)
    member = bill.lines.get().enrolment_id
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    url = reverse("billing:bill_adjust", args=[bill.pk])
    client.post(url, {"enrolment": member, "amount": "-800", "reason": "salah golongan"})
    assert bill.lines.filter(kind="adjustment", amount=-800).exists()


def test_downloads_are_audited(client):
    bill = issued_bill(people=1, other_village=0)
    signed_in(client, Role.AUDITOR, "62.03")
    response = client.get(reverse("billing:bill_download", args=[bill.pk, "xlsx"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(action="bill.download", object_id=str(bill.pk)).count() == 1


def test_the_detail_page_queries_do_not_grow_with_lines(client):
    small = issued_bill(people=1, other_village=0)
    large = issued_bill(people=6, other_village=4)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert len(page_queries(client, detail(small))) == len(page_queries(client, detail(large)))


def test_the_village_filter_answers_the_lines_partial_for_htmx(client):
    bill = issued_bill(people=2, other_village=1)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.get(detail(bill), {"village": OTHER_VILLAGE}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<div id="bill-lines">') and body.count("<tr><td>Budi") == 1
