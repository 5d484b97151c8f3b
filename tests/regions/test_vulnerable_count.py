"""A region's vulnerable-worker count: entered with its source and the regency's own goal (Kapuas: 90 %)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.monev.selectors.ucj import vulnerable_goals
from lindung.monev.services.ucj import vulnerable_count_enter
from lindung.regions.models import VulnerableWorkerCount
from lindung.regions.services import RegionStatisticRefused, vulnerable_count_set
from tests.accounts.builders import make_user

pytestmark = pytest.mark.django_db
KAPUAS = "62.03"


def test_kapuas_enters_its_count_and_its_90_percent_goal():
    admin = make_user(Role.ADMIN_PROGRAM, KAPUAS)
    row = vulnerable_count_enter(
        actor=admin,
        region_code=KAPUAS,
        year=2026,
        count=40_000,
        source_note="Pendataan 2026",
        goal_percent="90",
    )
    assert (row.count, row.goal_percent, row.source, row.recorded_by) == (
        40_000,
        Decimal("90.00"),
        VulnerableWorkerCount.Source.ENTERED,
        admin,
    )
    event = AuditEvent.objects.get(action=AuditAction.VULNERABLE_COUNT_SET)
    assert (event.region_code, event.object_id) == (KAPUAS, str(row.pk))
    goal = vulnerable_goals([KAPUAS], 2026, {KAPUAS: 1_000})[KAPUAS]
    assert (goal.goal_people, goal.goal_gap_people, str(goal.covered_percent)) == (36_000, 35_000, "2.50")


def test_entering_again_replaces_the_year():
    for count in (100, 120):
        vulnerable_count_set(actor=None, region_code=KAPUAS, year=2026, count=count, source_note="x")
    assert list(VulnerableWorkerCount.objects.values_list("count", flat=True)) == [120]


def test_the_registry_count_is_preferred_and_keeps_the_entered_goal():
    vulnerable_count_set(
        actor=None, region_code=KAPUAS, year=2026, count=100, source_note="x", goal_percent=90
    )
    vulnerable_count_set(
        actor=None, region_code=KAPUAS, year=2026, count=250, source_note="DTSEN", source="registry"
    )
    goal = vulnerable_goals([KAPUAS], 2026, {})[KAPUAS]
    assert (goal.count, goal.source, goal.goal_percent) == (250, "registry", Decimal("90.00"))


def test_the_latest_year_is_used():
    vulnerable_count_set(
        actor=None, region_code=KAPUAS, year=2025, count=100, source_note="x", source="registry"
    )
    vulnerable_count_set(actor=None, region_code=KAPUAS, year=2026, count=300, source_note="y")
    assert vulnerable_goals([KAPUAS], 2026, {})[KAPUAS].count == 300
    assert vulnerable_goals([KAPUAS], 2025, {})[KAPUAS].count == 100


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"count": 0}, "lebih dari 0"),
        ({"source_note": " "}, "Sumber data wajib"),
        ({"goal_percent": "120"}, "paling besar 100"),
        ({"goal_percent": "sembilan"}, "bukan angka persen"),
        ({"region_code": "99.99"}, "tidak ditemukan"),
        ({"year": 1990}, "Tahun 1990"),
    ],
)
def test_a_bad_count_is_refused_naming_the_field(changes, message):
    values = {"region_code": KAPUAS, "year": 2026, "count": 10, "source_note": "x"} | changes
    with pytest.raises(RegionStatisticRefused, match=message):
        vulnerable_count_set(actor=None, **values)
    assert not VulnerableWorkerCount.objects.exists()


def test_only_the_region_admin_may_enter_it():
    with pytest.raises(AccessRefused):
        vulnerable_count_enter(
            actor=make_user(Role.VERIFIKATOR, KAPUAS), region_code=KAPUAS, year=2026, count=1, source_note="x"
        )
    with pytest.raises(AccessRefused):
        vulnerable_count_enter(
            actor=make_user(Role.ADMIN_PROGRAM, KAPUAS),
            region_code="61.07",
            year=2026,
            count=1,
            source_note="x",
        )
    assert not VulnerableWorkerCount.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).count() == 2
