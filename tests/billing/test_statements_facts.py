"""The statement's reads come back as frames with every value as stored (COPY … CSV on PostgreSQL)."""

from __future__ import annotations

import polars as pl
import pytest

from lindung.billing.services.statements_facts import _fetch_frame
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Worker
from tests.enrolment.builders import make_enrolment

pytestmark = pytest.mark.django_db


def test_a_read_keeps_quotes_commas_empty_text_nulls_and_dates():
    member = make_enrolment(Status.ACTIVE)
    Worker.objects.filter(pk=member.worker_id).update(full_name='Siti "Ani", S.Pd')
    other = make_enrolment(Status.PROPOSED)
    qs = (
        Enrolment.objects.filter(pk__in=[member.pk, other.pk])
        .order_by("pk")
        .values_list("id", "worker__full_name", "kpj", "start_date", "end_date")
    )
    schema = {"id": pl.Int64, "name": pl.String, "kpj": pl.String, "start": pl.Date, "end": pl.Date}
    frame = _fetch_frame(qs, schema)
    assert frame.rows() == list(qs)
    assert frame.row(0)[1] == 'Siti "Ani", S.Pd' and frame.row(1)[2] == "" and frame.row(1)[4] is None


def test_a_read_of_nothing_is_an_empty_frame_of_the_schema():
    frame = _fetch_frame(Enrolment.objects.none().values_list("id"), {"id": pl.Int64})
    assert frame.is_empty() and frame.schema == {"id": pl.Int64}
    frame = _fetch_frame(Enrolment.objects.filter(pk=-1).values_list("id"), {"id": pl.Int64})
    assert frame.is_empty() and frame.schema == {"id": pl.Int64}
