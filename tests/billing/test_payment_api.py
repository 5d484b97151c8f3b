"""The payments API refuses what the service (and so the page and the CLI) refuses, with the same words."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lindung.accounts.models import Role
from lindung.billing.models import Outcome, Payment, Resolution
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import signed_in
from tests.billing.builders import OTHER_VILLAGE
from tests.billing.statement_builders import import_lines, line
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme
from tests.transfer.builders import csv_bytes

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _payment(member, **overrides):
    body = {"enrolment": member.pk, "month": "2026-06", "amount": "Rp 16.800,-", "paid_on": "2026-06-12"}
    return body | overrides


def test_a_treasurer_records_a_payment(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "62.03")
    response = post(client, "/api/payments/", _payment(member, reference="SP2D-1"))
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == 16_800
    assert Payment.objects.get(enrolment=member, month="2026-06-01").reference == "SP2D-1"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "Rp 1"}, "Jumlah Rp 1 tidak sama dengan iuran Juni 2026 Rp 16.800"),
        ({"amount": "999.999"}, "Jumlah Rp 999.999 tidak sama dengan iuran Juni 2026 Rp 16.800"),
        ({"amount": "-16800"}, "iuran harus lebih dari nol"),
        ({"amount": "abc"}, 'Jumlah: "abc" bukan jumlah rupiah'),
        ({"paid_on": "2031-03-01"}, "Tanggal bayar 01-03-2031 belum terjadi"),
    ],
)
def test_the_api_refuses_bad_payments_with_the_services_message(client, overrides, message):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "62.03")
    response = post(client, "/api/payments/", _payment(member, **overrides))
    assert response.status_code == 422 and message in response.json()["detail"]
    assert not Payment.objects.filter(enrolment=member, month="2026-06-01").exists()


def test_a_proposed_person_is_refused(client):
    member = make_enrolment(Status.PROPOSED)
    signed_in(client, Role.BENDAHARA, "62.03")
    response = post(client, "/api/payments/", _payment(member))
    assert response.status_code == 422 and "belum menjadi peserta" in response.json()["detail"]


@pytest.mark.parametrize("role", [Role.ADMIN_PROGRAM, Role.OPERATOR_DESA, Role.PETUGAS_BPJS])
def test_roles_without_payment_record_are_refused(client, role):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, role, "62.03")
    assert post(client, "/api/payments/", _payment(member)).status_code == 403


def test_a_foreign_treasurer_does_not_find_the_member(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "61.07")
    assert post(client, "/api/payments/", _payment(member)).status_code == 404


def test_statement_upload_list_detail_lines_and_resolve(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "62.03")
    rows = [
        ["No KPJ", "NIK", "Bulan Iuran", "Jumlah", "Tanggal Bayar"],
        [member.kpj, member.worker.nik, "2026-06", "16.800", "12-06-2026"],
        [member.kpj, member.worker.nik, "2026-07", "20.000", "12-07-2026"],
    ]
    upload = SimpleUploadedFile("rincian.csv", csv_bytes(rows), content_type="text/csv")
    data = {"programme": member.programme.code, "kind": "insurer", "file": upload}
    response = client.post("/api/payments/statements", data)
    assert response.status_code == 201, response.content
    statement = response.json()
    assert statement["counts"]["matched"] == 1 and statement["counts"]["overpaid"] == 1
    upload.seek(0)
    again = client.post("/api/payments/statements", data | {"file": upload})
    assert again.status_code == 200 and again.json()["id"] == statement["id"]
    assert [s["id"] for s in client.get("/api/payments/statements").json()] == [statement["id"]]
    assert client.get(f"/api/payments/statements/{statement['id']}").status_code == 200
    lines = client.get(f"/api/payments/statements/{statement['id']}/lines", {"outcome": "overpaid"}).json()
    assert lines["count"] == 1 and "*" in lines["items"][0]["nik"]  # a treasurer sees the NIK masked
    url = f"/api/payments/statements/{statement['id']}/lines/{lines['items'][0]['id']}/resolve"
    assert post(client, url, {"action": "dismiss"}).status_code == 422
    resolved = post(client, url, {"action": "accept"})
    assert resolved.status_code == 200 and resolved.json()["resolution"] == Resolution.CREDITED


def test_statements_are_not_seen_across_regions(client):
    member = make_enrolment(Status.ACTIVE)
    statement, _ = import_lines(member.programme, [line(member)])
    signed_in(client, Role.BENDAHARA, "61.07")
    assert client.get("/api/payments/statements").json() == []
    assert client.get(f"/api/payments/statements/{statement.pk}").status_code == 404


def test_a_village_operator_sees_only_their_villages_lines(client):
    programme = make_programme()
    here = make_enrolment(Status.ACTIVE, programme=programme)
    there = make_enrolment(Status.ACTIVE, programme=programme)
    Enrolment.objects.filter(pk=there.pk).update(village_id=OTHER_VILLAGE)
    statement, _ = import_lines(programme, [line(here), line(None, kpj="1", nik="2")])
    assert statement.counts[Outcome.UNKNOWN_PERSON] == 1
    signed_in(client, Role.OPERATOR_DESA, here.village_id)
    lines = client.get(f"/api/payments/statements/{statement.pk}/lines").json()
    assert [item["enrolment_id"] for item in lines["items"]] == [here.pk]
