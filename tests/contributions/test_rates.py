"""Every seeded rate row, read through the one calculator."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.contributions.calculator import ContributionError, contribution_quote
from lindung.contributions.models import ContributionRate, Discount, IncomeBracket, PaymentRule
from lindung.contributions.selectors import RuleMissing

pytestmark = pytest.mark.django_db
MAY_2025 = dt.date(2025, 5, 1)  # no discount in force


def quote(**kw):
    params = {"segment": "BPU", "month": MAY_2025, "income": 1_000_000, "funding_source": "apbd_kabupaten"}
    return contribution_quote(**(params | kw))


def test_every_seeded_rule_row_names_its_legal_basis_and_start():
    for model in (ContributionRate, IncomeBracket, Discount, PaymentRule):
        rows = list(model.objects.all())
        assert rows, model
        assert all(r.legal_basis and r.valid_from for r in rows)


def test_bpu_minimum_package_is_jkk_10000_plus_jkm_6800():
    q = quote()
    assert (q.jkk, q.jkm, q.jht, q.jp, q.discount, q.total) == (10_000, 6_800, 0, 0, 0, 16_800)
    assert q.programme_share == 16_800 and q.worker_share == 0
    assert "PP 44/2015 Pasal 20 ayat (2), Lampiran II" in q.legal_basis
    assert "PP 44/2015 Pasal 20 ayat (3)" in q.legal_basis


def test_bpu_highest_bracket_jkk_is_207000():
    q = quote(income=20_700_000)
    assert (q.jkk, q.jkm, q.total) == (207_000, 6_800, 213_800)


def test_bpu_jht_is_two_percent_of_declared_income_and_optional():
    q = quote(include_jht=True)
    assert (q.jht, q.total) == (20_000, 36_800)
    assert quote(income=20_700_000, include_jht=True).jht == 414_000


def test_an_unloaded_bracket_is_refused_with_instructions():
    with pytest.raises(RuleMissing, match=r"Rp 1\.500\.000 tidak ada dalam tabel golongan.*load-brackets"):
        quote(income=1_500_000)


def test_before_pp_44_2015_there_is_no_rate():
    with pytest.raises(RuleMissing, match="Juni 2015"):
        quote(month=dt.date(2015, 6, 1))


def test_pu_village_officials_pay_jkk_024_and_jkm_030_of_fixed_income():
    q = quote(segment="PU", income=2_000_000, funding_source="apbdes")
    assert (q.jkk, q.jkm, q.total) == (4_800, 6_000, 10_800)
    assert q.programme_share == 10_800 and q.worker_share == 0


def test_pu_jht_57_splits_37_employer_and_2_worker():
    q = quote(segment="PU", income=2_000_000, funding_source="apbdes", include_jht=True)
    [jht] = [line for line in q.lines if line.component == "JHT"]
    assert (jht.gross, jht.employer, jht.worker) == (114_000, 74_000, 40_000)
    assert q.programme_share == 10_800 + 74_000 and q.worker_share == 40_000


def test_pu_jp_3_splits_2_employer_and_1_worker():
    q = quote(segment="PU", income=2_000_000, funding_source="apbdes", include_jp=True)
    [jp] = [line for line in q.lines if line.component == "JP"]
    assert (jp.gross, jp.employer, jp.worker, q.jp) == (60_000, 40_000, 20_000, 60_000)


def test_jp_is_refused_for_bpu():
    with pytest.raises(ContributionError, match="JP"):
        quote(include_jp=True)


def test_percentages_round_half_up_to_whole_rupiah():
    # 0,24 % × Rp 2.312.500 = Rp 5.550; 0,30 % × Rp 2.312.500 = Rp 6.937,5 → Rp 6.938 (half up).
    q = quote(segment="PU", income=2_312_500, funding_source="apbdes")
    assert (q.jkk, q.jkm, q.total) == (5_550, 6_938, 12_488)
    # 0,24 % × Rp 1.002.083 = Rp 2.404,9992 → Rp 2.405.
    assert quote(segment="PU", income=1_002_083, funding_source="apbdes").jkk == 2_405


def test_a_missing_income_is_explained():
    with pytest.raises(ContributionError, match="siltap"):
        quote(segment="PU", income=0, funding_source="apbdes")
