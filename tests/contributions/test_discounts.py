"""PP 50/2025 and PP 49/2020: months, sectors and funding sources, each boundary on both sides."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.contributions.calculator import contribution_quote

pytestmark = pytest.mark.django_db
D = dt.date


def total(month, *, funding="csr", category="nelayan", segment="BPU", income=1_000_000, **kw):
    return contribution_quote(
        segment=segment, month=month, income=income, funding_source=funding, category=category, **kw
    ).total


@pytest.mark.parametrize(
    ("month", "expected"),
    [(D(2026, 3, 1), 16_800), (D(2026, 4, 1), 8_400), (D(2026, 12, 1), 8_400), (D(2027, 1, 1), 16_800)],
)
def test_pp_50_2025_non_transport_months_april_to_december_2026(month, expected):
    assert total(month) == expected


@pytest.mark.parametrize(
    ("month", "expected"),
    [(D(2025, 12, 1), 16_800), (D(2026, 1, 1), 8_400), (D(2027, 3, 1), 8_400), (D(2027, 4, 1), 16_800)],
)
def test_pp_50_2025_transport_months_january_2026_to_march_2027(month, expected):
    assert total(month, category="transportasi") == expected


@pytest.mark.parametrize("funding", ["apbn", "apbd_provinsi", "apbd_kabupaten", "dbh_sawit", "dbh_dr"])
@pytest.mark.parametrize("category", ["nelayan", "transportasi"])
def test_pp_50_2025_does_not_reach_contributions_paid_through_apbn_or_apbd(funding, category):
    assert total(D(2026, 6, 1), funding=funding, category=category) == 16_800


@pytest.mark.parametrize("funding", ["apbdes", "csr", "asn", "donor"])
def test_pp_50_2025_reaches_apbdes_csr_asn_and_donors_by_the_plain_reading(funding):
    q = contribution_quote(segment="BPU", month=D(2026, 6, 1), income=1_000_000, funding_source=funding)
    assert (q.jkk, q.jkm, q.discount, q.total) == (10_000, 6_800, 8_400, 8_400)
    assert q.discount_name.startswith("PP 50/2025") and q.discount_basis == "PP 50/2025 Pasal 3-7"
    assert "PP 50/2025 Pasal 3-7" in q.legal_basis


def test_pp_50_2025_discounts_jkk_and_jkm_only_never_jht():
    q = contribution_quote(
        segment="BPU", month=D(2026, 6, 1), income=1_000_000, funding_source="csr", include_jht=True
    )
    assert (q.jht, q.discount, q.total) == (20_000, 8_400, 28_400)


def test_pp_50_2025_is_for_bpu_only():
    assert total(D(2026, 6, 1), segment="PU", income=2_000_000, funding="apbdes") == 10_800


def test_pp_50_2025_halves_the_highest_bracket_too():
    assert total(D(2026, 6, 1), income=20_700_000) == 103_500 + 3_400


@pytest.mark.parametrize(
    ("month", "expected"),
    [(D(2020, 7, 1), 16_800), (D(2020, 8, 1), 168), (D(2021, 1, 1), 168), (D(2021, 2, 1), 16_800)],
)
def test_pp_49_2020_99_percent_august_2020_to_january_2021(month, expected):
    assert total(month, funding="apbd_kabupaten") == expected


def test_pp_49_2020_leaves_jkm_at_rp_68():
    q = contribution_quote(segment="BPU", month=D(2020, 9, 1), income=1_000_000, funding_source="csr")
    assert [(line.component, line.net) for line in q.lines] == [("JKK", 100), ("JKM", 68)]
