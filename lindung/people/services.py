"""Writes on the worker registry. Views, the API, the CLI and imports all come through here.

``worker_register`` and ``worker_update`` are the use cases of the pages and the API: they check the actor's
capability and region (``accounts.access``), the shape of every field (``validation``) and what the data
means (``checks``), in that order, and write the audit event. ``worker_save`` is the same upsert keyed by
NIK for the CLI and scripts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from lindung.accounts.access import access_denied, access_require
from lindung.accounts.selectors import scope_for_actor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.selectors import region_known_codes

from .checks import CheckedWorker, NikReading, WorkerInput, check_worker, read_nik
from .findings import Finding, finding
from .models import Worker
from .names import normalize_name
from .selectors import mask_nik, workers_visible_to
from .validation import field_findings, formula_findings

# Fields a form or an import may set besides those that check_worker normalises.
PLAIN_FIELDS = (
    "full_name",
    "birth_place",
    "address",
    "rt",
    "rw",
    "email",
    "category",
    "wage_status",
    "fixed_income",
    "poverty_evidence",
    "dtsen_decile",
    "poverty_note",
)


class WorkerRefused(Exception):
    """The data has blocking findings; nothing was saved."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f.message for f in findings if f.blocks))


@dataclass
class WorkerSaveResult:
    worker: Worker
    created: bool
    changed_fields: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def worker_check(data: dict[str, Any], *, today: dt.date | None = None) -> CheckedWorker:
    """Run the registry checks on form-shaped data (keys as the model fields, plus ``village_code``)."""
    checked = check_worker(
        WorkerInput(
            nik=data.get("nik"),
            full_name=data.get("full_name", ""),
            birth_date=data.get("birth_date"),
            gender=data.get("gender", ""),
            village_code=data.get("village_code", ""),
            kk_number=data.get("kk_number", ""),
            kpj=data.get("kpj", ""),
            phone=data.get("phone", ""),
            occupations=[data.get("occupation_1", ""), data.get("occupation_2", "")],
            category=data.get("category", ""),
        ),
        today=today,
    )
    checked.findings += formula_findings(data)
    return checked


def _values(checked: CheckedWorker, data: dict[str, Any]) -> dict[str, Any]:
    values = {k: data[k] for k in PLAIN_FIELDS if k in data and data[k] is not None}
    values["full_name"] = " ".join(str(data.get("full_name", "")).split())
    values |= {
        "nik": checked.nik,
        "birth_date": checked.birth_date,
        "gender": checked.gender,
        "village_id": checked.village_code,
        "kk_number": checked.kk_number,
        "kpj": checked.kpj,
        "phone": checked.phone,
        "occupation_1": checked.occupations[0],
        "occupation_2": checked.occupations[1] if len(checked.occupations) > 1 else "",
        "name_normalized": normalize_name(values["full_name"]),
        "findings": [f.to_dict() for f in checked.warnings],
        "needs_review": bool(checked.warnings),
    }
    return values


def _require_editor(actor, village_code: str | None, worker: Worker | None = None) -> None:
    """The actor edits workers, the person's current village and the one given are in its region."""
    if worker is not None:
        access_require(
            actor, "worker.edit", region_code=worker.village_id, object_type="worker", object_id=worker.pk
        )
    access_require(
        actor,
        "worker.edit",
        region_code=village_code or None,
        object_type="worker",
        object_id=worker.pk if worker else "",
    )


def _refuse_shape(data: dict[str, Any]) -> None:
    problems = field_findings(data)
    if problems:
        raise WorkerRefused(problems)


def worker_register(*, actor, data: dict[str, Any], today: dt.date | None = None) -> WorkerSaveResult:
    """Register a new person. A NIK already in the registry is refused; outside the actor's region the
    message says only that, never where (UU PDP: the registry is not an oracle)."""
    _require_editor(actor, data.get("village_code"))
    _refuse_shape(data)
    nik = read_nik(data.get("nik")).digits
    holder = Worker.objects.filter(nik=nik).values_list("pk", flat=True).first() if nik else None
    if holder is not None:
        here = workers_visible_to(actor).filter(pk=holder).exists()
        raise WorkerRefused([finding("nik_registered_here" if here else "nik_registered_elsewhere")])
    return _save(actor=actor, data=data, today=today)


def worker_update(
    *, actor, worker: Worker, data: dict[str, Any], today: dt.date | None = None
) -> WorkerSaveResult:
    """Correct a person's data. The NIK is the person's key and does not change."""
    _require_editor(actor, data.get("village_code"), worker)
    _refuse_shape(data)
    return _save(actor=actor, data={**data, "nik": worker.nik}, today=today)


def worker_save(*, actor, data: dict[str, Any], today: dt.date | None = None) -> WorkerSaveResult:
    """Register a person, or update the one with the same NIK (the CLI, scripts, tests).

    Saving the same data twice changes nothing and writes no audit event the second time.
    """
    nik = read_nik(data.get("nik")).digits
    existing = Worker.objects.filter(nik=nik).first() if nik else None
    _require_editor(actor, data.get("village_code"), existing)
    _refuse_shape(data)
    return _save(actor=actor, data=data, today=today)


