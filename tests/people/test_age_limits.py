"""The registry's age limits are rows (``people.AgeLimit``): seeded as 18–65, replaced by a later row from its date."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.contributions.services import RuleRowRefused, rule_row_add
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.people.checks import WorkerInput, check_worker, registry_age_limit
from lindung.people.models import AgeLimit
from tests.accounts.builders import make_user

from .builders import PULAU_MAMBULAU, make_nik

pytestmark = pytest.mark.django_db
NEW_RULE = dt.date(2027, 1, 1)
BIRTH = dt.date(1965, 6, 1)  # 61 years old at the end of 2026 and at the start of 2027


def check_on(day: dt.date, birth: dt.date = BIRTH):
    data = WorkerInput(
        nik=make_nik(birth=birth),
        full_name="Budi",
        village_code=PULAU_MAMBULAU,
        occupations=["Nelayan"],
        category="nelayan",
    )
    return check_worker(data, today=day)


def add_limit(actor=None, **fields) -> AgeLimit:
    values = {
        "valid_from": NEW_RULE,
        "age_min": 18,
        "age_max": 60,
        "legal_basis": "Perbup contoh 1/2026 (batas umur 18–60 tahun)",
    }
    return rule_row_add(actor=actor, row=AgeLimit(**(values | fields)))


def test_the_seeded_row_is_todays_registry_default_with_its_honest_basis():
    row = registry_age_limit(dt.date(2026, 11, 22))
    assert (row.age_min, row.age_max) == (18, 65)
    assert row.legal_basis.startswith("Batas umur bawaan Lindung 18–65 tahun")
    assert "belum ada ketentuan nasional" in row.legal_basis


def test_the_age_finding_cites_the_basis_of_the_row_in_force():
    found = check_on(dt.date(2026, 11, 22), birth=dt.date(1950, 1, 1)).findings
    assert [f.code for f in found] == ["age_above_max"]
    assert found[0].basis == registry_age_limit(dt.date(2026, 11, 22)).legal_basis


def test_a_later_row_applies_to_checks_from_its_date_not_before():
    add_limit()
    assert [f.code for f in check_on(NEW_RULE - dt.timedelta(days=1)).findings] == []
    found = check_on(NEW_RULE).findings
    assert [f.code for f in found] == ["age_above_max"]
    assert "batas maksimal 60 tahun" in found[0].message
    assert found[0].basis == "Perbup contoh 1/2026 (batas umur 18–60 tahun)"


def test_limits_given_by_the_caller_still_win_over_the_row():
    add_limit()
    data = WorkerInput(
        nik=make_nik(birth=BIRTH), full_name="B", village_code=PULAU_MAMBULAU, occupations=["x"]
    )
    checked = check_worker(data, today=NEW_RULE, age_max=64)
    assert not any(f.code.startswith("age_") for f in checked.findings)


def test_an_open_ended_limit_checks_nothing_on_that_side():
    add_limit(age_max=None)
    assert [f.code for f in check_on(NEW_RULE, birth=dt.date(1945, 1, 1)).findings] == []


def test_adding_a_row_goes_through_the_service_with_an_audit_event():
    row = add_limit()
    event = AuditEvent.objects.get(action=AuditAction.RULE_ADD, object_id=str(row.pk))
    assert event.object_type == "people.agelimit"
    assert event.detail["valid_from"] == "2027-01-01"
    assert event.detail["legal_basis"] == row.legal_basis


def test_a_row_may_not_start_before_the_latest_one():
    add_limit()
    with pytest.raises(RuleRowRefused) as exc:
        add_limit(valid_from=dt.date(2026, 6, 1))
    assert "setelah baris terakhir" in exc.value.errors["valid_from"]
    assert AgeLimit.objects.count() == 2


def test_a_minimum_above_the_maximum_is_refused_and_nothing_is_written():
    with pytest.raises(RuleRowRefused):
        add_limit(age_min=70, age_max=60)
    assert not AgeLimit.objects.filter(valid_from=NEW_RULE).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RULE_ADD).exists()


def test_a_regional_account_may_not_add_a_national_rule():
    admin = make_user(Role.ADMIN_PROGRAM, "62.03")
    with pytest.raises(AccessRefused):
        add_limit(actor=admin)
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, object_type="people.agelimit").exists()
    assert not AgeLimit.objects.filter(valid_from=NEW_RULE).exists()
