"""The statement pages: upload, detail by outcome with masked NIKs, resolving by htmx, and who may do what."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lindung.accounts.models import Role
from lindung.accounts.services import sponsor_create
from lindung.billing.models import Payment, Resolution, Statement
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from tests.accounts.builders import signed_in
from tests.billing.statement_builders import import_lines, line
from tests.enrolment.builders import make_enrolment
from tests.transfer.builders import csv_bytes

pytestmark = pytest.mark.django_db
LIST = reverse("transfer:statements")


def _file(member, amount="16.800"):
    rows = [
        ["No KPJ", "NIK", "Bulan Iuran", "Jumlah", "Tanggal Bayar"],
        [member.kpj, member.worker.nik, "2026-06", amount, "12-06-2026"],
    ]
    return SimpleUploadedFile("rincian.csv", csv_bytes(rows), content_type="text/csv")


def test_a_treasurer_uploads_and_sees_the_outcome(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "62.03")
    assert client.get(LIST).status_code == 200
    data = {"programme": member.programme.code, "kind": "insurer", "file": _file(member)}
    response = client.post(LIST, data)
    statement = Statement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "transfer:statement_detail", args=[statement.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "cocok" in page and "rincian.csv" in page
    assert member.worker.nik not in page  # a treasurer sees the NIK masked
    assert Payment.objects.filter(enrolment=member, month="2026-06-01").exists()
    assert AuditEvent.objects.filter(action="statement.view", object_id=str(statement.pk)).exists()


def test_an_unreadable_file_is_explained_on_the_form(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.BENDAHARA, "62.03")
    bad = SimpleUploadedFile("x.csv", b"Nama;Alamat\nBudi;Kapuas\n", content_type="text/csv")
    response = client.post(LIST, {"programme": member.programme.code, "kind": "insurer", "file": bad})
    assert response.status_code == 400 and "Baris judul kolom tidak ditemukan" in response.content.decode()


def test_an_admin_may_read_but_not_upload(client):
    member = make_enrolment(Status.ACTIVE)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get(LIST).status_code == 200
    data = {"programme": member.programme.code, "kind": "insurer", "file": _file(member)}
    assert client.post(LIST, data).status_code == 403
    assert not Statement.objects.exists()


def test_a_sponsor_cannot_see_statements(client):
    sponsor = sponsor_create(actor=None, data={"name": "PT Borneo", "kind": "csr"})
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    assert client.get(LIST).status_code == 403


def test_resolving_a_line_by_htmx_returns_its_row(client):
    member = make_enrolment(Status.ACTIVE)
    statement, _ = import_lines(member.programme, [line(member, amount="20.000")])
    target = statement.lines.get()
    signed_in(client, Role.BENDAHARA, "62.03")
    url = reverse("transfer:statement_line_resolve", args=[statement.pk, target.pk])
    refused = client.post(url, {"action": "dismiss"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200 and "catatan wajib diisi" in refused.content.decode()
    accepted = client.post(url, {"action": "accept"}, HTTP_HX_REQUEST="true")
    assert accepted.status_code == 200 and f'id="line-{target.pk}"' in accepted.content.decode()
    target.refresh_from_db()
    assert target.resolution == Resolution.CREDITED


def test_the_page_and_the_api_refuse_the_same_resolution(client):
    member = make_enrolment(Status.ACTIVE)
    statement, _ = import_lines(member.programme, [line(None, kpj="1", nik="2")])
    target = statement.lines.get()
    signed_in(client, Role.BENDAHARA, "62.03")
    page = client.post(
        reverse("transfer:statement_line_resolve", args=[statement.pk, target.pk]),
        {"action": "accept", "note": "x"},
        HTTP_HX_REQUEST="true",
    )
    api = client.post(
        f"/api/payments/statements/{statement.pk}/lines/{target.pk}/resolve",
        {"action": "accept", "note": "x"},
        content_type="application/json",
    )
    assert "hanya dapat ditolak" in page.content.decode() and "hanya dapat ditolak" in api.json()["detail"]


def test_a_foreign_treasurer_gets_404(client):
    member = make_enrolment(Status.ACTIVE)
    statement, _ = import_lines(member.programme, [line(member, amount="20.000")])
    signed_in(client, Role.BENDAHARA, "61.07")
    assert client.get(reverse("transfer:statement_detail", args=[statement.pk])).status_code == 404
    url = reverse("transfer:statement_line_resolve", args=[statement.pk, statement.lines.get().pk])
    assert client.post(url, {"action": "accept"}).status_code == 404


def test_bulk_resolution_of_ticked_lines(client):
    member = make_enrolment(Status.ACTIVE)
    statement, _ = import_lines(
        member.programme, [line(None, kpj="1", nik="2"), line(None, kpj="3", nik="4")]
    )
    signed_in(client, Role.BENDAHARA, "62.03")
    ids = list(statement.lines.values_list("pk", flat=True))
    response = client.post(
        reverse("transfer:statement_resolve", args=[statement.pk]),
        {"line": ids, "action": "dismiss", "note": "bukan peserta"},
    )
    assert response.status_code == 302
    assert set(statement.lines.values_list("resolution", flat=True)) == {Resolution.DISMISSED}
