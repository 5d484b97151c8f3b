"""Proposals racing for the last places of a quota: the programme row is locked, so none overruns it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from lindung.enrolment.models import Enrolment
from lindung.enrolment.services import EnrolmentIneligible, enrolment_propose, enrolments_propose
from tests.programmes.builders import make_programme

from .builders import TODAY, new_worker

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: the race needs PostgreSQL"
)
THREADS = 8
QUOTA = 3


def _race(propose, workers) -> list[object]:
    """Run ``propose(worker)`` in one thread per worker, all released at once; returns each outcome."""
    barrier = threading.Barrier(len(workers))
    outcomes: list[object] = [None] * len(workers)

    def run(i, worker):
        try:
            barrier.wait()
            outcomes[i] = propose(worker)
        except Exception as exc:  # noqa: BLE001 (the outcome under test)
            outcomes[i] = exc
        finally:
            connections.close_all()  # each thread has its own connection; give it back

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def _quota_refusals(outcomes) -> int:
    return sum(
        isinstance(o, EnrolmentIneligible) and "village_quota_full" in {f.code for f in o.findings}
        for o in outcomes
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_single_proposals_do_not_overrun_the_village_quota(seeded):
    programme = make_programme(quota_per_village=QUOTA)
    workers = [new_worker() for _ in range(THREADS)]
    outcomes = _race(
        lambda w: enrolment_propose(actor=None, worker=w, programme=programme, today=TODAY), workers
    )
    assert Enrolment.objects.filter(programme=programme).count() == QUOTA
    assert _quota_refusals(outcomes) == THREADS - QUOTA, outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_bulk_proposals_do_not_overrun_the_village_quota(seeded):
    programme = make_programme(quota_per_village=QUOTA)
    workers = [new_worker() for _ in range(THREADS)]
    reports = _race(
        lambda w: enrolments_propose(actor=None, programme=programme, worker_ids=[w.pk], today=TODAY), workers
    )
    assert Enrolment.objects.filter(programme=programme).count() == QUOTA
    refused = [r for r in reports if not isinstance(r, Exception) and r.refused]
    assert len(refused) == THREADS - QUOTA, reports
    assert all(f.code == "village_quota_full" for r in refused for fs in r.refused.values() for f in fs)
