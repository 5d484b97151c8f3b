"""A programme's ceiling attributed to the regions it covers."""

from __future__ import annotations

import pytest

from lindung.monev.selectors import monev_figures

from ..builders import KAPUAS, MAMBULAU, PERIOD

pytestmark = pytest.mark.django_db


def test_kabupaten_ceiling_is_shared_by_quota_below_it(dataset):
    kapuas = monev_figures(KAPUAS, PERIOD)
    desa = monev_figures(MAMBULAU, PERIOD)
    assert kapuas.budget.ceiling == 100_000_000
    assert desa.budget.ceiling == round(100_000_000 * 10 / kapuas.counts.quota)
    assert kapuas.budget.committed == (7 + 2) * 16_800 * 12
    assert kapuas.budget.realised == (6 + 6) * 16_800


def test_each_child_region_gets_its_share_of_the_ceiling(dataset):
    kapuas = monev_figures(KAPUAS, PERIOD)
    # Every kecamatan of Kapuas holds a part of the one programme's ceiling, in proportion to its quota.
    assert sum(child.ceiling for child in kapuas.children) == pytest.approx(
        100_000_000, abs=len(kapuas.children)
    )
    assert all(child.ceiling > 0 for child in kapuas.children if child.counts.quota)
