"""The catalogue of findings: every check Lindung makes on a person's data, with its message and basis.

A finding is an *error* (the data cannot be saved as it is) or a *warning* (saved, but a verifier must look).
The scalar checks in ``checks.py``, the vectorised import checks and the programme eligibility checks all take
their wording from here, so the same problem reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

from . import registry, transfer
from .kinds import Finding, FindingKind, Severity
from .render import finding_params, finding_text

KINDS: dict[str, FindingKind] = {
    k.code: k for k in [*registry.REGISTRY, *transfer.IMPORT, *transfer.INSURER_REPLY]
}


def finding(code: str, /, **values: Any) -> Finding:
    kind = KINDS[code]
    return Finding(
        code=kind.code,
        severity=kind.severity,
        field=kind.field.format(**values) if "{" in kind.field else kind.field,
        message=kind.template.format(**values),
        basis=kind.basis.format(**values) if "{" in kind.basis else kind.basis,
    )


def finding_shown(code: str, message: str) -> str:
    """A stored finding (its code and Indonesian message) in the active language; as stored if unknown."""
    kind = KINDS.get(code)
    return message if kind is None else finding_text(kind, finding_params(kind, message), message)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.blocks for f in findings)


__all__ = ["KINDS", "Finding", "FindingKind", "Severity", "finding", "finding_shown", "has_errors"]
