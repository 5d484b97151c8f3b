"""Field validation: formula-looking names and addresses are flagged for a verifier, never refused."""

from __future__ import annotations

import pytest

from lindung.people.findings import KINDS, Severity
from lindung.people.services import worker_save
from lindung.people.validation import field_findings, formula_findings

from .builders import worker_data

FORMULAS = ['=HYPERLINK("http://x","klik")', "+1+1", "@SUM(A1)", "-2+3", "  =1+1"]


@pytest.mark.parametrize("name", FORMULAS)
def test_a_name_that_starts_like_a_formula_is_a_warning(name):
    found = formula_findings({"full_name": name})
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("name_formula_like", "full_name", Severity.WARNING)
    ]
    assert found[0].message == KINDS["name_formula_like"].template


def test_an_address_that_starts_like_a_formula_is_a_warning():
    assert [f.code for f in formula_findings({"address": "@SUM(A1)"})] == ["address_formula_like"]


@pytest.mark.parametrize("text", ["Siti Aminah", "-", "Jl. Merdeka -2", "", "+6281234567890"])
def test_ordinary_names_and_addresses_are_not_flagged(text):
    assert formula_findings({"full_name": text, "address": text}) == []


def test_the_formula_warning_does_not_block_the_shape_check():
    assert field_findings({"full_name": "=1+1", "address": "@SUM(A1)"}) == []


@pytest.mark.django_db
def test_a_worker_saved_with_a_formula_name_is_kept_for_review():
    result = worker_save(actor=None, data=worker_data(full_name="=HYPERLINK(1)", address="+1+1 Jl. Baru"))
    worker = result.worker
    assert worker.full_name == "=HYPERLINK(1)"
    assert worker.needs_review
    assert {f["code"] for f in worker.findings} >= {"name_formula_like", "address_formula_like"}
