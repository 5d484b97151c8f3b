"""Catching up with the audit trail: only data changes rebuild, and no page that only reads queues anything."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.months import month_of
from lindung.core.services import audit_record
from lindung.enrolment.models import Status
from lindung.monev.models import CoverageRollup, Dimension, RollupState
from lindung.monev.services import monev_refresh, stale_regions
from lindung.monev.services.catch_up import monev_catch_up
from lindung.people.models import Worker
from lindung.people.services import worker_update
from tests.accounts.builders import make_user
from tests.people.builders import worker_data

from ..builders import BATAGUH, KAPUAS, MAMBULAU, PERIOD, make_dataset

pytestmark = pytest.mark.django_db


def total(code: str) -> CoverageRollup:
    return CoverageRollup.objects.get(period=PERIOD, region_code=code, dimension=Dimension.TOTAL, key="")


def test_catch_up_rebuilds_only_what_the_audit_trail_names(dataset):
    assert monev_catch_up(period=PERIOD) == "fresh"
    enrolment = dataset.enrolments["proposed"]
    enrolment.status = Status.VERIFIED
    enrolment.save()
    audit_record(
        actor=None,
        action="enrolment.verify",
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=MAMBULAU,
    )
    assert stale_regions(PERIOD) == [MAMBULAU]
    before = RollupState.objects.get(period=PERIOD).audit_mark
    assert monev_catch_up(period=PERIOD) == "refreshed"
    assert (total(MAMBULAU).proposed, total(MAMBULAU).verified) == (0, 2)
    assert (total(KAPUAS).proposed, total("").verified) == (0, 2)
    assert RollupState.objects.get(period=PERIOD).audit_mark > before
    assert monev_catch_up(period=PERIOD) == "fresh"


def test_a_month_never_built_is_reported_missing(db):
    make_dataset()
    assert monev_catch_up(period=PERIOD) == "missing"
    assert stale_regions(PERIOD) is None


def test_a_change_over_a_whole_province_goes_to_the_background_worker(dataset):
    audit_record(actor=None, action=AuditAction.PROGRAMME_UPDATE, object_type="programme", region_code="62")
    assert monev_catch_up(period=PERIOD) == "queued"
    assert RollupState.objects.get(period=PERIOD).queued_at is not None
    assert DBTaskResult.objects.count() == 1
    assert monev_catch_up(period=PERIOD) == "queued"  # not queued twice within the quarter hour
    assert DBTaskResult.objects.count() == 1


def _client(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def test_no_page_that_only_reads_queues_a_rebuild_but_a_write_does(db):
    # Built for this month: the dashboard catches this month up on every visit (docs/adr/0004).
    make_dataset()
    month = month_of(timezone.localdate())
    monev_refresh(period=month)
    built = RollupState.objects.get(period=month)
    worker = Worker.objects.filter(village_id=MAMBULAU).order_by("pk").first()
    superadmin = make_user(Role.SUPERADMIN)
    users = [superadmin, make_user(Role.ADMIN_PROGRAM, KAPUAS)]
    for user in users:
        client = _client(user)
        for url, params in (
            ("/api/enrolments/", {}),
            ("/pekerja/", {}),
            (f"/pekerja/{worker.pk}/", {}),
            ("/monev/", {}),
            ("/monev/", {"wilayah": BATAGUH}),
            ("/monev/laporan.xlsx", {"wilayah": MAMBULAU}),
            ("/api/monev", {"region": KAPUAS}),
            ("/monev/publik/", {"wilayah": KAPUAS}),
        ):
            assert client.get(url, params).status_code == 200, (user, url)
    # The reads above are in the audit trail, as personal-data reads must be, and none of them is a change.
    read = {AuditAction.ENROLMENT_LIST, AuditAction.WORKER_VIEW, AuditAction.MONEV_REPORT_XLSX}
    logged = set(AuditEvent.objects.filter(id__gt=built.audit_mark).values_list("action", flat=True))
    assert read <= logged and not logged & AuditAction.data_changing()
    assert stale_regions(month) == []
    assert monev_catch_up(period=month) == "fresh"
    state = RollupState.objects.get(period=month)
    assert (state.refreshed_at, state.queued_at) == (built.refreshed_at, None)
    assert not DBTaskResult.objects.exists()

    data = worker_data(serial=1, village_code=MAMBULAU, category="nelayan", phone="0813 1111 2222")
    worker_update(actor=superadmin, worker=Worker.objects.get(nik=data["nik"]), data=data)
    assert stale_regions(month) == [MAMBULAU]
    assert monev_catch_up(period=month) == "refreshed"
