"""End warnings (60 and 30 days, from the rule row), and what a sponsor account sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.sponsorship.models import SponsorshipNoticeRule
from lindung.sponsorship.selectors import ending_warnings, sponsor_people, sponsors_visible_to
from lindung.sponsorship.services import sponsorship_assign
from tests.accounts.builders import make_user

from .builders import BENGKAYANG, bengkayang_worker, kapuas_worker, make_company, make_sponsor

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _assign(sponsor, workers, *, ends_in: int):
    sponsorship_assign(
        actor=None,
        sponsor=sponsor,
        niks=[w.nik for w in workers],
        start_date=TODAY - dt.timedelta(days=120),
        end_date=TODAY + dt.timedelta(days=ends_in),
    )


def test_warnings_list_the_people_losing_their_sponsor_at_60_and_30_days():
    asn = make_sponsor()
    company = make_company()
    _assign(asn, [kapuas_worker("Ani"), kapuas_worker("Budi")], ends_in=45)
    _assign(company, [kapuas_worker("Citra")], ends_in=20)
    _assign(company, [kapuas_worker("Dodi")], ends_in=61)
    warnings = ending_warnings(make_user(Role.ADMIN_PROGRAM, "62.03"))
    assert [(g.sponsor.name, g.days_left, g.urgent) for g in warnings.groups] == [
        ("PT Sawit Kapuas Lestari", 20, True),
        ("Rina Wati, S.Sos", 45, False),
    ]
    assert [p["name"] for p in warnings.groups[1].people] == ["Ani", "Budi"]
    assert (warnings.first_days, warnings.second_days) == (60, 30)


def test_the_warning_horizon_is_the_rule_row_in_force():
    SponsorshipNoticeRule.objects.create(
        valid_from=TODAY - dt.timedelta(days=1),
        first_warning_days=90,
        second_warning_days=30,
        legal_basis="Perbup contoh: pemberitahuan tiga bulan",
    )
    _assign(make_sponsor(), [kapuas_worker()], ends_in=80)
    warnings = ending_warnings(None)
    assert len(warnings.groups) == 1 and warnings.basis.startswith("Perbup contoh")


def test_a_sponsor_account_sees_only_its_own_people_with_nik_masked():
    mine, other = make_company(), make_sponsor()
    own = [kapuas_worker("Ani"), kapuas_worker("Budi"), kapuas_worker("Citra")]
    _assign(mine, own, ends_in=100)
    _assign(other, [kapuas_worker("Dodi")], ends_in=100)
    account = make_user(Role.SPONSOR, "62.03", sponsor=mine)
    assert list(sponsors_visible_to(account)) == [mine]
    people = sponsor_people(account, mine)
    assert [p["name"] for p in people] == ["Ani", "Budi", "Citra"]
    assert all("*" in p["nik"] for p in people)
    assert sponsor_people(account, other) == []


def test_a_regency_sees_its_sponsors_and_not_its_neighbours():
    kapuas = make_sponsor()
    bengkayang = make_sponsor(region=BENGKAYANG, name="Yohanes")
    _assign(bengkayang, [bengkayang_worker()], ends_in=100)
    assert list(sponsors_visible_to(make_user(Role.AUDITOR, "62.03"))) == [kapuas]
    assert set(sponsors_visible_to(make_user(Role.SUPERADMIN, None))) == {kapuas, bengkayang}
