"""A finding as a page shows it: worded in the reader's language from its code, whatever was stored."""

from __future__ import annotations

from django import template

from lindung.people.findings import finding_shown

register = template.Library()


@register.filter
def shown(finding) -> str:
    """``{{ f|shown }}`` for a ``Finding`` or a stored finding (a dict with ``code`` and ``message``)."""
    if isinstance(finding, dict):
        return finding_shown(finding.get("code", ""), finding.get("message", ""))
    return finding_shown(getattr(finding, "code", ""), getattr(finding, "message", ""))
