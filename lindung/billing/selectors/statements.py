"""Reads on imported statements: the list, one statement, and its lines by outcome, scoped by region.

A statement belongs to its programme's owner: whoever's region covers the owner region sees it whole. A
regional role below that (a village, a kecamatan) sees only the lines of its own people; lines that name
nobody Lindung knows are the owner's to see.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lindung.accounts.selectors import scope_for_actor
from lindung.regions.codes import ancestors

from ..models import Outcome, Statement, StatementRow


def statements_visible_to(actor) -> QuerySet[Statement]:
    """Statements of the programmes whose owner or coverage region meets the actor's, newest first."""
    scope = scope_for_actor(actor)
    if not scope.can("bill.view"):
        return Statement.objects.none()
    qs = Statement.objects.select_related("programme", "uploaded_by")
    if scope.region_code:
        qs = qs.filter(
            scope.q("programme__owner_region_id")
            | scope.q("programme__coverage_region_id")
            | Q(programme__owner_region_id__in=ancestors(scope.region_code))
            | Q(programme__coverage_region_id__in=ancestors(scope.region_code))
        )
    return qs.order_by("-uploaded_at", "-pk")


def statement_for(actor, pk: int) -> Statement | None:
    return statements_visible_to(actor).filter(pk=pk).first()


def statement_lines(actor, statement: Statement, *, outcome: str = "") -> QuerySet[StatementRow]:
    """The lines of ``statement`` the actor may see, optionally of one outcome, in file order: the matched
    ones (stored as payments) and the rest, read through ``StatementRow``."""
    scope = scope_for_actor(actor)
    qs = statement.lines.select_related("enrolment__worker", "resolved_by")
    if not scope.covers(statement.programme.owner_region_id):
        qs = qs.filter(scope.q("enrolment__village_id"))
    if outcome:
        qs = qs.filter(outcome=outcome) if outcome in Outcome.values else qs.none()
    return qs.order_by("row_number")


def statement_counts(statement: Statement) -> list[tuple[str, str, int]]:
    """(outcome, its label, how many lines) in the order the outcomes are declared."""
    return [(value, str(label), statement.counts.get(value, 0)) for value, label in Outcome.choices]


__all__ = ["statement_counts", "statement_for", "statement_lines", "statements_visible_to"]
