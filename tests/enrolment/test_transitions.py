"""Every legal transition moves; every illegal jump is refused with an Indonesian message and no write."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.enrolment.services import enrolments_transition
from lindung.enrolment.transitions import BY_PAIR, TRANSITIONS, allowed_targets, transition_for

from .builders import TODAY, make_enrolment

pytestmark = pytest.mark.django_db

ALL = list(Status.values)
LEGAL = sorted(BY_PAIR)
ILLEGAL = [(a, b) for a in ALL for b in ALL if (a, b) not in BY_PAIR]

FIELDS = {
    "reject": {"reason": "Data ganda"},
    "activate": {"kpj": "12345678901", "start_date": dt.date(2026, 1, 10)},
    "end": {"end_reason": "death", "end_date": dt.date(2026, 6, 1)},
}


def test_the_table_is_the_documented_lifecycle():
    assert transition_for(Status.PROPOSED, Status.VERIFIED).action == "verify"
    assert transition_for(Status.NON_ACTIVE, Status.ACTIVE).action == "reactivate"
    assert transition_for(Status.REJECTED, Status.PROPOSED).action == "repropose"
    assert allowed_targets(Status.ENDED) == []
    assert allowed_targets(Status.ACTIVE) == [Status.NON_ACTIVE, Status.ENDED]
    assert len({t.action for t in TRANSITIONS}) == len(TRANSITIONS)


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_every_legal_transition_moves_and_records_who_and_why(from_status, to_status, django_user_model):
    actor = django_user_model.objects.create_user("verif")
    enrolment = make_enrolment(from_status)
    transition = BY_PAIR[(from_status, to_status)]
    report = enrolments_transition(
        actor=actor,
        ids=[enrolment.pk],
        to_status=to_status,
        reason=FIELDS.get(transition.action, {}).get("reason", "uji"),
        today=TODAY,
        **{k: v for k, v in FIELDS.get(transition.action, {}).items() if k != "reason"},
    )
    assert report.moved == [enrolment.pk] and report.ok
    enrolment.refresh_from_db()
    assert enrolment.status == to_status
    event = EnrolmentEvent.objects.filter(enrolment=enrolment).last()
    assert (event.from_status, event.to_status, event.actor, event.actor_label) == (
        from_status,
        to_status,
        actor,
        "verif",
    )
    audit = AuditEvent.objects.filter(object_type="enrolment", object_id=str(enrolment.pk)).first()
    assert audit.action == f"enrolment.{transition.action}" and audit.actor == actor
    assert audit.region_code == enrolment.village_id


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_every_illegal_jump_is_refused_without_writing(from_status, to_status):
    enrolment = make_enrolment(from_status)
    events = EnrolmentEvent.objects.count()
    report = enrolments_transition(
        actor=None, ids=[enrolment.pk], to_status=to_status, reason="x", today=TODAY, **FIELDS["activate"]
    )
    assert report.moved == []
    message = report.refused[enrolment.pk]
    assert f"Kepesertaan #{enrolment.pk} berstatus {Status(from_status).label}" in message
    assert f"tidak dapat diubah menjadi {Status(to_status).label}" in message
    assert Enrolment.objects.get(pk=enrolment.pk).status == from_status
    assert EnrolmentEvent.objects.count() == events
