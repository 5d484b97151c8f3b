"""What a finding is: its kind in the catalogue (code, severity, field, wording, basis) and one occurrence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: Severity
    field: str
    template: str
    basis: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    field: str
    message: str
    basis: str

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"severity": str(self.severity)}
