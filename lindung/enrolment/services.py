"""Every status change of an enrolment. Views, the API, the CLI, imports and insurer replies all come here.

Two layers over one transition table (``transitions.TRANSITIONS``):

- ``enrolments_transition`` moves many enrolments at once, set-based: one SELECT checks the from-status of
  every id, one UPDATE moves the legal ones, and the history (``EnrolmentEvent``) and audit rows are
  bulk-inserted. Ids it cannot move are reported with an Indonesian reason; nothing is raised.
- ``enrolment_<verb>`` moves one enrolment, adds the checks that need more than the status (arrears for
  lapse/reactivate, eligibility for propose), and raises a typed exception when refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from lindung.core.services import audit_record, audit_record_many
from lindung.people.findings import Finding

from .models import EndReason, Enrolment, EnrolmentEvent, Status
from .transitions import BY_PAIR, Transition, refusal_message, status_label

CHUNK = 5000
_KPJ = re.compile(r"^[0-9]{11}$")
# Fields a transition may set besides status and reason.
TRANSITION_FIELDS = ("kpj", "start_date", "end_reason", "end_date")


class EnrolmentRefused(Exception):
    """Base of every refusal; ``str(exc)`` is the Indonesian message for the user."""


class TransitionRefused(EnrolmentRefused):
    """An illegal jump in the lifecycle, or a transition whose preconditions do not hold."""


class EnrolmentIneligible(EnrolmentRefused):
    """The person may not be proposed for this programme; ``findings`` says why (errors) and what to check."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f.message for f in findings if f.blocks))


@dataclass
class TransitionReport:
    """What ``enrolments_transition`` did: the ids moved and, for every id refused, why."""

    to_status: str
    moved: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.refused

    def to_dict(self) -> dict[str, Any]:
        return {
            "to_status": self.to_status,
            "moved": self.moved,
            "refused": [{"id": k, "reason": v} for k, v in sorted(self.refused.items())],
        }


def _check_fields(
    transition: Transition, enrolment_id: int, values: dict[str, Any], today: dt.date
) -> str | None:
    """The Indonesian reason a transition's required fields are missing or wrong, or None."""
    if "reason" in transition.requires and not (values.get("reason") or "").strip():
        return f"Kepesertaan #{enrolment_id}: alasan wajib diisi untuk {transition.passive}."
    if transition.action == "activate":
        kpj = re.sub(r"[\s.\-]", "", str(values.get("kpj") or ""))
        if not _KPJ.match(kpj):
            return f'Kepesertaan #{enrolment_id}: nomor KPJ harus 11 digit angka; yang diisi "{values.get("kpj") or ""}".'
        values["kpj"] = kpj
        start = values.get("start_date")
        if start is None:
            return (
                f"Kepesertaan #{enrolment_id}: belum ada iuran pertama yang dibayar. Kepesertaan mulai aktif pada "
                "tanggal iuran pertama dibayar lunas (PP 44/2015 Pasal 11 ayat 4)."
            )
        if start > today:
            return f"Kepesertaan #{enrolment_id}: tanggal mulai aktif {start:%d-%m-%Y} belum terjadi."
    if transition.action == "end":
        if values.get("end_reason") not in EndReason.values:
            choices = ", ".join(f"{c} ({label})" for c, label in EndReason.choices)
            return f'Kepesertaan #{enrolment_id}: alasan berakhir "{values.get("end_reason") or ""}" tidak dikenal; pilih {choices}.'
        if values["end_date"] > today:
            return (
                f"Kepesertaan #{enrolment_id}: tanggal berakhir {values['end_date']:%d-%m-%Y} belum terjadi."
            )
    return None


def _first_payment_dates(ids: list[int]) -> dict[int, dt.date]:
    from lindung.billing.models import Payment

    rows = Payment.objects.filter(enrolment_id__in=ids).values("enrolment_id").annotate(first=Min("paid_on"))
    return {r["enrolment_id"]: r["first"] for r in rows}


def _kpj_taken(kpjs: dict[int, tuple[str, int]]) -> dict[str, int]:
    """KPJ → worker id for the KPJs already held by some enrolment (a KPJ belongs to one person)."""
    if not kpjs:
        return {}
    wanted = {k for k, _ in kpjs.values()}
    return dict(
        Enrolment.objects.filter(kpj__in=wanted).exclude(kpj="").values_list("kpj", "worker_id").distinct()
    )


