"""Contribution rules change by adding rows through ``rule_row_add``: the later row takes over from its month."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.contributions.models import PaymentRule
from lindung.contributions.selectors import RuleBook
from lindung.contributions.services import RuleRowRefused, rule_row_add
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW_RULE = dt.date(2027, 1, 1)


def add_payment_rule(**fields) -> PaymentRule:
    values = {
        "segment": "BPU",
        "due_day": 15,
        "due_month_offset": 0,
        "lapse_after_unpaid_months": 2,
        "valid_from": NEW_RULE,
        "legal_basis": "Peraturan contoh 3/2026 (non-aktif setelah menunggak lebih dari 2 bulan)",
    }
    return rule_row_add(actor=None, row=PaymentRule(**(values | fields)))


def test_the_lapse_limit_is_always_stated_by_the_row_never_defaulted_in_code():
    assert not PaymentRule._meta.get_field("lapse_after_unpaid_months").has_default()
    assert {r.lapse_after_unpaid_months for r in PaymentRule.objects.all()} == {3}  # PP 44/2015 Art 39(2)


def test_a_later_payment_rule_takes_over_from_its_month_not_before():
    add_payment_rule()
    rules = RuleBook.load()
    assert rules.payment_rule("BPU", dt.date(2026, 12, 1)).lapse_after_unpaid_months == 3
    assert rules.payment_rule("BPU", NEW_RULE).lapse_after_unpaid_months == 2
    assert rules.payment_rule("PU", NEW_RULE).lapse_after_unpaid_months == 3


def test_adding_a_rule_row_writes_a_rule_add_event():
    row = add_payment_rule()
    event = AuditEvent.objects.get(action=AuditAction.RULE_ADD)
    assert (event.object_type, event.object_id) == ("contributions.paymentrule", str(row.pk))
    assert event.detail["rule"] == {"segment": "BPU"}


def test_a_rule_row_needs_its_basis_and_its_limit():
    with pytest.raises(RuleRowRefused) as exc:
        add_payment_rule(legal_basis="", lapse_after_unpaid_months=None)
    assert {"legal_basis", "lapse_after_unpaid_months"} <= set(exc.value.errors)


def test_history_is_not_rewritten_by_a_row_starting_inside_it():
    add_payment_rule()
    with pytest.raises(RuleRowRefused) as exc:
        add_payment_rule(valid_from=dt.date(2026, 6, 1))
    assert "01-01-2027" in exc.value.errors["valid_from"]
