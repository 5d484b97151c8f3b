"""The month's programmes as a build needs them."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.monev.rollup import programme_windows, programmes_in_period

from ..builders import BENGKAYANG_DESA, MAMBULAU, PERIOD, make_dataset

pytestmark = pytest.mark.django_db


def test_a_partial_build_only_takes_the_programmes_over_its_subtrees(db):
    data = make_dataset()
    assert set(programmes_in_period(PERIOD)) == {data.kapuas.pk, data.bengkayang.pk}
    windows = programme_windows(PERIOD, as_of=dt.date(2026, 3, 31), scope=[BENGKAYANG_DESA])
    assert [w.id for w in windows] == [data.bengkayang.pk]
    both = programme_windows(PERIOD, as_of=dt.date(2026, 3, 31), scope=[MAMBULAU, BENGKAYANG_DESA])
    assert {w.id for w in both} == {data.kapuas.pk, data.bengkayang.pk}


def test_a_window_knows_its_arrears_limit_and_whether_payments_are_recorded(db):
    data = make_dataset()
    windows = {w.id: w for w in programme_windows(PERIOD, as_of=dt.date(2026, 3, 31))}
    kapuas, bengkayang = windows[data.kapuas.pk], windows[data.bengkayang.pk]
    assert (kapuas.risk_on, bengkayang.risk_on) == (True, False)  # Bengkayang records no payments here
    assert kapuas.lapse_after == 3 and kapuas.last_due is not None
    assert kapuas.costs[("nelayan", 0)] == 16_800 * 12
