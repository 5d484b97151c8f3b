"""Coverage on a date, from the record as it was known on that date."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.billing.selectors.coverage import CoverageNotFound, coverage_on
from lindung.billing.services import billing_daily, payment_record
from lindung.core.models import AuditEvent
from lindung.enrolment import services as s
from lindung.enrolment.models import Status
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_paying_member_is_covered_with_the_months_paid():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=5)
    [answer] = coverage_on(actor=None, day=D(2026, 5, 19), worker=enrolment.worker)
    assert answer.covered and answer.enrolment_id == enrolment.pk
    assert answer.programme_code == enrolment.programme.code
    assert answer.why == "aktif sejak 10-01-2026, iuran lunas sampai Mei 2026"


def test_months_paid_in_advance_count_once_paid():
    # The builder pays each month on its first day: on 2 July, July (due the 15th) is paid, August not yet.
    enrolment = make_enrolment(Status.ACTIVE, paid_months=12)
    [answer] = coverage_on(actor=None, day=D(2026, 7, 2), worker=enrolment.worker)
    assert answer.covered and answer.why == "aktif sejak 10-01-2026, iuran lunas sampai Juli 2026"


def test_more_than_three_unpaid_months_end_the_rights_even_before_the_job_runs():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    [answer] = coverage_on(actor=None, day=D(2026, 5, 19), nik=enrolment.worker.nik)
    assert not answer.covered
    assert answer.why.startswith(
        "menunggak 4 bulan (Februari 2026–Mei 2026) per 19-05-2026: hak JKK/JKM gugur (PP 44/2015"
    )
    # Within the limit the member is still covered, and the answer says what is owed.
    [answer] = coverage_on(actor=None, day=D(2026, 4, 16), nik=enrolment.worker.nik)
    assert answer.covered and "menunggak 3 bulan (Februari 2026–April 2026)" in answer.why


def test_a_late_payment_never_rewrites_a_past_lapse():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    may_19 = D(2026, 5, 19)
    billing_daily(as_of=may_19)
    for month in (2, 3, 4, 5):
        payment_record(actor=None, enrolment=enrolment, month=D(2026, month, 1), paid_on=D(2026, 5, 20))
    report = billing_daily(as_of=D(2026, 5, 21))
    assert report.reactivated == [enrolment.pk]
    [before] = coverage_on(actor=None, day=may_19, worker=enrolment.worker)
    assert not before.covered and before.why.startswith("non-aktif sejak 19-05-2026")
    [after] = coverage_on(actor=None, day=D(2026, 5, 21), worker=enrolment.worker)
    assert after.covered and after.why == "aktif sejak 10-01-2026, iuran lunas sampai Mei 2026"


def test_not_yet_started_and_ended_memberships_are_not_covered():
    submitted = make_enrolment(Status.SUBMITTED)
    [answer] = coverage_on(actor=None, day=D(2026, 5, 19), worker=submitted.worker)
    assert not answer.covered and answer.why == "belum aktif"
    ended = make_enrolment(Status.ACTIVE, paid_months=6)
    s.enrolment_end(
        actor=None, enrolment=ended, end_reason="death", end_date=D(2026, 5, 12), today=D(2026, 5, 13)
    )
    [answer] = coverage_on(actor=None, day=D(2026, 5, 19), worker=ended.worker)
    assert not answer.covered and answer.why == "berakhir 12-05-2026 (meninggal dunia)"
    [answer] = coverage_on(actor=None, day=D(2026, 5, 12), worker=ended.worker)
    assert answer.covered


def test_one_answer_per_programme_and_only_what_the_actor_sees():
    worker = new_worker()
    first = make_enrolment(Status.ACTIVE, worker=worker, paid_months=12)
    bengkayang = make_programme(owner_region="61.07", coverage_region="61.07")
    other = make_programme(fiscal_year=2027, start_month="2027-01")
    second = make_enrolment(Status.SUBMITTED, worker=worker, programme=other)
    answers = coverage_on(actor=None, day=D(2026, 6, 1), worker=worker)
    assert [a.enrolment_id for a in answers] == [first.pk, second.pk]
    outsider = make_user(Role.ADMIN_PROGRAM, "61.07")
    assert bengkayang.code
    with pytest.raises(CoverageNotFound, match="tidak ditemukan di wilayah Anda"):
        coverage_on(actor=outsider, day=D(2026, 6, 1), nik=worker.nik)


def test_a_coverage_check_is_audited_as_a_personal_data_read():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=3)
    user = make_user(Role.PETUGAS_BPJS, "62.03")
    coverage_on(actor=user, day=D(2026, 3, 20), kpj=enrolment.kpj)
    event = AuditEvent.objects.get(action="coverage.check")
    assert event.actor == user and event.object_id == str(enrolment.worker_id)
    assert event.detail["day"] == "2026-03-20"


def test_the_coverage_command_prints_one_line_per_programme():
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    make_user(Role.PETUGAS_BPJS, "62.03", username="petugas")
    out = StringIO()
    call_command("coverage", enrolment.worker.nik, "--date", "2026-05-19", "--user", "petugas", stdout=out)
    assert out.getvalue().startswith(
        f"{enrolment.programme.code} (#{enrolment.pk}) 19-05-2026: TIDAK DILINDUNGI"
    )
    with pytest.raises(CommandError, match="bukan NIK 16 digit atau KPJ 11 digit"):
        call_command("coverage", "123", "--date", "2026-05-19")
    with pytest.raises(CommandError, match="tidak ditemukan di wilayah Anda"):
        call_command("coverage", "6203171708850999", "--date", "2026-05-19")
