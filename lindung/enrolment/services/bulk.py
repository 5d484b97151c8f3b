"""Moving every enrolment a query selects, in SQL: the daily job's lapse and reactivation at national size.

``enrolments_transition`` reads each id into Python to check it and builds one history row and one audit row
per person: right for a user's selection of a few thousand, too slow for the 600,000 people a national daily
run lapses. Here the rule that selects them is a queryset (``billing.selectors.lapse_due_querysets``), and the
same rows are written without leaving the database:

1. the ids the query selects go into a temporary table (the query runs once);
2. one UPDATE moves those still in a source status of the transition (a row a user moved meanwhile is left);
3. one INSERT … SELECT writes their history rows (``EnrolmentEvent``, with ``detail["on"]``, the day the change
   took effect) and one their audit events, both only for rows that UPDATE moved: ``status_changed_at`` equal
   to this run's timestamp tells them apart.

The caller is a service that has checked the capability (the daily job runs as Lindung itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.services import actor_label

from ..models import Enrolment, EnrolmentEvent
from ..transitions import TRANSITIONS

_TEMP = "lindung_moving_enrolments"
_TEMP_IDS = "SELECT id FROM lindung_moving_enrolments"  # a constant: nothing of the caller's enters it
_EVENT_COLUMNS = ("enrolment", "from_status", "to_status", "at", "actor", "actor_label", "reason", "detail")
_AUDIT_COLUMNS = (
    "at",
    "actor",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "region_code",
    "summary",
    "detail",
)


def _prep(model, name: str, value):
    """A Python value as the database driver takes it for ``model.name`` (a JSON value becomes jsonb on
    PostgreSQL and text on SQLite; a datetime keeps its time zone as Django stores it)."""
    return model._meta.get_field(name).get_db_prep_save(value, connection)


def _columns(model, *names: str) -> str:
    return ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)


@transaction.atomic
def enrolments_move_selected(
    *, actor, selected: Iterable[QuerySet], to_status: str, reason: str, today: dt.date
) -> list[int]:
    """Move every enrolment the querysets of ``selected`` hold (one per programme, say) whose status the
    transition to ``to_status`` accepts; write one history row and one audit event each. Returns the ids
    moved, in order."""
    (transition,) = [t for t in TRANSITIONS if t.target == to_status and t.action in ("lapse", "reactivate")]
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    q = connection.ops.quote_name
    table = q(Enrolment._meta.db_table)
    with connection.cursor() as c:
        c.execute(f"DROP TABLE IF EXISTS {_TEMP}")
        c.execute(f"CREATE TEMPORARY TABLE {_TEMP} (id BIGINT PRIMARY KEY, from_status VARCHAR(10))")
        for part in selected:
            chosen = part.filter(status__in=transition.sources).order_by().values_list("id", "status")
            sql, params = chosen.query.sql_with_params()
            c.execute(f"INSERT INTO {_TEMP} (id, from_status) {sql}", params)
        if connection.vendor == "postgresql":
            c.execute(f"ANALYZE {_TEMP}")  # a temporary table has no statistics until asked: plan the joins
        moved = Enrolment.objects.filter(
            id__in=RawSQL(_TEMP_IDS, []),  # noqa: S611
            status__in=transition.sources,
        ).update(status=to_status, status_changed_at=now, updated_at=now, reason=reason[:255])
        just_moved = (
            f"FROM {_TEMP} t JOIN {table} e ON e.id = t.id "
            f"WHERE e.{_columns(Enrolment, 'status')} = %s AND e.{_columns(Enrolment, 'status_changed_at')} = %s"
        )
        moved_params = [to_status, _prep(Enrolment, "status_changed_at", now)]
        c.execute(
            f"INSERT INTO {q(EnrolmentEvent._meta.db_table)} "
            f"({_columns(EnrolmentEvent, *_EVENT_COLUMNS)}) "
            f"SELECT t.id, t.from_status, %s, %s, %s, %s, %s, %s {just_moved}",
            [
                to_status,
                _prep(EnrolmentEvent, "at", now),
                user.pk if user else None,
                actor_label(actor),
                reason[:255],
                _prep(EnrolmentEvent, "detail", {"on": today.isoformat()}),
                *moved_params,
            ],
        )
        c.execute(
            f"INSERT INTO {q(AuditEvent._meta.db_table)} "
            f"({_columns(AuditEvent, *_AUDIT_COLUMNS)}) "
            f"SELECT %s, %s, %s, %s, 'enrolment', CAST(t.id AS VARCHAR(64)), e.{_columns(Enrolment, 'village')}, "
            f"%s, %s {just_moved}",
            [
                _prep(AuditEvent, "at", now),
                user.pk if user else None,
                actor_label(actor),
                AuditAction(f"enrolment.{transition.action}").value,
                f"Kepesertaan {transition.passive} ({moved} orang)"[:255],
                _prep(AuditEvent, "detail", {}),
                *moved_params,
            ],
        )
        c.execute(f"SELECT t.id {just_moved} ORDER BY t.id", moved_params)
        ids = [row[0] for row in c.fetchall()]
        c.execute(f"DROP TABLE {_TEMP}")
    return ids
