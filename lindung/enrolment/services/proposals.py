"""Proposing people for a programme, one at a time (pages, API) or many at once (imports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from lindung.accounts.access import NOT_YOUR_REGION, AccessRefused, access_denied, access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record, audit_record_many
from lindung.people.findings import Finding, finding
from lindung.people.models import Worker
from lindung.people.selectors import workers_visible_to
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programmes_visible_to

from ..eligibility import eligibility_many, enrolment_eligibility
from ..models import Enrolment, EnrolmentEvent, Status
from ..transitions import refusal_message
from .lifecycle import EnrolmentIneligible, TransitionRefused, enrolment_transition


def _require_proposer(actor, worker, programme) -> None:
    """The actor proposes in its own region, for a programme it can see (refusals are audited)."""
    access_require(
        actor, "enrolment.propose", region_code=worker.village_id, object_type="worker", object_id=worker.pk
    )
    if not programmes_visible_to(actor).filter(pk=programme.pk).exists():
        access_denied(
            actor,
            object_type="programme",
            object_id=programme.pk,
            region_code=programme.coverage_region_id,
            summary=f"Akses ditolak: mengusulkan ke program {programme.code} di luar wilayah",
        )
        raise AccessRefused(NOT_YOUR_REGION)


def _lock_programme(programme) -> None:
    """Hold the programme row until commit, so proposals to it count places one after another.

    Quotas and the budget ceiling are counted, then taken: without the lock two proposals on PostgreSQL both
    count the last place as free. A no-op on SQLite, whose writers are serialised anyway.
    """
    list(Programme.objects.select_for_update().filter(pk=programme.pk).values_list("pk", flat=True))


def enrolment_propose(
    *, actor, worker, programme, reason: str = "", today: dt.date | None = None
) -> tuple[Enrolment, list[Finding]]:
    """Propose a worker for a programme after the eligibility checks; returns the enrolment and its warnings.

    Refuses with ``AccessRefused`` outside the actor's role or region, with ``EnrolmentIneligible`` when any
    finding is an error (see ``eligibility``). A person rejected earlier is proposed again with
    ``enrolment_repropose``.
    """
    _require_proposer(actor, worker, programme)
    with transaction.atomic():
        _lock_programme(programme)
        return _propose(actor=actor, worker=worker, programme=programme, reason=reason, today=today)


def _propose(
    *, actor, worker, programme, reason: str, today: dt.date | None
) -> tuple[Enrolment, list[Finding]]:
    findings = enrolment_eligibility(worker, programme, today=today)
    if any(f.blocks for f in findings):
        raise EnrolmentIneligible(findings)
    user = actor if getattr(actor, "is_authenticated", False) else None
    enrolment = Enrolment.objects.create(
        worker=worker,
        programme=programme,
        village_id=worker.village_id,
        status=Status.PROPOSED,
        reason=reason[:255],
        proposed_by=user,
    )
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        from_status="",
        to_status=Status.PROPOSED,
        actor=user,
        actor_label=user.get_username() if user else "sistem",
        reason=reason[:255],
        detail={"warnings": [f.code for f in findings]},
    )
    audit_record(
        actor=actor,
        action=AuditAction.ENROLMENT_PROPOSE,
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=enrolment.village_id,
        summary=f"{worker.full_name} diusulkan ke program {programme.code}",
        detail={"warnings": [f.code for f in findings]},
    )
    return enrolment, [f for f in findings if not f.blocks]


def enrolment_repropose(
    *, actor, enrolment: Enrolment, reason: str = "", today: dt.date | None = None
) -> Enrolment:
    """Propose a rejected person again (data corrected), running the eligibility checks afresh."""
    _require_proposer(actor, enrolment.worker, enrolment.programme)
    with transaction.atomic():
        _lock_programme(enrolment.programme)
        return _repropose(actor=actor, enrolment=enrolment, reason=reason, today=today)


def _repropose(*, actor, enrolment: Enrolment, reason: str, today: dt.date | None) -> Enrolment:
    if enrolment.status != Status.REJECTED:
        raise TransitionRefused(refusal_message(enrolment.pk, enrolment.status, Status.PROPOSED))
    findings = enrolment_eligibility(enrolment.worker, enrolment.programme, today=today, reproposing=True)
    if any(f.blocks for f in findings):
        raise EnrolmentIneligible(findings)
    enrolment = enrolment_transition(
        actor=actor, enrolment=enrolment, to_status=Status.PROPOSED, reason=reason, today=today
    )
    # The person may have moved since the first proposal; quotas count where they live now.
    Enrolment.objects.filter(pk=enrolment.pk).update(village_id=enrolment.worker.village_id)
    enrolment.village_id = enrolment.worker.village_id
    return enrolment


@dataclass
class ProposeReport:
    """Outcome of ``enrolments_propose``: created enrolment ids by worker, refusals and warnings by worker."""

    created: dict[int, int] = field(default_factory=dict)
    refused: dict[int, list[Finding]] = field(default_factory=dict)
    warnings: dict[int, list[Finding]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": len(self.created),
            "refused": {w: [f.to_dict() for f in fs] for w, fs in self.refused.items()},
            "warnings": {w: [f.to_dict() for f in fs] for w, fs in self.warnings.items()},
        }


def enrolments_propose(
    *, actor, programme, worker_ids: Iterable[int], reason: str = "", today: dt.date | None = None
) -> ProposeReport:
    """Propose many workers for one programme, set-based, with the same checks as ``enrolment_propose``.

    Eligibility runs over the whole batch with a handful of queries (``eligibility_many``); quota and
    budget places go to the workers in the order given. Eligible workers get an enrolment, a history row
    and an audit event through bulk inserts; the others are reported with their findings. Workers outside
    the actor's region are refused like ineligible ones.
    """
    access_require(actor, "enrolment.propose", object_type="programme", object_id=programme.pk)
    with transaction.atomic():
        _lock_programme(programme)
        return _propose_many(
            actor=actor, programme=programme, worker_ids=worker_ids, reason=reason, today=today
        )


def _propose_many(
    *, actor, programme, worker_ids: Iterable[int], reason: str, today: dt.date | None
) -> ProposeReport:
    worker_ids = list(dict.fromkeys(int(w) for w in worker_ids))
    in_scope = set(workers_visible_to(actor).filter(id__in=worker_ids).values_list("id", flat=True))
    by_worker = eligibility_many(programme, [w for w in worker_ids if w in in_scope], today=today)
    report = ProposeReport()
    accepted: list[int] = []
    for wid in worker_ids:
        if wid not in in_scope:
            report.refused[wid] = [finding("worker_out_of_scope")]
            continue
        findings = by_worker[wid]
        if any(f.blocks for f in findings):
            report.refused[wid] = findings
        else:
            accepted.append(wid)
            if findings:
                report.warnings[wid] = findings
    if not accepted:
        return report
    villages = dict(Worker.objects.filter(id__in=accepted).values_list("id", "village_id"))
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor.get_username() if user else "sistem"
    created = Enrolment.objects.bulk_create(
        [
            Enrolment(
                worker_id=wid,
                programme=programme,
                village_id=villages[wid],
                status=Status.PROPOSED,
                reason=reason[:255],
                proposed_by=user,
            )
            for wid in accepted
        ],
        batch_size=2000,
    )
    if created and created[0].pk is None:  # backends without RETURNING: read the ids back
        ids = dict(
            Enrolment.objects.filter(programme=programme, worker_id__in=accepted).values_list(
                "worker_id", "id"
            )
        )
    else:
        ids = {e.worker_id: e.pk for e in created}
    report.created = ids
    EnrolmentEvent.objects.bulk_create(
        [
            EnrolmentEvent(
                enrolment_id=ids[wid],
                from_status="",
                to_status=Status.PROPOSED,
                actor=user,
                actor_label=label,
                reason=reason[:255],
                detail={"warnings": [f.code for f in report.warnings.get(wid, [])]},
            )
            for wid in accepted
        ],
        batch_size=2000,
    )
    audit_record_many(
        actor=actor,
        action=AuditAction.ENROLMENT_PROPOSE,
        object_type="enrolment",
        rows=[(ids[wid], villages[wid]) for wid in accepted],
        summary=f"Diusulkan ke program {programme.code} ({len(accepted)} orang)",
    )
    return report
