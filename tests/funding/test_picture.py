"""A regency's funding picture: every programme and source together, by month, overlaps removed."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from lindung.funding.selectors import PictureRefused, funding_picture
from tests.accounts.builders import make_user, signed_in
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme
from tests.programmes.umbrella_builders import budget_every_village, make_umbrella

pytestmark = pytest.mark.django_db


def kapuas_2026():
    """Kapuas's published figures: 21,400 from APBDes (214 villages × 100), 10,000 APBD, 500 DBH sawit."""
    umbrella = make_umbrella(code="kps-apbdes")
    budget_every_village(umbrella)
    apbd = make_programme(code="kps-apbd", quota_per_village=None, total_quota=10_000)
    sawit = make_programme(
        code="kps-sawit",
        funding_source="dbh_sawit",
        quota_per_village=None,
        total_quota=500,
        eligible_categories=["petani_sawit"],
    )
    return umbrella, apbd, sawit


def test_kapuas_reproduces_31900():
    kapuas_2026()
    picture = funding_picture(actor=None, region_code="62.03", year=2026)
    assert {line.programme.code: line.planned for line in picture.programmes} == {
        "kps-apbdes": 21_400,
        "kps-apbd": 10_000,
        "kps-sawit": 500,
    }
    assert picture.planned == 31_900
    assert all(m.planned == 31_900 for m in picture.months)
    apbd = next(line for line in picture.programmes if line.programme.code == "kps-apbd")
    assert apbd.committed == 2_016_000_000


def test_a_person_held_by_two_programmes_is_counted_once_a_month():
    first = make_programme(code="kps-a", quota_per_village=None, total_quota=10)
    second = make_programme(code="kps-b", quota_per_village=None, total_quota=10)
    held = make_enrolment(Status.ACTIVE, programme=first)
    make_enrolment(Status.ACTIVE, programme=second)
    # Enrolment refuses a second programme for the same months today; records from before that guard (or a
    # province's and a regency's list of the same person) still hold one person twice.
    Enrolment.objects.create(
        worker=held.worker,
        programme=second,
        village=held.village,
        status=Status.ACTIVE,
        start_date=held.start_date,
    )
    picture = funding_picture(actor=None, region_code="62.03", year=2026)
    december = picture.months[-1]
    assert (december.enrolled_sum, december.enrolled, december.overlap) == (3, 2, 1)
    assert picture.paid > 0


def test_a_province_programme_counts_what_it_distributed_to_the_regency():
    make_programme(code="kalbar", owner_region="61", coverage_region="61", quota_per_village=None, total_quota=26_373,
                   funding_source="apbd_provinsi", months=6)  # fmt: skip
    picture = funding_picture(actor=None, region_code="61.07", year=2026)
    line = picture.programmes[0]
    assert line.planned == 0 and "belum dibagi" in line.note


def test_an_actor_outside_the_regency_is_refused():
    with pytest.raises(AccessRefused):
        funding_picture(actor=make_user(Role.ADMIN_PROGRAM, "61.07"), region_code="62.03", year=2026)


def test_only_a_regency_has_a_picture():
    with pytest.raises(PictureRefused):
        funding_picture(actor=None, region_code="62", year=2026)


def test_the_cli_prints_the_31900():
    kapuas_2026()
    out = StringIO()
    call_command("funding", "picture", "--region", "62.03", "--year", "2026", stdout=out)
    assert "Jumlah direncanakan: 31.900 orang" in out.getvalue()
    out = StringIO()
    call_command("funding", "picture", "--region", "62.03", "--year", "2026", "--json", stdout=out)
    assert json.loads(out.getvalue())["planned"] == 31_900


def test_the_page_shows_the_31900(client):
    kapuas_2026()
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    response = client.get("/pendanaan/?wilayah=62.03&tahun=2026")
    assert response.status_code == 200
    assert "31.900" in response.content.decode()


def test_the_page_answers_404_outside_the_account_region(client):
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert client.get("/pendanaan/?wilayah=62.03&tahun=2026").status_code == 404


def test_months_outside_a_programme_commit_nothing():
    make_programme(code="kps-half", quota_per_village=None, total_quota=100, start_month="2026-07", months=6)
    picture = funding_picture(actor=None, region_code="62.03", year=2026)
    assert [m.planned for m in picture.months] == [0] * 6 + [100] * 6
    assert picture.months[0].month == dt.date(2026, 1, 1)
