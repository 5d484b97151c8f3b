"""The arithmetic of the figures' values: UCJ, its gap, percentages."""

from __future__ import annotations

from decimal import Decimal

from lindung.monev.selectors.types import Ucj, percent


def test_ucj_is_active_over_working_population_and_gap_is_rounded_up_to_a_person():
    ucj = Ucj(active=575_504, working_population=1_819_430, target_percent=Decimal("34.99"))
    assert ucj.percent == Decimal("31.63")  # the Kalbar figure of July 2025 (DOMAIN.md §5)
    assert ucj.target_people == 636_619  # 1.819.430 × 34,99 % = 636.618,5… → 636.619
    assert ucj.gap_people == 636_619 - 575_504


def test_gap_is_zero_once_the_target_is_reached():
    assert Ucj(active=500, working_population=1000, target_percent=Decimal("34.99")).gap_people == 0


def test_without_working_population_there_is_no_ucj():
    ucj = Ucj(active=10, target_percent=Decimal("34.99"))
    assert (ucj.percent, ucj.target_people, ucj.gap_people) == (None, None, None)


def test_percent_rounds_half_up_to_two_decimals():
    assert percent(1, 8) == Decimal("12.50")
    assert percent(2, 3) == Decimal("66.67")
    assert percent(1, 0) is None