@transaction.atomic
def enrolments_transition(
    *,
    actor,
    ids: Iterable[int],
    to_status: str,
    reason: str = "",
    per_id: Mapping[int, Mapping[str, Any]] | None = None,
    today: dt.date | None = None,
    **fields: Any,
) -> TransitionReport:
    """Move many enrolments to ``to_status`` at once; report the ids refused and why (never raises for them).

    Steps, per chunk of 5,000 ids: one SELECT reads every current status; each id is checked against the
    transition table and the transition's required fields (``reject`` needs ``reason``; ``activate`` needs
    ``kpj`` and ``start_date``, which defaults to the date the first contribution was paid; ``end`` needs
    ``end_reason`` and takes ``end_date`` = today unless given). One UPDATE moves the legal ids; values that
    differ per id (``per_id={id: {"kpj": ...}}``, e.g. from the insurer's reply) follow in one bulk UPDATE.
    History rows and audit events are bulk-inserted.

    This checks the lifecycle only. Checks on payments (``enrolment_lapse``, ``enrolment_reactivate``) and on
    eligibility (``enrolment_propose``) live in those functions; an insurer's reply that a membership is
    non-active is authoritative and may come through here directly.
    """
    if to_status not in Status.values:
        raise ValueError(f"Status tujuan tidak dikenal: {to_status}")
    unknown = set(fields) - set(TRANSITION_FIELDS)
    if unknown:
        raise TypeError(f"Kolom tidak dikenal untuk transisi: {', '.join(sorted(unknown))}")
    today = today or timezone.localdate()
    per_id = per_id or {}
    report = TransitionReport(to_status=str(to_status))
    now = timezone.now()
    unique_ids = list(dict.fromkeys(int(i) for i in ids))
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor.get_username() if user else "sistem"

    for start in range(0, len(unique_ids), CHUNK):
        chunk = unique_ids[start : start + CHUNK]
        rows = {
            r[0]: r
            for r in Enrolment.objects.select_for_update()
            .filter(id__in=chunk)
            .values_list("id", "status", "village_id", "worker_id")
        }
        candidates: dict[int, tuple[Transition, dict[str, Any], str, str]] = {}
        for eid in chunk:
            row = rows.get(eid)
            if row is None:
                report.refused[eid] = f"Kepesertaan #{eid} tidak ditemukan."
                continue
            transition = BY_PAIR.get((row[1], to_status))
            if transition is None:
                report.refused[eid] = refusal_message(eid, row[1], to_status)
                continue
            values = {"reason": reason, **fields, **per_id.get(eid, {})}
            if transition.action == "end" and not values.get("end_date"):
                values["end_date"] = today
            candidates[eid] = (transition, values, row[1], row[2])

        needs_start = [
            eid
            for eid, (t, v, _, _) in candidates.items()
            if t.action == "activate" and not v.get("start_date")
        ]
        for eid, first in _first_payment_dates(needs_start).items():
            candidates[eid][1]["start_date"] = first

        legal: dict[int, tuple[Transition, dict[str, Any], str, str]] = {}
        for eid, (transition, values, from_status, village) in candidates.items():
            problem = _check_fields(transition, eid, values, today)
            if problem:
                report.refused[eid] = problem
            else:
                legal[eid] = (transition, values, from_status, village)

        kpjs = {
            eid: (v["kpj"], rows[eid][3]) for eid, (t, v, _, _) in legal.items() if t.action == "activate"
        }
        holders = _kpj_taken(kpjs)
        seen: dict[str, int] = {}
        for eid, (kpj, worker_id) in kpjs.items():
            holder = holders.get(kpj, seen.setdefault(kpj, worker_id))
            if holder != worker_id:
                report.refused[eid] = (
                    f"Kepesertaan #{eid}: nomor KPJ {kpj} sudah dipakai pekerja lain; satu KPJ untuk satu orang."
                )
                del legal[eid]
        if not legal:
            continue

        _write(legal, to_status=to_status, now=now, user=user, label=label, actor=actor)
        report.moved.extend(legal)
    return report


