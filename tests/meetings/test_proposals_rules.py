"""Every rule the monev report can propose has a responsible party when a meeting adopts it."""

from __future__ import annotations

from lindung.meetings import proposals
from lindung.monev import recommendations


def test_every_recommendation_rule_has_a_responsible_agency():
    rules = {value for name, value in vars(recommendations).items() if name.endswith("_RULE")}
    assert rules and rules <= set(proposals._AGENCY)
