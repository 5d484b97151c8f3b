"""The claims API refuses what the pages refuse and answers with the same services."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role
from lindung.claims.models import Claim
from lindung.core.models import AuditEvent
from tests.accounts.builders import signed_in
from tests.claims.builders import member, report
from tests.people.builders import PULAU_MAMBULAU, make_nik

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_report_then_the_same_death_again_joins_it(client):
    enrolment = member()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = {
        "kind": "death",
        "event_date": "2026-05-19",
        "place": "Rumah",
        "account": "Sakit",
        "nik": enrolment.worker.nik,
    }
    first, again = post(client, "/api/claims", body), post(client, "/api/claims", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["claim"]["expected_amount"] == 42_000_000 and first.json()["claim"]["covered"]
    assert again.json()["claim"]["id"] == first.json()["claim"]["id"] and not again.json()["created"]
    # The operator's work needs the whole NIK; a pendamping's does not.
    assert first.json()["claim"]["nik"] == enrolment.worker.nik
    client.logout()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    nik = enrolment.worker.nik
    assert client.get("/api/claims").json()["items"][0]["nik"] == f"{nik[:4]}********{nik[-4:]}"


def test_a_future_date_is_a_named_400(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = {
        "kind": "death",
        "event_date": "2099-01-01",
        "place": "Rumah",
        "account": "x",
        "full_name": "A",
        "village": PULAU_MAMBULAU,
    }
    response = post(client, "/api/claims", body)
    assert response.status_code == 400 and "belum terjadi" in response.json()["detail"]


def test_a_person_not_in_the_registry_in_a_foreign_village_is_refused(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    body = {
        "kind": "death",
        "event_date": "2026-05-01",
        "place": "Rumah",
        "account": "x",
        "full_name": "A",
        "nik": make_nik(serial=9100),
        "village": "61.07.01.2001",
    }
    assert post(client, "/api/claims", body).status_code == 404
    assert not Claim.objects.exists()


def test_list_and_detail_are_audited_reads_and_scoped(client):
    claim = report().claim
    user = signed_in(client, Role.AUDITOR, "62.03")
    listed = client.get("/api/claims", {"kind": "death"}).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == claim.pk
    detail = client.get(f"/api/claims/{claim.pk}").json()
    assert detail["benefits"][0]["amount"] == 20_000_000 and len(detail["documents"]) > 5
    assert AuditEvent.objects.filter(actor=user, action__in=["claim.list", "claim.view"]).count() == 2
    assert (
        post(
            client, f"/api/claims/{claim.pk}/heirs", {"full_name": "Siti", "relationship": "spouse"}
        ).status_code
        == 403
    )
    client.logout()
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert client.get(f"/api/claims/{claim.pk}").status_code == 404
    assert client.get("/api/claims").json()["count"] == 0


def test_heirs_documents_status_and_letter(client):
    claim = report().claim
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    missing = post(client, f"/api/claims/{claim.pk}/heirs", {"full_name": "Siti"})
    assert missing.status_code == 400 and "hubungan dengan almarhum wajib dipilih" in missing.json()["detail"]
    assert (
        post(
            client, f"/api/claims/{claim.pk}/heirs", {"full_name": "Siti", "relationship": "spouse"}
        ).status_code
        == 201
    )
    early = post(client, f"/api/claims/{claim.pk}/status", {"status": "documents_complete"})
    assert early.status_code == 400 and "dokumen wajib belum dicentang" in early.json()["detail"]
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        ticked = post(client, f"/api/claims/{claim.pk}/documents/{code}", {"ticked": True})
        assert ticked.status_code == 200 and ticked.json()["ticked_by"]
    assert post(client, f"/api/claims/{claim.pk}/documents/nope", {}).status_code == 400
    done = post(client, f"/api/claims/{claim.pk}/status", {"status": "documents_complete"})
    assert done.status_code == 200 and done.json()["claim"]["status"] == "documents_complete"
    paid = post(
        client, f"/api/claims/{claim.pk}/status", {"status": "paid", "amount": 1, "paid_on": "2026-06-01"}
    )
    assert paid.status_code == 403
    letter = client.get(f"/api/claims/{claim.pk}/letter.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_the_insurers_officer_records_the_payment_and_a_difference_is_flagged(client):
    claim = report().claim
    Claim.objects.filter(pk=claim.pk).update(status="submitted")
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    paid = post(
        client,
        f"/api/claims/{claim.pk}/status",
        {"status": "paid", "amount": 42_500_000, "paid_on": "2026-06-01"},
    )
    assert paid.status_code == 200 and paid.json()["claim"]["amount_differs"]
    assert "berbeda dari perhitungan Rp 42.000.000" in paid.json()["note"]
