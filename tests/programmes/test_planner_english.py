"""A refused plan is explained in the reader's language: the planner's reasons are worded when they are raised."""

from __future__ import annotations

import pytest
from django.utils import translation

from lindung.programmes.planner import PlanRefused, plan_month_parse


def test_a_refused_start_month_reads_in_english_on_an_english_page():
    with (
        translation.override("en"),
        pytest.raises(PlanRefused, match='Start month "Januari" is not recognised'),
    ):
        plan_month_parse("Januari")


def test_and_in_indonesian_otherwise():
    with pytest.raises(PlanRefused, match='Bulan mulai "Januari" tidak dikenali'):
        plan_month_parse("Januari")
