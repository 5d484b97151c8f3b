"""``lindung renewal``: the same services and refusals as the pages and the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import BENGKAYANG, current_programme, make_programme

pytestmark = pytest.mark.django_db


def _pair():
    year = dt.date.today().year
    source = current_programme(fiscal_year=year - 1, start_month=f"{year - 1}-01")
    return source, current_programme()


def test_preview_and_confirm(seeded):
    source, target = _pair()
    make_enrolment(Status.ACTIVE, programme=source)
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin")
    out = io.StringIO()
    call_command(
        "renewal", "preview", "--from", source.code, "--to", target.code, "--user", "admin", stdout=out
    )
    assert "dilanjutkan 1" in out.getvalue()
    assert not Enrolment.objects.filter(programme=target).exists()
    call_command(
        "renewal", "confirm", "--from", source.code, "--to", target.code, "--user", "admin", stdout=out
    )
    assert Enrolment.objects.filter(programme=target).count() == 1


def test_foreign_admin_is_refused(seeded):
    source, target = _pair()
    make_user(Role.ADMIN_PROGRAM, BENGKAYANG, username="asing")
    with pytest.raises(CommandError, match="wilayah"):
        call_command("renewal", "confirm", "--from", source.code, "--to", target.code, "--user", "asing")
    with pytest.raises(CommandError, match="wilayah"):
        call_command("renewal", "handover", "--programme", source.code, "--user", "asing")


def test_handover_confirm(seeded):
    programme = make_programme(months=6)
    member = make_enrolment(Status.ACTIVE, programme=programme, today=dt.date(2026, 2, 1))
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin")
    out = io.StringIO()
    call_command(
        "renewal", "handover", "--programme", programme.code, "--confirm", "--user", "admin", stdout=out
    )
    member.refresh_from_db()
    assert member.status == Status.ENDED and "Diakhiri 1" in out.getvalue()
