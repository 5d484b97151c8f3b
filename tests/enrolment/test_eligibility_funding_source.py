"""The funding source's own rules, read from its policy row: DBH sawit pays only plantation and oil-palm
workers not yet protected by a company; a total-only programme counts its places without village quotas."""

from __future__ import annotations

import pytest

from lindung.enrolment.eligibility import enrolment_eligibility
from lindung.enrolment.models import Status
from lindung.enrolment.services import EnrolmentIneligible, enrolment_propose, enrolments_propose
from lindung.people.models import Worker
from lindung.programmes.services import funding_policy
from tests.programmes.builders import make_programme

from .builders import TODAY, make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def sawit(**kw):
    return make_programme(funding_source="dbh_sawit", quota_per_village=None, total_quota=500, **kw)


def errors(findings):
    return [f.code for f in findings if f.blocks]


def test_dbh_sawit_refuses_a_fisher_with_the_rule_row_as_basis():
    [f] = enrolment_eligibility(new_worker(category="nelayan"), sawit(), today=TODAY)
    assert f.code == "category_not_for_source" and f.blocks
    assert "Nelayan" in f.message and "Petani / pekebun sawit" in f.message and "DBH sawit" in f.message
    assert "PP 38/2023" in f.basis


def test_dbh_sawit_accepts_an_oil_palm_smallholder_and_a_plantation_labourer():
    programme = sawit()
    for category in ("petani_sawit", "buruh_harian"):
        assert enrolment_eligibility(new_worker(category=category), programme, today=TODAY) == []


def test_a_fisher_is_still_welcome_in_an_apbd_programme():
    assert enrolment_eligibility(new_worker(category="nelayan"), make_programme(), today=TODAY) == []


def test_a_company_kpj_refuses_dbh_sawit_but_only_warns_elsewhere():
    worker = new_worker(category="petani_sawit", kpj="12345678901")
    [f] = enrolment_eligibility(worker, sawit(), today=TODAY)
    assert (f.code, f.field, f.blocks) == ("protected_not_for_source", "kpj", True)
    assert "12345678901" in f.message and "belum terlindungi perusahaan" in f.message
    found = enrolment_eligibility(worker, make_programme(), today=TODAY)
    assert [(f.code, f.blocks) for f in found] == [("already_has_kpj", False)]


def test_a_wage_earner_is_protected_and_refused_by_dbh_sawit():
    worker = new_worker(category="petani_sawit", wage_status="PU", fixed_income=2_500_000)
    found = enrolment_eligibility(worker, sawit(), today=TODAY)
    assert "protected_not_for_source" in errors(found)
    assert [f.field for f in found if f.code == "protected_not_for_source"] == ["wage_status"]


def test_a_kpj_from_an_earlier_lindung_enrolment_is_not_a_company_protection():
    last_year = make_programme(fiscal_year=2025, start_month="2025-01", eligible_categories=["petani_sawit"])
    earlier = make_enrolment(Status.ACTIVE, programme=last_year, worker=new_worker(category="petani_sawit"))
    Worker.objects.filter(pk=earlier.worker_id).update(kpj=earlier.kpj)
    earlier.worker.refresh_from_db()
    found = enrolment_eligibility(earlier.worker, sawit(), today=TODAY)
    assert errors(found) == [] and [f.code for f in found] == ["already_has_kpj"]


def test_the_policy_row_decides_not_the_code():
    row = funding_policy("dbh_sawit", on=TODAY)
    row.allowed_categories = ["nelayan"]
    row.refuses_protected_workers = False
    row.save()
    worker = new_worker(category="nelayan", kpj="12345678901")
    assert errors(enrolment_eligibility(worker, sawit(), today=TODAY)) == []


def test_proposing_a_fisher_to_dbh_sawit_is_refused_one_by_one_and_in_a_batch():
    programme = sawit()
    fisher, smallholder = new_worker(category="nelayan"), new_worker(category="petani_sawit")
    with pytest.raises(EnrolmentIneligible):
        enrolment_propose(actor=None, worker=fisher, programme=programme, today=TODAY)
    report = enrolments_propose(
        actor=None, programme=programme, worker_ids=[fisher.pk, smallholder.pk], today=TODAY
    )
    assert list(report.created) == [smallholder.pk]
    assert [f.code for f in report.refused[fisher.pk]] == ["category_not_for_source"]


def test_a_total_only_programme_counts_places_without_village_quotas():
    programme = make_programme(quota_per_village=None, total_quota=2)
    workers = [new_worker() for _ in range(3)]  # all in the same village
    report = enrolments_propose(
        actor=None, programme=programme, worker_ids=[w.pk for w in workers], today=TODAY
    )
    assert len(report.created) == 2
    assert [f.code for f in report.refused[workers[2].pk]] == ["total_quota_full"]
    [f] = enrolment_eligibility(new_worker(), programme, today=TODAY)
    assert f.code == "total_quota_full" and "2 dari 2 orang" in f.message
