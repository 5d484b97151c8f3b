"""Reads shared by the pages and the API: what is ready to go to the insurer, in the user's region."""

from __future__ import annotations

import pytest

from lindung.enrolment.models import Status
from lindung.transfer.selectors import programmes_ready_to_send
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.programmes.builders import make_programme

from .builders import OTHER_VILLAGE

pytestmark = pytest.mark.django_db


def test_ready_to_send_counts_the_verified_in_the_users_region_per_programme():
    busy, quiet = make_programme(), make_programme()
    make_enrolment(Status.VERIFIED, programme=busy)
    make_enrolment(Status.VERIFIED, programme=busy, worker=new_worker(village_code=OTHER_VILLAGE))
    make_enrolment(Status.PROPOSED, programme=quiet)
    regency = dict(programmes_ready_to_send(make_user("petugas_bpjs", "62.03")))
    assert (regency[busy], regency[quiet]) == (2, 0)
    village = dict(programmes_ready_to_send(make_user("admin_program", OTHER_VILLAGE)))
    assert (village[busy], village[quiet]) == (1, 0)
