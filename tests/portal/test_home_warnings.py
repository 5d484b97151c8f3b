"""The operator's and the programme admin's home pages warn at 2 and 3 unpaid months, linking the list."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.billing.selectors import arrears_list
from lindung.enrolment.models import Status
from tests.accounts.builders import signed_in
from tests.billing.test_lifecycle_api import member_with_unpaid

pytestmark = pytest.mark.django_db
TWO = "Peserta menunggak 2 bulan"
THREE = "Peserta menunggak 3 bulan: non-aktif bila bulan ini tidak dibayar"


def home_tasks(client) -> dict[str, tuple[int, str]]:
    response = client.get("/")
    assert response.status_code == 200
    return {str(t["label"]): (t["count"], t["url"]) for t in response.context["tasks"]}


def test_operator_and_admin_are_warned_with_the_numbers_of_the_arrears_list(client):
    two = member_with_unpaid(Status.ACTIVE, 2)
    member_with_unpaid(Status.ACTIVE, 3)
    member_with_unpaid(Status.ACTIVE, 3)
    member_with_unpaid(Status.ACTIVE, 0)
    for role, region in ((Role.OPERATOR_DESA, "62.03.17.2002"), (Role.ADMIN_PROGRAM, "62.03")):
        user = signed_in(client, role, region)
        tasks = home_tasks(client)
        assert tasks[TWO] == (1, "/iuran/tunggakan/") and tasks[THREE] == (2, "/iuran/tunggakan/")
        rows = arrears_list(actor=user, as_of=timezone.localdate(), audit=False).rows
        assert sorted(r.streak for r in rows) == [2, 3, 3]
    assert two.status == Status.ACTIVE


def test_no_warning_elsewhere_nor_for_other_roles(client):
    member_with_unpaid(Status.ACTIVE, 3)
    signed_in(client, Role.ADMIN_PROGRAM, "61.07")
    assert THREE not in home_tasks(client)
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert THREE not in home_tasks(client)
