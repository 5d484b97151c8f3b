"""Working population (the UCJ denominator) and UCJ targets: services, seeded defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lindung.core.models import AuditEvent
from lindung.regions.models import CoverageTarget, WorkingPopulation
from lindung.regions.services import RegionStatisticRefused, coverage_target_set, working_population_set

pytestmark = pytest.mark.django_db


def test_targets_are_seeded_from_rpjmn_and_rkp_with_interpolated_years_marked():
    national = {t.year: t for t in CoverageTarget.objects.filter(region__isnull=True)}
    assert {y: national[y].percent for y in (2025, 2026, 2027, 2028, 2029)} == {
        2025: Decimal("32.15"),
        2026: Decimal("34.99"),
        2027: Decimal("37.97"),
        2028: Decimal("40.94"),
        2029: Decimal("43.92"),
    }
    assert national[2026].source == "RKP 2026"
    assert "Interpolasi" in national[2027].source and "Interpolasi" in national[2028].source
    assert national[2045].percent == Decimal("99.50")


def test_working_population_is_stored_with_its_source_and_audited():
    row = working_population_set(
        actor=None,
        region_code="61",
        year=2025,
        count=1_819_430,
        formal=800_904,
        informal=864_518,
        construction=154_008,
        source="BPS, Sakernas Agustus 2024",
    )
    assert WorkingPopulation.objects.get(region_id="61", year=2025).count == 1_819_430
    again = working_population_set(
        actor=None, region_code="61", year=2025, count=1_820_000, source="BPS revisi"
    )
    assert again.pk == row.pk and again.formal is None
    assert AuditEvent.objects.filter(action="working_population.set", region_code="61").count() == 2


def test_parts_that_do_not_add_up_are_refused():
    with pytest.raises(RegionStatisticRefused, match="tidak sama dengan jumlah"):
        working_population_set(
            actor=None,
            region_code="61",
            year=2025,
            count=100,
            formal=50,
            informal=40,
            construction=5,
            source="x",
        )


def test_source_and_region_are_required():
    with pytest.raises(RegionStatisticRefused, match="Sumber data wajib"):
        working_population_set(actor=None, region_code="61", year=2025, count=100, source=" ")
    with pytest.raises(RegionStatisticRefused, match="tidak ditemukan"):
        working_population_set(actor=None, region_code="99", year=2025, count=100, source="BPS")


def test_national_population_has_no_region():
    working_population_set(actor=None, region_code=None, year=2025, count=150_000_000, source="BPS")
    assert WorkingPopulation.objects.get(region__isnull=True, year=2025).count == 150_000_000


def test_targets_are_edited_per_year_and_region():
    coverage_target_set(actor=None, year=2026, percent="36,5", source="Perpres perubahan")
    assert CoverageTarget.objects.get(region__isnull=True, year=2026).percent == Decimal("36.50")
    coverage_target_set(actor=None, year=2026, percent=40, source="RPJMD Kalbar", region_code="61")
    assert CoverageTarget.objects.get(region_id="61", year=2026).percent == Decimal("40.00")
    with pytest.raises(RegionStatisticRefused, match="antara 0 dan 100"):
        coverage_target_set(actor=None, year=2026, percent="120", source="x")