def _write(legal, *, to_status: str, now, user, label: str, actor) -> None:
    """One UPDATE for what all rows share, bulk UPDATEs for per-row values, bulk history and audit."""
    sources = {s for t, _, _, _ in legal.values() for s in t.sources}
    shared_reason = {v.get("reason", "") for _, v, _, _ in legal.values()}
    update: dict[str, Any] = {"status": to_status, "status_changed_at": now, "updated_at": now}
    if len(shared_reason) == 1:
        update["reason"] = (shared_reason.pop() or "")[:255]
    Enrolment.objects.filter(id__in=list(legal), status__in=sources).update(**update)

    # Per-row values, grouped by transition: only the fields a transition requires are written (a stray kpj on
    # "verify" is ignored, and a reactivation next to an activation keeps its KPJ).
    groups: dict[tuple[str, ...], list[Enrolment]] = defaultdict(list)
    for eid, (transition, values, _, _) in legal.items():
        names = tuple(k for k in transition.requires if k in TRANSITION_FIELDS)
        if "reason" not in update:
            names += ("reason",)
        if names:
            obj = Enrolment(id=eid)
            for name in names:
                value = values.get(name)
                setattr(obj, name, (value or "")[:255] if name == "reason" else value)
            groups[names].append(obj)
    for names, objs in groups.items():
        Enrolment.objects.bulk_update(objs, list(names), batch_size=1000)

    EnrolmentEvent.objects.bulk_create(
        [
            EnrolmentEvent(
                enrolment_id=eid,
                from_status=from_status,
                to_status=to_status,
                actor=user,
                actor_label=label,
                reason=(values.get("reason") or "")[:255],
                detail=_jsonable(
                    {k: values[k] for k in transition.requires if k != "reason" and values.get(k)}
                ),
            )
            for eid, (transition, values, from_status, _) in legal.items()
        ],
        batch_size=2000,
    )
    by_action: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for eid, (transition, _, _, village) in legal.items():
        by_action[transition.action].append((eid, village))
    for action, audit_rows in by_action.items():
        transition = next(t for t, _, _, _ in legal.values() if t.action == action)
        audit_record_many(
            actor=actor,
            action=f"enrolment.{action}",
            object_type="enrolment",
            rows=audit_rows,
            summary=f"Kepesertaan {transition.passive} ({len(audit_rows)} orang)",
        )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def _one(*, actor, enrolment: Enrolment, to_status: str, reason: str = "", today=None, **fields) -> Enrolment:
    report = enrolments_transition(
        actor=actor, ids=[enrolment.pk], to_status=to_status, reason=reason, today=today, **fields
    )
    if report.refused:
        raise TransitionRefused(report.refused[enrolment.pk])
    enrolment.refresh_from_db()
    return enrolment


# --- One enrolment at a time ------------------------------------------------------------------------------


@transaction.atomic
def enrolment_propose(
    *, actor, worker, programme, reason: str = "", today: dt.date | None = None
) -> tuple[Enrolment, list[Finding]]:
    """Propose a worker for a programme after the eligibility checks; returns the enrolment and its warnings.

    Refuses with ``EnrolmentIneligible`` when any finding is an error (see ``eligibility``). A person who
    was rejected earlier is proposed again with ``enrolment_repropose``.
    """
    from .eligibility import enrolment_eligibility

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
        action="enrolment.propose",
        object_type="enrolment",
        object_id=enrolment.pk,
        region_code=enrolment.village_id,
        summary=f"{worker.full_name} diusulkan ke program {programme.code}",
        detail={"warnings": [f.code for f in findings]},
    )
    return enrolment, [f for f in findings if not f.blocks]


@transaction.atomic
def enrolment_repropose(
    *, actor, enrolment: Enrolment, reason: str = "", today: dt.date | None = None
) -> Enrolment:
    """Propose a rejected person again (data corrected), running the eligibility checks afresh."""
    from .eligibility import enrolment_eligibility

    if enrolment.status != Status.REJECTED:
        raise TransitionRefused(refusal_message(enrolment.pk, enrolment.status, Status.PROPOSED))
    findings = enrolment_eligibility(enrolment.worker, enrolment.programme, today=today, reproposing=True)
    if any(f.blocks for f in findings):
        raise EnrolmentIneligible(findings)
    enrolment = _one(actor=actor, enrolment=enrolment, to_status=Status.PROPOSED, reason=reason, today=today)
    # The person may have moved since the first proposal; quotas count where they live now.
    Enrolment.objects.filter(pk=enrolment.pk).update(village_id=enrolment.worker.village_id)
    enrolment.village_id = enrolment.worker.village_id
    return enrolment