@transaction.atomic
def _save(*, actor, data: dict[str, Any], today: dt.date | None) -> WorkerSaveResult:
    """Refuses data with blocking findings; creates or updates by NIK with one audit event."""
    checked = worker_check(data, today=today)
    if checked.blocked:
        raise WorkerRefused(checked.findings)
    values = _values(checked, data)
    worker = Worker.objects.select_for_update().filter(nik=checked.nik).first()
    if worker is None:
        worker = Worker.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **values)
        audit_record(
            actor=actor,
            action=AuditAction.WORKER_CREATE,
            object_type="worker",
            object_id=worker.pk,
            region_code=worker.village_id,
            summary=f"Pekerja baru {worker.full_name}",
        )
        return WorkerSaveResult(worker, True, list(values), checked.findings)

    changed = [k for k, v in values.items() if getattr(worker, k) != v]
    if changed:
        for k in changed:
            setattr(worker, k, values[k])
        worker.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.WORKER_UPDATE,
            object_type="worker",
            object_id=worker.pk,
            region_code=worker.village_id,
            summary=f"Data {worker.full_name} diubah: {', '.join(changed)}",
            detail={"fields": changed},
        )
    return WorkerSaveResult(worker, False, changed, checked.findings)


def workers_shown(
    *, actor, worker_ids: list[int], action: AuditAction = AuditAction.WORKER_LIST, channel: str = ""
) -> None:
    """Record one page of a list or search: one event naming the people it showed (UU PDP). A read."""
    if not worker_ids:
        return
    audit_record(
        actor=actor,
        action=action,
        object_type="worker",
        region_code=scope_for_actor(actor).region_code,
        summary=f"{action.label} ({len(worker_ids)} orang{', ' + channel if channel else ''})",
        detail={"workers": list(worker_ids)},
    )


def worker_viewed(*, actor, worker: Worker, channel: str = "") -> None:
    """Record that ``actor`` opened a person's file (UU PDP: who saw whose data, and when)."""
    audit_record(
        actor=actor,
        action=AuditAction.WORKER_VIEW,
        object_type="worker",
        object_id=worker.pk,
        region_code=worker.village_id,
        summary=f"Melihat data {worker.full_name}" + (f" ({channel})" if channel else ""),
    )


# Whole-NIK checks one account may make in a window: enough to register people one after another, too few
# to sweep the registry for whether strangers' NIKs are in it.
NIK_CHECK_LIMIT = 30
NIK_CHECK_WINDOW_SECONDS = 600
# Findings a NIK check reports: those about the NIK and what is read from it.
NIK_CHECK_FIELDS = frozenset({"nik", "birth_date", "gender", "village"})


class NikCheckThrottled(Exception):
    """This account made too many NIK checks in the window; nothing was looked up."""

    retry_after = NIK_CHECK_WINDOW_SECONDS


@dataclass(frozen=True)
class NikCheckResult:
    reading: NikReading
    findings: list[Finding]
    # "" not registered, "here" in the actor's region, "elsewhere" outside it (never where).
    registered: str = ""
    worker_id: int | None = None  # only when registered here


def nik_check(*, actor, raw: str, data: dict[str, Any] | None = None) -> NikCheckResult:
    """What a NIK says, its findings, and whether it is registered in the actor's region or outside it.

    1. Only roles that register people may ask (``worker.edit``).
    2. A NIK still being typed is only read: no lookup, no event, no count.
    3. A whole NIK counts against the account's limit (``NikCheckThrottled`` past it), is looked up, and the
       check is audited with the actor's region and the NIK masked plus a keyed hash, never in clear.
    """
    scope = access_require(actor, "worker.edit", object_type="worker", what="nik_check")
    reading = read_nik(raw, known_regions=region_known_codes)
    if reading.digits is None:
        return NikCheckResult(reading, reading.findings)
    _nik_check_count(actor, scope.region_code)
    values = {k: v for k, v in (data or {}).items() if v not in (None, "")} | {"nik": raw}
    findings = [
        f
        for f in worker_check(values).findings
        if f.field in NIK_CHECK_FIELDS and f.code != "village_required"
    ]
    holder = Worker.objects.filter(nik=reading.digits).values_list("pk", flat=True).first()
    registered, worker_id = "", None
    if holder is not None:
        here = workers_visible_to(actor).filter(pk=holder).exists()
        registered, worker_id = ("here", holder) if here else ("elsewhere", None)
    audit_record(
        actor=actor,
        action=AuditAction.NIK_CHECK,
        object_type="worker",
        object_id=worker_id or "",
        region_code=scope.region_code,
        summary=f"Memeriksa NIK {mask_nik(reading.digits)}",
        detail={
            "nik": mask_nik(reading.digits),
            "nik_hash": nik_hash(reading.digits),
            "registered": registered,
        },
    )
    return NikCheckResult(reading, findings, registered, worker_id)


def nik_hash(digits: str) -> str:
    """A keyed hash of a NIK, so the audit trail can tell two checks of one NIK apart from two NIKs.

    Keyed with the secret key: a plain hash of a NIK is undone by trying the few hundred million NIKs.
    """
    return hmac.new(settings.SECRET_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()[:32]


def _nik_check_count(actor, region_code: str) -> None:
    """Count one whole-NIK check for the account; past the limit, record the refusal and raise."""
    if getattr(actor, "pk", None) is None:
        return  # Lindung itself (imports, scripts) is not rate-limited
    key = f"people:nik-check:{actor.pk}"
    cache.add(key, 0, timeout=NIK_CHECK_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=NIK_CHECK_WINDOW_SECONDS)
        count = 1
    if count > NIK_CHECK_LIMIT:
        access_denied(
            actor,
            object_type="worker",
            region_code=region_code,
            summary=f"Pemeriksaan NIK ditolak: lebih dari {NIK_CHECK_LIMIT} dalam {NIK_CHECK_WINDOW_SECONDS // 60} menit",
            detail={"capability": "worker.edit", "attempt": "nik_check", "why": "rate_limit"},
        )
        raise NikCheckThrottled()
