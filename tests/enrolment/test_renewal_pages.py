"""The renewal and hand-over pages: same services, same refusals as the API and CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import BENGKAYANG, current_programme, make_programme

pytestmark = pytest.mark.django_db


def test_admin_previews_and_confirms_a_renewal(client, seeded):
    year = dt.date.today().year
    source = current_programme(fiscal_year=year - 1, start_month=f"{year - 1}-01")
    target = current_programme()
    member = make_enrolment(Status.ACTIVE, programme=source)
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    url = reverse("programmes:renewal", args=[source.pk])
    page = client.get(url, {"target": target.pk})
    assert page.status_code == 200 and page.context["preview"].carried_ids == [member.worker_id]
    assert client.post(url, {"target": target.pk}).status_code == 302
    assert Enrolment.objects.get(programme=target).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [
        (Role.VERIFIKATOR, "62.03", 403),
        (Role.ADMIN_PROGRAM, BENGKAYANG, 404),
    ],
)
def test_renewal_and_handover_pages_refuse_like_the_api(client, seeded, role, region, status):
    programme = make_programme()
    signed_in(client, role, region)
    assert client.get(reverse("programmes:renewal", args=[programme.pk])).status_code == status
    assert client.get(reverse("programmes:handover", args=[programme.pk])).status_code == status
    assert client.post(reverse("programmes:handover_confirm", args=[programme.pk])).status_code == status


def test_handover_page_confirms_and_offers_downloads(client, seeded):
    programme = make_programme(months=6)
    member = make_enrolment(Status.ACTIVE, programme=programme, today=dt.date(2026, 2, 1))
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    assert client.get(reverse("programmes:handover", args=[programme.pk])).status_code == 200
    client.post(reverse("programmes:handover_confirm", args=[programme.pk]))
    member.refresh_from_db()
    assert member.status == Status.ENDED
    xlsx = client.get(reverse("programmes:handover_xlsx", args=[programme.pk, member.village_id]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(reverse("programmes:handover_pdf", args=[programme.pk]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
