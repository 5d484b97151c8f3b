"""Renewal into the next budget year: who is carried over, who is dropped and why, and confirming it."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.contributions.calculator import programme_person_cost
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.enrolment.services import (
    RenewalRefused,
    enrolment_propose,
    renewal_confirm,
    renewal_preview,
)
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)
OTHER_VILLAGE = "62.03.17.2003"


def _source(**overrides):
    return make_programme(**overrides)


def _target(**overrides):
    overrides.setdefault("fiscal_year", 2027)
    overrides.setdefault("start_month", "2027-01")
    return make_programme(**overrides)


def _members(source, n, **worker):
    return [make_enrolment(Status.ACTIVE, programme=source, worker=new_worker(**worker)) for _ in range(n)]


def _reasons(preview) -> dict[int, list[str]]:
    return {d.worker_id: [f.code for f in d.findings] for v in preview.villages for d in v.dropped}


def test_active_members_are_carried_over_and_others_are_not(seeded):
    source, target = _source(), _target()
    active = _members(source, 2)
    make_enrolment(Status.SUBMITTED, programme=source)
    make_enrolment(Status.NON_ACTIVE, programme=source)
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert sorted(preview.carried_ids) == sorted(e.worker_id for e in active)
    assert preview.dropped_count == 0
    [village] = preview.villages
    assert village.code == PULAU_MAMBULAU and village.places_left == 98


def test_a_member_too_old_on_the_targets_first_month_is_dropped(seeded):
    source, target = _source(), _target()
    old = _members(source, 1, birth=dt.date(1960, 12, 15))[0]  # 65 in January 2026, 66 in January 2027
    young = _members(source, 1)[0]
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert _reasons(preview) == {old.worker_id: ["age_above_max"]}
    assert preview.carried_ids == [young.worker_id]


def test_a_member_outside_the_targets_categories_is_dropped(seeded):
    source, target = _source(), _target(eligible_categories=["transportasi"])
    member = _members(source, 1)[0]  # a nelayan
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert _reasons(preview) == {member.worker_id: ["category_not_eligible"]}


def test_a_member_funded_by_another_programme_for_the_same_months_is_dropped(seeded):
    source, target, other = _source(), _target(), _target()
    member = _members(source, 1)[0]
    enrolment_propose(actor=None, worker=member.worker, programme=other, today=TODAY)
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert _reasons(preview) == {member.worker_id: ["double_funding"]}


def test_the_village_quota_of_the_target_limits_the_carry_over(seeded):
    source, target = _source(), _target(quota_per_village=1)
    first, second = _members(source, 2)
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert preview.carried_ids == [first.worker_id]
    assert _reasons(preview) == {second.worker_id: ["village_quota_full"]}
    assert preview.villages[0].places_left == 0


def test_the_total_quota_of_the_target_limits_the_carry_over(seeded):
    source, target = _source(), _target(quota_per_village=None, total_quota=1)
    first, second = _members(source, 2)
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert preview.carried_ids == [first.worker_id]
    assert _reasons(preview) == {second.worker_id: ["total_quota_full"]}
    assert preview.total_left == 0


def test_the_budget_ceiling_of_the_target_limits_the_carry_over(seeded):
    source = _source()
    probe = _target()
    cost = programme_person_cost(probe, income=1_000_000, category="nelayan")
    target = _target(budget_ceiling=cost * 2 + cost // 2)
    members = _members(source, 3)
    preview = renewal_preview(actor=None, source=source, target=target, today=TODAY)
    assert preview.carried_ids == [m.worker_id for m in members[:2]]
    assert _reasons(preview) == {members[2].worker_id: ["budget_ceiling_exceeded"]}


def test_confirm_takes_members_over_as_submitted_with_their_kpj_and_audits_each(seeded):
    source, target = _source(), _target()
    members = _members(source, 2)
    report = renewal_confirm(actor=None, source=source, target=target, today=TODAY)
    assert len(report.created) == 2
    rows = Enrolment.objects.filter(programme=target).order_by("worker_id")
    assert [(r.status, r.kpj) for r in rows] == [(Status.SUBMITTED, m.kpj) for m in members]
    events = EnrolmentEvent.objects.filter(enrolment__programme=target)
    assert {e.detail["renewal_from"] for e in events} == {source.code}
    audited = AuditEvent.objects.filter(action=AuditAction.RENEWAL_CONFIRM)
    assert sorted(int(a.object_id) for a in audited) == sorted(r.pk for r in rows)


def test_confirming_twice_changes_nothing_and_says_the_members_are_there(seeded):
    source, target = _source(), _target()
    _members(source, 2)
    renewal_confirm(actor=None, source=source, target=target, today=TODAY)
    again = renewal_confirm(actor=None, source=source, target=target, today=TODAY)
    assert again.created == {} and again.already == 2
    assert Enrolment.objects.filter(programme=target).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.RENEWAL_CONFIRM).count() == 2


@pytest.mark.parametrize(
    ("target_kwargs", "message"),
    [
        ({"fiscal_year": 2026, "start_month": "2026-01"}, "tidak setelah"),
        ({"is_active": False}, "tidak aktif"),
    ],
)
def test_a_target_that_does_not_follow_the_source_is_refused(seeded, target_kwargs, message):
    source = _source()
    target = _target(**target_kwargs)
    with pytest.raises(RenewalRefused, match=message):
        renewal_confirm(actor=None, source=source, target=target, today=TODAY)


def test_the_same_programme_is_refused(seeded):
    source = _source()
    with pytest.raises(RenewalRefused, match="sama"):
        renewal_preview(actor=None, source=source, target=source, today=TODAY)


def test_a_target_whose_months_are_over_is_refused(seeded):
    source, target = _source(), _target()
    with pytest.raises(RenewalRefused, match="sudah berakhir"):
        renewal_preview(actor=None, source=source, target=target, today=dt.date(2028, 1, 5))


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.OPERATOR_DESA, Role.BENDAHARA, Role.AUDITOR])
def test_roles_without_the_renew_capability_are_refused(seeded, role):
    source, target = _source(), _target()
    region = {Role.OPERATOR_DESA: PULAU_MAMBULAU}.get(role, "62.03")
    with pytest.raises(AccessRefused):
        renewal_confirm(actor=make_user(role, region), source=source, target=target, today=TODAY)


def test_an_admin_of_another_regency_is_refused_and_the_refusal_is_audited(seeded):
    source, target = _source(), _target()
    admin = make_user(Role.ADMIN_PROGRAM, BENGKAYANG)
    with pytest.raises(AccessRefused):
        renewal_confirm(actor=admin, source=source, target=target, today=TODAY)
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED, actor=admin).exists()
    assert not Enrolment.objects.filter(programme=target).exists()


def test_the_regencys_admin_confirms(seeded):
    source, target = _source(), _target()
    _members(source, 1)
    admin = make_user(Role.ADMIN_PROGRAM, "62.03")
    report = renewal_confirm(actor=admin, source=source, target=target, today=TODAY)
    assert len(report.created) == 1
    assert Enrolment.objects.get(programme=target).proposed_by == admin


def test_preview_reads_a_fixed_number_of_queries(seeded, django_assert_max_num_queries):
    source, target = _source(), _target()
    _members(source, 2)
    with django_assert_max_num_queries(40) as few:
        renewal_preview(actor=None, source=source, target=target, today=TODAY)
    _members(source, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        renewal_preview(actor=None, source=source, target=target, today=TODAY)
