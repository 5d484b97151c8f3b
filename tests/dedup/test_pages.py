"""The review queue page: shows the pair, merges, marks distinct, refuses double funding with its reason."""

import pytest

from lindung.accounts.models import Role
from lindung.dedup.models import DuplicatePair, PairStatus
from lindung.enrolment.models import Status
from lindung.people.models import Worker
from tests.accounts.builders import signed_in
from tests.dedup.builders import make_pair
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def test_the_queue_shows_both_people(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    page = client.get("/duplikat/").content.decode()
    assert pair.worker_a.full_name in page and pair.worker_b.full_name in page


def test_merge_from_the_page(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(f"/duplikat/{pair.pk}/gabung/", {"keep": pair.worker_b_id})
    assert response.status_code == 302
    assert not Worker.objects.filter(pk=pair.worker_a_id).exists()


def test_double_funding_is_shown_with_its_reason(client, seeded):
    pair = make_pair()
    make_enrolment(Status.VERIFIED, worker=pair.worker_a, programme=make_programme(name="Program A"))
    make_enrolment(Status.VERIFIED, worker=pair.worker_b, programme=make_programme(name="Program B"))
    signed_in(client, Role.VERIFIKATOR, "62.03")
    response = client.post(f"/duplikat/{pair.pk}/gabung/", {"keep": pair.worker_a_id}, follow=True)
    assert "Pendanaan ganda" in response.content.decode()
    assert Worker.objects.filter(pk=pair.worker_b_id).exists()


def test_distinct_from_the_page(client, seeded):
    pair = make_pair()
    signed_in(client, Role.VERIFIKATOR, "62.03")
    client.post(f"/duplikat/{pair.pk}/berbeda/")
    assert DuplicatePair.objects.get().status == PairStatus.DISTINCT
