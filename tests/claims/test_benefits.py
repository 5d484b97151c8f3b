"""Each benefit rule and deadline, with its worked example in rupiah, from the seeded rule rows."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.claims import benefits as b
from lindung.claims.models import BenefitRule
from lindung.claims.selectors import claim_rules

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def rules():
    return claim_rules(D(2026, 5, 19))


def test_jkm_is_rp_42_juta_lump_sum_20_periodic_12_funeral_10(rules):
    lines = b.jkm_benefits(rules)
    assert [line.amount for line in lines] == [20_000_000, 12_000_000, 10_000_000]
    assert b.total(lines) == 42_000_000
    assert all(line.basis.startswith("PP 82/2019") for line in lines)


def test_jkk_death_is_48_times_income_plus_funeral_and_periodic(rules):
    lines = b.jkk_death_benefits(rules, 1_000_000)
    assert lines[0].amount == 48_000_000
    assert lines[0].text == "48 × Rp 1.000.000 = Rp 48.000.000"
    assert b.total(lines) == 48_000_000 + 10_000_000 + 12_000_000  # Rp 70 juta


def test_jkk_death_has_the_jkm_amount_as_its_floor(rules):
    # 48 × Rp 500.000 = Rp 24 juta, below the JKM Rp 42 juta: the floor applies.
    lines = b.jkk_death_benefits(rules, 500_000)
    assert lines[0].amount == 42_000_000
    assert "paling sedikit sebesar JKM Rp 42.000.000" in lines[0].text
    assert b.total(lines) == 64_000_000


def test_scholarship_is_rp_87_juta_per_child_and_rp_174_juta_for_two_at_most(rules):
    # TK 1,5 × 2 + SD 1,5 × 6 + SMP 2 × 3 + SMA 3 × 3 + S1 12 × 5 = 3 + 9 + 6 + 9 + 60 = Rp 87 juta.
    assert b.scholarship_per_child(rules, "tk") == 87_000_000
    # A child already in SMP can still receive SMP, SMA and S1: 6 + 9 + 60 = Rp 75 juta.
    assert b.scholarship_per_child(rules, "smp") == 75_000_000
    three = b.scholarship_benefits(rules, ["tk", "tk", "sd"])
    assert len(three) == 2 and b.total(three) == 174_000_000


def test_stmb_is_100_percent_for_12_months_then_50_percent(rules):
    assert b.stmb_amount(rules, 1_000_000, 3) == 3_000_000
    # 12 × Rp 1.000.000 + 2 × Rp 500.000 = Rp 13.000.000.
    assert b.stmb_amount(rules, 1_000_000, 14) == 13_000_000


def test_jkk_medical_care_is_as_needed_not_an_amount(rules):
    [medical, stmb] = b.claim_benefits(
        rules, kind="work_accident", work_related=False, income=1_000_000, scholarship=False, child_levels=[]
    )
    assert medical.amount is None and medical.text == "sesuai kebutuhan medis"
    assert stmb.amount is None and "100 % × Rp 1.000.000" in stmb.text


def test_the_jkk_claim_lapses_five_years_after_the_event(rules):
    assert b.jkk_lapse_date(rules, D(2026, 5, 19)) == D(2031, 5, 19)
    assert b.jkk_lapse_date(rules, D(2028, 2, 29)) == D(2033, 2, 28)


def test_jkm_is_paid_within_three_working_days_of_complete_documents(rules):
    # Friday 29 May 2026: Saturday, Sunday and 1 June (Hari Lahir Pancasila) are not working days.
    assert b.jkm_pay_by(rules, D(2026, 5, 29)) == D(2026, 6, 4)


def test_the_accident_report_is_due_two_times_24_hours_after(rules):
    assert b.accident_report_due(rules, D(2026, 5, 19)) == D(2026, 5, 21)


def test_a_later_rule_row_replaces_the_amount_from_its_date():
    BenefitRule.objects.create(
        code="jkm_lump_sum", amount=25_000_000, valid_from=D(2027, 1, 1), legal_basis="PP uji 1/2027"
    )
    assert b.total(b.jkm_benefits(claim_rules(D(2026, 12, 31)))) == 42_000_000
    assert b.total(b.jkm_benefits(claim_rules(D(2027, 1, 1)))) == 47_000_000


def test_total_permanent_disability_is_56_times_income(rules):
    line = b.total_disability_line(rules, 1_000_000)
    assert line.amount == 56_000_000 and line.basis.startswith("PP 82/2019")
