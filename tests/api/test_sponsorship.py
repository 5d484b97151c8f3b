"""The sponsorship API: the same refusals as the pages, a sponsor sees only its own people."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.sponsorship.models import Sponsorship
from lindung.sponsorship.services import sponsorship_assign
from tests.accounts.builders import signed_in
from tests.sponsorship.builders import (
    bengkayang_worker,
    ensure_notice_rule,
    kapuas_worker,
    make_company,
    make_sponsor,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def notice_rule():
    ensure_notice_rule()


def post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_admin_creates_a_sponsor_and_assigns_people(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = post(
        client,
        "/api/sponsorships/sponsors",
        {"name": "Rina Wati", "kind": "asn", "nip": "198501012010012001", "institution": "Dinsos"},
    )
    assert response.status_code == 201, response.content
    sponsor_id = response.json()["id"]
    workers = [kapuas_worker("Ani"), kapuas_worker("Budi"), kapuas_worker("Citra")]
    body = {"niks": [w.nik for w in workers], "start_date": "2026-01-01", "end_date": "2026-06-30"}
    response = post(client, f"/api/sponsorships/sponsors/{sponsor_id}/sponsorships", body)
    assert response.status_code == 201 and len(response.json()["created"]) == 3
    again = post(client, f"/api/sponsorships/sponsors/{sponsor_id}/sponsorships", body)
    assert again.status_code == 400 and "Ani" in again.json()["detail"]


def test_sponsor_sees_only_its_own_people_masked(client):
    mine = make_company()
    own = kapuas_worker("Ani")
    other = kapuas_worker("Dodi")
    sponsorship_assign(actor=None, sponsor=mine, niks=[own.nik], start_date=TODAY, end_date=TODAY)
    sponsorship_assign(actor=None, sponsor=make_sponsor(), niks=[other.nik], start_date=TODAY, end_date=TODAY)
    signed_in(client, Role.SPONSOR, "62.03", sponsor=mine)
    assert [s["id"] for s in client.get("/api/sponsorships/sponsors").json()] == [mine.pk]
    people = client.get(f"/api/sponsorships/sponsors/{mine.pk}").json()["people"]
    assert [p["full_name"] for p in people] == ["Ani"] and "*" in people[0]["nik"]
    monev = client.get(f"/api/sponsorships/sponsors/{mine.pk}/monev").json()
    assert monev["sponsored_now"] == 1
    assert post(client, "/api/sponsorships/sponsors", {"name": "X", "kind": "csr"}).status_code == 403


def test_foreign_workers_and_sponsors_answer_404(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    foreign = make_sponsor(region="61.07", name="Yohanes")
    assert client.get(f"/api/sponsorships/sponsors/{foreign.pk}").status_code == 404
    own = make_sponsor()
    body = {"niks": [bengkayang_worker().nik], "start_date": "2026-01-01", "end_date": "2026-06-30"}
    assert post(client, f"/api/sponsorships/sponsors/{own.pk}/sponsorships", body).status_code == 404
    assert Sponsorship.objects.count() == 0


def test_commitment_payment_and_ending(client):
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    company = make_company()
    body = {"amount": 403_200, "period_start": "2026-01-01", "period_end": "2026-12-31"}
    commitment = post(client, f"/api/sponsorships/sponsors/{company.pk}/commitments", body).json()
    paid = post(
        client,
        f"/api/sponsorships/commitments/{commitment['id']}/payments",
        {"amount": 500_000, "paid_on": TODAY.isoformat()},
    )
    assert paid.status_code == 400 and "melebihi sisa komitmen" in paid.json()["detail"]
    worker = kapuas_worker("Eka")
    end = (TODAY + dt.timedelta(days=25)).isoformat()
    post(
        client,
        f"/api/sponsorships/sponsors/{company.pk}/sponsorships",
        {"niks": [worker.nik], "start_date": TODAY.isoformat(), "end_date": end},
    )
    (group,) = client.get("/api/sponsorships/ending").json()
    assert group["urgent"] and group["people"][0]["full_name"] == "Eka"
