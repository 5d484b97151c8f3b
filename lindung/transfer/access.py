"""Who may move data in and out: the words and targets of transfer's checks, over ``accounts.access``.

Each entry point (upload, mapping, run, insurer export) takes the ``actor`` and asks ``authorize`` for the
capability it needs and the region it would touch. The check itself, its ``access.denied`` audit row and
the ``AccessRefused`` it raises are ``accounts.access``'s, the same for every app; the page, the API and
the CLI only translate the refusal (403 or 404, a JSON 403, a command error).

``actor=None`` is Lindung itself (a CLI run without ``--user``, the demo loader, a background job without
an uploader): whoever can run it already holds the server, so its scope is national with every capability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from django.utils.translation import gettext, gettext_lazy

from lindung.accounts.access import AccessRefused, access_denied, access_require
from lindung.accounts.selectors import Scope
from lindung.core.audit import AuditAction

from .models import ImportBatch

# Who may handle (and so see) each kind of upload: a sponsor or a facilitator has no business with them.
KIND_CAPABILITY = {ImportBatch.Kind.WORKERS: "import.upload", ImportBatch.Kind.INSURER_REPLY: "insurer.reply"}
# What running a batch of each kind is, in the audit trail.
RUN_ACTION = {
    ImportBatch.Kind.WORKERS: AuditAction.IMPORT_RUN,
    ImportBatch.Kind.INSURER_REPLY: AuditAction.INSURER_REPLY,
}

# What a role without the capability is told; one whole sentence each, so translators see it whole.
CAPABILITY_REFUSED = {
    "import.upload": gettext_lazy("Peran Anda tidak boleh mengunggah daftar pekerja."),
    "insurer.reply": gettext_lazy("Peran Anda tidak boleh mengunggah balasan BPJS."),
    "insurer.export": gettext_lazy("Peran Anda tidak boleh membuat berkas pendaftaran untuk BPJS."),
}


# Transfer's refusals are the accounts app's: one exception for every path.
TransferDenied = AccessRefused


@dataclass(frozen=True)
class Target:
    """What an act would touch: named in the audit row of a refusal, and its region checked."""

    object_type: str
    object_id: str | int = ""
    region_code: str = ""


def authorize(actor, capability: str, *, attempt: AuditAction, target: Target, outside: str = "") -> Scope:
    """The actor's scope when its role holds ``capability`` and, when ``outside`` (the refusal message) is
    given, its region covers ``target.region_code``; otherwise the refusal is audited and raised."""
    return access_require(
        actor,
        capability,
        region_code=target.region_code if outside else None,
        object_type=target.object_type,
        object_id=target.object_id,
        what=attempt.value,
        role_message=str(CAPABILITY_REFUSED[capability]),
        region_message=outside,
    )


def authorize_batch(actor, batch: ImportBatch, *, attempt: AuditAction) -> Scope:
    """``authorize`` for an act on an upload: the capability of its kind, and its region in the actor's."""
    return authorize(
        actor,
        KIND_CAPABILITY[batch.kind],
        attempt=attempt,
        target=Target("import_batch", batch.pk, batch.region_code),
        outside=gettext("Unggahan #%(pk)s di luar wilayah akun Anda.") % {"pk": batch.pk},
    )


def deny(
    actor, *, attempt: AuditAction, target: Target, why: str, message: str, outside_scope: bool = False
) -> NoReturn:
    """Record a refused attempt that no capability check catches (a programme elsewhere) and raise it."""
    access_denied(
        actor,
        object_type=target.object_type,
        object_id=target.object_id,
        region_code=target.region_code,
        summary=f"Akses ditolak ({attempt.value}): {why}",
        detail={"attempt": attempt.value, "why": why},
    )
    raise AccessRefused(message, outside_scope=outside_scope)
