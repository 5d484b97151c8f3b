"""``{% registry_match worker %}``: the worker's social-registry match, for the worker's page (a block the
enrolment page includes; the registry cannot import the enrolment views)."""

from __future__ import annotations

from django import template

from lindung.accounts.selectors import scope_of

from ..problem_text import problem_shown
from ..selectors import worker_registry_match

register = template.Library()


@register.inclusion_tag("registry/_worker_match.html", takes_context=True)
def registry_match(context, worker) -> dict:
    user = context["request"].user
    return {"shown": scope_of(user).can("registry.view"), "match": worker_registry_match(user, worker)}


@register.filter
def problem_text(message: str) -> str:
    """``{{ p.message|problem_text }}``: a stored row problem in the reader's language."""
    return problem_shown(message)