def enrolment_verify(*, actor, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """A verifier confirms the proposal (data checked against documents)."""
    return _one(actor=actor, enrolment=enrolment, to_status=Status.VERIFIED, reason=reason)


def enrolment_reject(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    """Refuse a proposal (or the insurer refuses a submission); the reason is required and shown to the operator."""
    return _one(actor=actor, enrolment=enrolment, to_status=Status.REJECTED, reason=reason)


def enrolment_submit(*, actor, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """Mark a verified enrolment as sent to BPJS Ketenagakerjaan (collective registration)."""
    return _one(actor=actor, enrolment=enrolment, to_status=Status.SUBMITTED, reason=reason)


def enrolment_activate(
    *,
    actor,
    enrolment: Enrolment,
    kpj: str,
    start_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Enrolment:
    """The insurer issued the KPJ. ``start_date`` defaults to the date the first contribution was paid."""
    return _one(
        actor=actor,
        enrolment=enrolment,
        to_status=Status.ACTIVE,
        kpj=kpj,
        start_date=start_date,
        today=today,
        reason="KPJ terbit",
    )


def enrolment_lapse(*, actor, enrolment: Enrolment, as_of: dt.date | None = None) -> Enrolment:
    """Make an active membership non-active: refused unless more than 3 consecutive due months are unpaid."""
    from lindung.billing.selectors import enrolment_arrears

    as_of = as_of or timezone.localdate()
    arrears = enrolment_arrears(enrolment, as_of=as_of)
    if enrolment.status == Status.ACTIVE and not arrears.lapses:
        raise TransitionRefused(
            f"Kepesertaan #{enrolment.pk}: tunggakan berturut-turut {arrears.streak} bulan per "
            f"{as_of:%d-%m-%Y}; menjadi non-aktif hanya setelah lebih dari {arrears.lapse_after} bulan "
            f"({arrears.basis})."
        )
    return _one(
        actor=actor, enrolment=enrolment, to_status=Status.NON_ACTIVE, reason=arrears.reason, today=as_of
    )


def enrolments_lapse(*, actor, as_of: dt.date | None = None, programme=None) -> TransitionReport:
    """Make every active membership with more than 3 consecutive unpaid due months non-active (set-based)."""
    from lindung.billing.selectors import enrolments_due_to_lapse

    as_of = as_of or timezone.localdate()
    ids = enrolments_due_to_lapse(as_of=as_of, programme=programme)
    return enrolments_transition(
        actor=actor,
        ids=ids,
        to_status=Status.NON_ACTIVE,
        reason=f"Menunggak lebih dari 3 bulan berturut-turut per {as_of:%d-%m-%Y}",
        today=as_of,
    )


def enrolment_reactivate(*, actor, enrolment: Enrolment, as_of: dt.date | None = None) -> Enrolment:
    """Back to active once every due month of the coverage period has been paid."""
    from lindung.billing.selectors import enrolment_arrears
    from lindung.programmes.months import month_label

    as_of = as_of or timezone.localdate()
    if enrolment.status == Status.NON_ACTIVE:
        arrears = enrolment_arrears(enrolment, as_of=as_of)
        if arrears.unpaid:
            months = ", ".join(month_label(m) for m in arrears.unpaid)
            raise TransitionRefused(
                f"Kepesertaan #{enrolment.pk} belum dapat diaktifkan kembali: tunggakan bulan {months} belum dibayar."
            )
    return _one(
        actor=actor, enrolment=enrolment, to_status=Status.ACTIVE, reason="Tunggakan lunas", today=as_of
    )


def enrolment_end(
    *,
    actor,
    enrolment: Enrolment,
    end_reason: str,
    end_date: dt.date | None = None,
    reason: str = "",
    today: dt.date | None = None,
) -> Enrolment:
    """End a membership (death, moved, now a wage earner, age limit, programme over, withdrawn)."""
    fields: dict[str, Any] = {"end_reason": end_reason}
    if end_date is not None:
        fields["end_date"] = end_date
    label = dict(EndReason.choices).get(end_reason, end_reason)
    return _one(
        actor=actor,
        enrolment=enrolment,
        to_status=Status.ENDED,
        reason=reason or f"Berakhir: {label}",
        today=today,
        **fields,
    )


# --- Many proposals at once (imports) ---------------------------------------------------------------------


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


@transaction.atomic
def enrolments_propose(
    *, actor, programme, worker_ids: Iterable[int], reason: str = "", today: dt.date | None = None
) -> ProposeReport:
    """Propose many workers for one programme, set-based, with the same checks as ``enrolment_propose``.

    Eligibility runs over the whole batch with a handful of queries (``eligibility_many``); quota and
    budget places go to the workers in the order given. Eligible workers get an enrolment, a history row
    and an audit event through bulk inserts; the others are reported with their findings.
    """
    from .eligibility import eligibility_many

    worker_ids = list(dict.fromkeys(int(w) for w in worker_ids))
    by_worker = eligibility_many(programme, worker_ids, today=today)
    report = ProposeReport()
    accepted: list[int] = []
    for wid in worker_ids:
        findings = by_worker[wid]
        if any(f.blocks for f in findings):
            report.refused[wid] = findings
        else:
            accepted.append(wid)
            if findings:
                report.warnings[wid] = findings
    if not accepted:
        return report
    from lindung.people.models import Worker

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
        action="enrolment.propose",
        object_type="enrolment",
        rows=[(ids[wid], villages[wid]) for wid in accepted],
        summary=f"Diusulkan ke program {programme.code} ({len(accepted)} orang)",
    )
    return report


__all__ = [
    "EnrolmentIneligible",
    "EnrolmentRefused",
    "ProposeReport",
    "TransitionRefused",
    "TransitionReport",
    "enrolment_activate",
    "enrolment_end",
    "enrolment_lapse",
    "enrolment_propose",
    "enrolment_reactivate",
    "enrolment_reject",
    "enrolment_repropose",
    "enrolment_submit",
    "enrolment_verify",
    "enrolments_lapse",
    "enrolments_propose",
    "enrolments_transition",
    "status_label",
]
