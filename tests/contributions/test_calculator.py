from __future__ import annotations

import datetime as dt

import pytest

from lindung.contributions.calculator import (
    ContributionError,
    QuoteCache,
    monthly_contribution,
    programme_month_cost,
    programme_person_cost,
)
from lindung.enrolment.models import Enrolment, Status
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db
D = dt.date


def test_monthly_contribution_for_a_worker_in_an_apbd_programme_is_16800_all_year():
    programme = make_programme()
    worker = new_worker()
    amounts = {
        monthly_contribution(worker=worker, programme=programme, month=m).total
        for m in programme.covered_months()
    }
    assert amounts == {16_800}


def test_monthly_contribution_in_a_csr_programme_follows_pp_50_2025():
    programme = make_programme(funding_source="csr", sponsor=_sponsor().pk, legal_basis_type="")
    worker = new_worker()
    q = monthly_contribution(worker=worker, programme=programme, month=D(2026, 4, 1))
    assert (q.jkk, q.jkm, q.discount, q.total) == (10_000, 6_800, 8_400, 8_400)
    data = q.to_dict()
    assert data["discount_rule"]["legal_basis"] == "PP 50/2025 Pasal 3-7"
    assert [line["rule_id"] for line in data["lines"]] == [line.rule_id for line in q.lines]


def test_a_transport_worker_gets_the_discount_from_january_2026():
    programme = make_programme(funding_source="csr", sponsor=_sponsor().pk)
    driver = new_worker(category="transportasi", occupation_1="Ojek")
    fisher = new_worker()
    january = D(2026, 1, 1)
    assert monthly_contribution(worker=driver, programme=programme, month=january).total == 8_400
    assert monthly_contribution(worker=fisher, programme=programme, month=january).total == 16_800


def test_a_month_outside_the_programme_is_refused():
    programme = make_programme(start_month="2026-07", months=6)
    with pytest.raises(ContributionError, match="di luar masa program"):
        monthly_contribution(worker=new_worker(), programme=programme, month=D(2026, 6, 1))


def test_pu_contribution_uses_the_workers_fixed_income():
    programme = make_programme(
        owner_region=PULAU_MAMBULAU,
        coverage_region=PULAU_MAMBULAU,
        segment="PU",
        funding_source="apbdes",
        apbdes_sub_source="add",
        include_jht=True,
    )
    worker = new_worker(category="perangkat_desa", wage_status="PU", fixed_income=2_000_000)
    q = monthly_contribution(worker=worker, programme=programme, month=D(2026, 5, 1))
    assert (q.jkk, q.jkm, q.jht, q.programme_share, q.worker_share) == (4_800, 6_000, 114_000, 84_800, 40_000)
    worker.fixed_income = None
    with pytest.raises(ContributionError, match="siltap"):
        monthly_contribution(worker=worker, programme=programme, month=D(2026, 5, 1))


def test_month_cost_groups_people_and_matches_the_per_person_function(django_assert_max_num_queries):
    programme = make_programme(funding_source="csr", sponsor=_sponsor().pk)
    enrolments = [make_enrolment(Status.ACTIVE, programme=programme) for _ in range(3)]
    make_enrolment(Status.ACTIVE, programme=programme, worker=new_worker(category="transportasi"))
    quotes = QuoteCache(programme)
    with django_assert_max_num_queries(1):
        paying = Enrolment.objects.filter(programme=programme, status=Status.ACTIVE)
        cost = programme_month_cost(programme, D(2026, 2, 1), enrolments=paying, quotes=quotes)
    assert (cost.people, cost.amount) == (4, 3 * 16_800 + 8_400)
    everyone = Enrolment.objects.filter(programme=programme).select_related("worker")
    assert cost.amount == sum(
        monthly_contribution(worker=e.worker, programme=programme, month=D(2026, 2, 1)).programme_share
        for e in everyone
    )
    assert len(enrolments) == 3


def test_person_cost_over_a_programme_sums_every_covered_month():
    apbd = make_programme()
    assert programme_person_cost(apbd, income=1_000_000) == 201_600
    csr = make_programme(funding_source="csr", sponsor=_sponsor().pk)
    assert programme_person_cost(csr, income=1_000_000) == 3 * 16_800 + 9 * 8_400


def _sponsor():
    from lindung.accounts.services import sponsor_create

    return sponsor_create(actor=None, data={"name": "PT Sawit Makmur", "kind": "csr"})
