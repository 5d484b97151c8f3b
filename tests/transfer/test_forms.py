"""The upload forms offer the programmes their user may see, and nothing else."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Sponsor
from lindung.transfer.forms import ReplyUploadForm, UploadForm
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, KAPUAS, make_programme

pytestmark = pytest.mark.django_db


def programme_codes(form) -> set[str]:
    return {code for code, _label in form.fields["programme"].choices if code}


def test_a_sponsor_sees_only_its_own_programmes_in_the_upload_form():
    own, other = (Sponsor.objects.create(name=n, kind=Sponsor.Kind.CSR) for n in ("PT Sawit", "PT Karet"))
    mine = make_programme(funding_source="csr", sponsor=own.pk)
    make_programme(funding_source="csr", sponsor=other.pk)
    make_programme()
    sponsor = make_user("sponsor", KAPUAS, sponsor=own)
    assert programme_codes(UploadForm(user=sponsor)) == {mine.code}
    assert programme_codes(ReplyUploadForm(user=sponsor)) == {mine.code}


def test_the_upload_form_offers_active_programmes_above_and_below_the_region_only():
    province = make_programme(owner_region="62", coverage_region="62")
    regency = make_programme()
    village = make_programme(coverage_region=PULAU_MAMBULAU)
    make_programme(owner_region=BENGKAYANG, coverage_region=BENGKAYANG)
    closed = make_programme()
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    form = UploadForm(user=make_user("admin_program", KAPUAS))
    assert programme_codes(form) == {province.code, regency.code, village.code}


def test_a_village_operator_finds_their_village_filled_in():
    form = UploadForm(user=make_user("operator_desa", PULAU_MAMBULAU))
    assert form.fields["village"].initial == PULAU_MAMBULAU
    assert UploadForm(user=make_user("admin_program", KAPUAS)).fields["village"].initial is None
