"""Writes on the worker registry. Views, the API, the CLI and imports all come through here.

``worker_register`` and ``worker_update`` are the use cases of the pages and the API: they check the actor's
capability and region (``accounts.access``), the shape of every field (``validation``) and what the data
means (``checks``), in that order, and write the audit event. ``worker_save`` is the same upsert keyed by
NIK for the CLI and scripts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .checks import CheckedWorker, WorkerInput, check_worker, read_nik
from .findings import Finding, finding
from .models import Worker
from .names import normalize_name
from .selectors import workers_visible_to
from .validation import field_findings

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
    return check_worker(
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
