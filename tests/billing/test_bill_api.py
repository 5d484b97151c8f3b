from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.billing.models import Bill, BillPayment, Payment
from tests.accounts.builders import signed_in
from tests.billing.builders import OTHER_VILLAGE, enrol_in, issued_bill
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_issue_list_and_summary(client):
    programme = make_programme()
    enrol_in(programme)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    first = post(client, "/api/bills/", {"programme": programme.code, "month": "2026-04"})
    again = post(client, "/api/bills/", {"programme": programme.code, "month": "2026-04"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Bill.objects.count() == 1
    listed = client.get("/api/bills/", {"programme": programme.code, "month": "2026-04"}).json()
    assert listed["count"] == 1 and listed["items"][0]["number"].endswith("/2026-04")
    summary = client.get(f"/api/bills/{first.json()['id']}").json()["summary"]
    assert summary == {
        "charged": 16800,
        "adjustments": 0,
        "credits": 0,
        "net": 16800,
        "paid": 0,
        "outstanding": 16800,
        "people": 1,
    }


def test_a_month_outside_the_programme_is_422_with_the_message(client):
    programme = make_programme()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = post(client, "/api/bills/", {"programme": programme.code, "month": "2027-03"})
    assert response.status_code == 422 and "Maret 2027 di luar masa program" in response.json()["detail"]


def test_the_api_refuses_what_the_page_refuses(client):
    bill = issued_bill(people=1, other_village=0)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    assert (
        post(client, "/api/bills/", {"programme": bill.programme.code, "month": "2026-05"}).status_code == 403
    )
    assert (
        post(
            client,
            f"/api/bills/{bill.pk}/payments",
            {"amount": 16800, "paid_on": "2026-04-10", "reference": "X"},
        ).status_code
        == 403
    )
    signed_in(client, Role.ADMIN_PROGRAM, BENGKAYANG)
    assert client.get(f"/api/bills/{bill.pk}").status_code == 404


def test_a_village_operator_gets_only_their_lines(client):
    bill = issued_bill(people=2, other_village=1)
    signed_in(client, Role.OPERATOR_DESA, OTHER_VILLAGE)
    lines = client.get(f"/api/bills/{bill.pk}/lines").json()
    assert lines["count"] == 1 and lines["items"][0]["village_code"] == OTHER_VILLAGE
    assert client.get(f"/api/bills/{bill.pk}").json()["summary"]["net"] == 16800


def test_payments_future_date_refused_then_applied_and_flagged(client):
    bill = issued_bill(people=2, other_village=0)
    signed_in(client, Role.BENDAHARA, "62.03")
    url = f"/api/bills/{bill.pk}/payments"
    future = post(client, url, {"amount": 33600, "paid_on": "2031-05-03", "reference": "SP2D-1"})
    assert future.status_code == 422 and future.json()["detail"] == "Tanggal bayar 03-05-2031 belum terjadi."
    zero = post(client, url, {"amount": 0, "paid_on": "2026-04-10", "reference": "SP2D-1"})
    assert zero.status_code == 422 and "lebih dari Rp 0" in zero.json()["detail"]
    flagged = post(client, url, {"amount": 30000, "paid_on": "2026-04-10", "reference": "SP2D-1"})
    assert (
        flagged.status_code == 201 and flagged.json()["status"] == "flagged" and not Payment.objects.exists()
    )
    applied = post(client, url, {"amount": 33600, "paid_on": "2026-04-10", "reference": "SP2D-2"})
    assert applied.json()["status"] == "applied" and Payment.objects.count() == 2
    assert BillPayment.objects.count() == 2


def test_an_adjustment_by_api(client):
    bill = issued_bill(people=1, other_village=0)
    member = bill.lines.get().enrolment_id
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    url = f"/api/bills/{bill.pk}/adjustments"
    empty = post(client, url, {"enrolment": member, "amount": -800, "reason": ""})
    assert empty.status_code == 422 and "Alasan koreksi" in empty.json()["detail"]
    made = post(client, url, {"enrolment": member, "amount": -800, "reason": "salah golongan"})
    assert made.status_code == 201 and made.json()["amount"] == -800
