"""Every status change of an enrolment. Views, the API, the CLI, imports and insurer replies all come here.

``enrolments_transition`` moves many enrolments at once, set-based: one SELECT checks the from-status of
every id, one UPDATE moves the legal ones, and the history (``EnrolmentEvent``) and audit rows are
bulk-inserted. Ids it cannot move are reported with an Indonesian reason; nothing is raised.
``enrolment_<verb>`` moves one enrolment and raises a typed exception when refused.

Checks that need payments (activation from the first payment, lapse and reactivation by arrears) live in
``billing.services.lifecycle``, one layer up, which calls down into this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lindung.core.audit import AuditAction
from lindung.core.services import actor_label, audit_record_many
from lindung.people.findings import Finding

from ..models import EndReason, Enrolment, EnrolmentEvent, Status
from ..transitions import BY_PAIR, Transition, refusal_message

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
    ``kpj`` and ``start_date``, the date the first contribution was paid, which ``billing`` fills in; ``end`` needs
    ``end_reason`` and takes ``end_date`` = today unless given). One UPDATE moves the legal ids; values that
    differ per id (``per_id={id: {"kpj": ...}}``, e.g. from the insurer's reply) follow in one bulk UPDATE.
    History rows and audit events are bulk-inserted.

    This checks the lifecycle only: no capability, scope, payment or eligibility. Users reach it through
    ``enrolments_decide`` (here) or ``billing.services.enrolments_change_status``; an insurer's reply that a
    membership is non-active is authoritative and comes through here directly.
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
    label = actor_label(actor)

    for start in range(0, len(unique_ids), CHUNK):
        chunk = unique_ids[start : start + CHUNK]
        legal = _legal_moves(chunk, to_status, {"reason": reason, **fields}, per_id, today, report.refused)
        if legal:
            _write(legal, to_status=to_status, now=now, today=today, user=user, label=label, actor=actor)
            report.moved.extend(legal)
    return report


Move = tuple[Transition, dict[str, Any], str, str]  # transition, its values, from-status, village


def _legal_moves(
    chunk: list[int],
    to_status: str,
    shared: dict[str, Any],
    per_id: Mapping[int, Mapping[str, Any]],
    today: dt.date,
    refused: dict[int, str],
) -> dict[int, Move]:
    """The ids of ``chunk`` that may move (rows locked), with their values; the others go to ``refused``."""
    rows = {
        r[0]: r
        for r in Enrolment.objects.select_for_update()
        .filter(id__in=chunk)
        .values_list("id", "status", "village_id", "worker_id")
    }
    legal: dict[int, Move] = {}
    for eid in chunk:
        row = rows.get(eid)
        transition = BY_PAIR.get((row[1], to_status)) if row else None
        if row is None:
            refused[eid] = f"Kepesertaan #{eid} tidak ditemukan."
            continue
        if transition is None:
            refused[eid] = refusal_message(eid, row[1], to_status)
            continue
        values = {**shared, **per_id.get(eid, {})}
        if transition.action == "end" and not values.get("end_date"):
            values["end_date"] = today
        problem = _check_fields(transition, eid, values, today)
        if problem:
            refused[eid] = problem
        else:
            legal[eid] = (transition, values, row[1], row[2])
    workers = {eid: rows[eid][3] for eid in legal}
    for eid in _kpj_conflicts(legal, workers):
        refused[eid] = (
            f"Kepesertaan #{eid}: nomor KPJ {legal[eid][1]['kpj']} sudah dipakai pekerja lain; "
            "satu KPJ untuk satu orang."
        )
        del legal[eid]
    return legal


def _kpj_conflicts(legal: dict[int, Move], workers: dict[int, int]) -> list[int]:
    """Activations whose KPJ another person holds already, or gets earlier in the same call."""
    kpjs = {eid: (v["kpj"], workers[eid]) for eid, (t, v, _, _) in legal.items() if t.action == "activate"}
    holders = _kpj_taken(kpjs)
    seen: dict[str, int] = {}
    return [
        eid
        for eid, (kpj, worker_id) in kpjs.items()
        if holders.get(kpj, seen.setdefault(kpj, worker_id)) != worker_id
    ]


def _write(legal, *, to_status: str, now, today: dt.date, user, label: str, actor) -> None:
    """One UPDATE for what all rows share, bulk UPDATEs for per-row values, bulk history and audit.

    Each history row carries the day the change took effect (``detail["on"]``): the daily job, a CLI run with
    ``--date`` or a late run move members as of a day other than the one the row is written on, and coverage on
    a date (``billing.selectors.coverage``) reads that day.
    """
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
                    {
                        "on": today,
                        **{k: values[k] for k in transition.requires if k != "reason" and values.get(k)},
                    }
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
            action=AuditAction(f"enrolment.{action}"),
            object_type="enrolment",
            rows=audit_rows,
            summary=f"Kepesertaan {transition.passive} ({len(audit_rows)} orang)",
        )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def enrolment_transition(
    *, actor, enrolment: Enrolment, to_status: str, reason: str = "", today=None, **fields
) -> Enrolment:
    """Move one enrolment; a refusal raises ``TransitionRefused`` with the Indonesian reason."""
    report = enrolments_transition(
        actor=actor, ids=[enrolment.pk], to_status=to_status, reason=reason, today=today, **fields
    )
    if report.refused:
        raise TransitionRefused(report.refused[enrolment.pk])
    enrolment.refresh_from_db()
    return enrolment


def enrolment_verify(*, actor, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """A verifier confirms the proposal (data checked against documents)."""
    return enrolment_transition(actor=actor, enrolment=enrolment, to_status=Status.VERIFIED, reason=reason)


def enrolment_reject(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    """Refuse a proposal (or the insurer refuses a submission); the reason is required and shown to the operator."""
    return enrolment_transition(actor=actor, enrolment=enrolment, to_status=Status.REJECTED, reason=reason)


def enrolment_submit(*, actor, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """Mark a verified enrolment as sent to BPJS Ketenagakerjaan (collective registration)."""
    return enrolment_transition(actor=actor, enrolment=enrolment, to_status=Status.SUBMITTED, reason=reason)


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
    return enrolment_transition(
        actor=actor,
        enrolment=enrolment,
        to_status=Status.ENDED,
        reason=reason or f"Berakhir: {label}",
        today=today,
        **fields,
    )
