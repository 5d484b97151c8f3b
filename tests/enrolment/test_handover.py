"""Hand-over after a programme's months (the province pays 6 months), and the daily close job."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.handover_documents import notices_pdf, notices_xlsx
from lindung.enrolment.models import EndReason, Enrolment, Status
from lindung.enrolment.services import (
    HandoverRefused,
    handover_confirm,
    handover_preview,
    renewal_confirm,
)
from lindung.enrolment.tasks import close_ended_programmes
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import BENGKAYANG, make_programme

pytestmark = pytest.mark.django_db
JOINED = dt.date(2026, 2, 1)
AFTER = dt.date(2026, 7, 3)


def _six_months():
    return make_programme(months=6)


def _active(programme, n=1, **worker):
    return [
        make_enrolment(Status.ACTIVE, programme=programme, worker=new_worker(**worker), today=JOINED)
        for _ in range(n)
    ]


def test_handover_ends_active_members_as_programme_over_and_audits_each(seeded):
    programme = _six_months()
    members = _active(programme, 2)
    report = handover_confirm(actor=None, programme=programme, today=AFTER)
    assert sorted(report.ended) == sorted(m.pk for m in members)
    rows = Enrolment.objects.filter(pk__in=report.ended)
    assert {(r.status, r.end_reason, r.end_date) for r in rows} == {
        (Status.ENDED, EndReason.PROGRAMME_OVER, dt.date(2026, 6, 30))
    }
    assert programme.legal_basis in rows[0].reason
    assert AuditEvent.objects.filter(action=AuditAction.HANDOVER_CONFIRM).count() == 2


def test_handover_lists_each_village_with_what_members_pay_from_when(seeded):
    programme = _six_months()
    _active(programme, 2)
    _active(programme, 1, village_code="62.03.17.2003")
    handover_confirm(actor=None, programme=programme, today=AFTER)
    notices = handover_preview(actor=None, programme=programme, today=AFTER)
    assert [len(v.notices) for v in notices.villages] == [2, 1]
    assert notices.villages[0].code == PULAU_MAMBULAU
    assert notices.first_month == dt.date(2026, 7, 1)
    assert "tanggal 15" in notices.due_rule
    # Self-paid in July 2026: PP 50/2025 halves JKK and JKM (Rp 16.800 → Rp 8.400) for self-paid BPU.
    assert {n.monthly for v in notices.villages for n in v.notices} == {8400}
    assert all(n.kpj for v in notices.villages for n in v.notices)
    assert notices_xlsx(notices, notices.villages[0])[:2] == b"PK"
    assert notices_pdf(notices)[:4] == b"%PDF"


def test_handover_before_the_last_month_is_over_is_refused(seeded):
    programme = _six_months()
    _active(programme)
    with pytest.raises(HandoverRefused, match="belum berakhir"):
        handover_confirm(actor=None, programme=programme, today=dt.date(2026, 6, 20))


def test_a_second_handover_ends_nobody(seeded):
    programme = _six_months()
    _active(programme)
    handover_confirm(actor=None, programme=programme, today=AFTER)
    assert handover_confirm(actor=None, programme=programme, today=AFTER).ended == []


def test_handover_is_refused_outside_the_admins_region(seeded):
    programme = _six_months()
    with pytest.raises(AccessRefused):
        handover_confirm(actor=make_user(Role.ADMIN_PROGRAM, BENGKAYANG), programme=programme, today=AFTER)
    with pytest.raises(AccessRefused):
        handover_preview(actor=make_user(Role.VERIFIKATOR, "62.03"), programme=programme)


def test_the_daily_close_ends_members_of_programmes_over_and_the_old_row_of_those_renewed(seeded):
    programme = _six_months()
    kept, renewed = _active(programme, 2)
    following = make_programme(start_month="2026-07", months=6, quota_per_village=100)
    # Only ``renewed`` is still active when the renewal runs in June, so only they are carried over.
    Enrolment.objects.filter(pk=kept.pk).update(status=Status.NON_ACTIVE)
    renewal_confirm(actor=None, source=programme, target=following, today=dt.date(2026, 6, 20))
    assert close_ended_programmes(dt.date(2026, 6, 30)) == {}
    assert close_ended_programmes(AFTER) == {programme.code: 1}
    kept.refresh_from_db()
    renewed.refresh_from_db()
    assert (kept.status, kept.end_reason) == (Status.ENDED, EndReason.PROGRAMME_OVER)
    # The renewed member's old row ends too (no notice: the new programme pays), so nobody is counted twice.
    assert (renewed.status, renewed.end_reason) == (Status.ENDED, EndReason.PROGRAMME_OVER)
    assert "dilanjutkan" in renewed.reason
    assert Enrolment.objects.get(programme=following).status == Status.SUBMITTED
    assert close_ended_programmes(AFTER) == {}
