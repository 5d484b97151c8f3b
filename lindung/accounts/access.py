"""The one guard every use-case service calls: may this actor do this, here? A refusal is on the record.

Pages, the API, the CLI, imports and jobs reach the same services, so the check lives in the service and
no entry point can forget it. A refusal raises ``AccessRefused`` (a ``PermissionDenied``: a page answers
403, the API a JSON 403) after writing an ``access.denied`` audit event. Call the guard before opening a
transaction, so the event survives the refusal.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record

from .selectors import Scope, scope_for_actor

NOT_YOUR_ROLE = "Peran Anda tidak dapat melakukan ini."
NOT_YOUR_REGION = "Data ini berada di luar wilayah akun Anda."


class AccessRefused(PermissionDenied):
    """The actor may not do this (role) or not here (region); ``str(exc)`` is the Indonesian message.

    ``outside_scope`` tells a region outside the actor's from a role without the capability: a page may
    answer the first with 404, as if the record were not there.
    """

    def __init__(self, message: str, *, outside_scope: bool = False):
        self.message = str(message)
        self.outside_scope = outside_scope
        super().__init__(self.message)


def access_require(
    actor,
    capability: str,
    *,
    region_code: str | None = None,
    object_type: str = "",
    object_id: str | int = "",
    what: str = "",
    role_message: str = "",
    region_message: str = "",
) -> Scope:
    """The actor's scope when it holds ``capability`` over ``region_code`` (None: anywhere it works).

    ``role_message`` and ``region_message`` replace the general wording of a refusal where the caller can
    say more ("Peran Anda tidak boleh mengunggah balasan BPJS.").
    """
    scope = scope_for_actor(actor)
    outside = False
    if not scope.can(capability):
        message, why = role_message or NOT_YOUR_ROLE, f"peran tanpa hak {capability}"
    elif region_code is not None and not scope.covers(region_code):
        message, why, outside = region_message or NOT_YOUR_REGION, "di luar wilayah akun", True
    else:
        return scope
    access_denied(
        actor,
        object_type=object_type,
        object_id=object_id,
        region_code=region_code or scope.region_code,
        summary=f"Akses ditolak ({what or capability}): {why}",
        detail={"capability": capability, "attempt": what, "why": why},
    )
    raise AccessRefused(message, outside_scope=outside)


def access_denied(
    actor, *, object_type: str, object_id: str | int = "", region_code: str = "", summary: str, detail=None
) -> None:
    """Record a refused attempt (UU PDP: attempts on personal data are on the record too)."""
    audit_record(
        actor=actor,
        action=AuditAction.ACCESS_DENIED,
        object_type=object_type,
        object_id=object_id,
        region_code=region_code,
        summary=summary,
        detail=detail or {},
    )
