"""A finding read in the viewer's language: its code and values, rendered with gettext when shown.

What Lindung stores and exports (a worker's findings, an import's outcome file, the file for the insurer) keeps
the Indonesian wording of the catalogue. A page shows a finding from its code and values instead, so an account
that chose English reads it in English. ``finding_params`` recovers the values from a stored Indonesian message
(the catalogue's templates are unambiguous enough for that), for findings that were kept as text only.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

from django.utils.translation import gettext

from .kinds import FindingKind


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The Indonesian ``template`` as a regular expression with one named group per value."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
    return re.compile("".join(parts), re.DOTALL)


def finding_params(kind: FindingKind, message: str) -> dict[str, str] | None:
    """The values that made ``message`` from ``kind``'s Indonesian template, or None when it does not fit."""
    match = _pattern(kind.template).fullmatch(message)
    return match.groupdict() if match else None


def finding_text(kind: FindingKind, params: dict[str, Any] | None, fallback: str) -> str:
    """``kind``'s message in the active language; ``fallback`` (the stored text) when it cannot be rebuilt."""
    if params is None:
        return fallback
    try:
        return gettext(kind.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return fallback
