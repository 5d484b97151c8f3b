from __future__ import annotations

import datetime as dt

import pytest

from lindung.enrolment.eligibility import eligibility_many, enrolment_eligibility
from lindung.enrolment.models import Status
from lindung.enrolment.services import village_quota_set
from lindung.people.findings import Severity
from tests.people.builders import PULAU_MAMBULAU
from tests.programmes.builders import make_programme

from .builders import TODAY, make_enrolment, new_worker

pytestmark = pytest.mark.django_db


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity == severity]


def test_an_eligible_person_has_no_findings():
    assert enrolment_eligibility(new_worker(), make_programme(), today=TODAY) == []


def test_switched_off_or_finished_programmes_take_no_proposals():
    worker = new_worker()
    off = make_programme(is_active=False)
    assert codes(enrolment_eligibility(worker, off, today=TODAY)) == ["programme_inactive"]
    past = make_programme(fiscal_year=2025, start_month="2025-01")
    [f] = enrolment_eligibility(worker, past, today=TODAY)
    assert f.code == "programme_inactive" and "masa program berakhir Desember 2025" in f.message


def test_a_second_enrolment_in_the_same_programme_is_refused():
    enrolment = make_enrolment(Status.VERIFIED)
    [f] = enrolment_eligibility(enrolment.worker, enrolment.programme, today=TODAY)
    assert f.code == "already_in_programme" and "status terverifikasi" in f.message


def test_domicile_outside_the_coverage_area_is_an_error():
    worker = new_worker()
    programme = make_programme(owner_region="61.07", coverage_region="61.07")
    [f] = [f for f in enrolment_eligibility(worker, programme, today=TODAY) if f.blocks]
    assert f.code == "outside_coverage"
    assert f.message == (
        f"Desa domisili {PULAU_MAMBULAU} berada di luar wilayah cakupan program {programme.code} (61.07)."
    )


@pytest.mark.parametrize(
    ("birth", "code"),
    [
        (dt.date(1965, 12, 31), None),  # 60 on 1 January 2026: admitted (limits are inclusive)
        (dt.date(1965, 1, 1), "age_above_max"),  # 61 on 1 January 2026
        (dt.date(2005, 1, 1), None),  # 21 exactly
        (dt.date(2005, 1, 2), "age_below_min"),  # 20 on the first covered month
    ],
)
def test_age_is_checked_on_the_first_covered_month_against_the_programme_limits(birth, code):
    worker = new_worker(birth=birth)
    found = enrolment_eligibility(worker, make_programme(age_min=21, age_max=60), today=TODAY)
    assert codes(found, Severity.ERROR) == ([code] if code else [])
    if code:
        assert "01-01-2026" in found[0].message and "Batas umur program" in found[0].basis


def test_a_category_outside_the_programme_targets_is_an_error():
    programme = make_programme(eligible_categories=["keagamaan", "rt_rw"])
    [f] = enrolment_eligibility(new_worker(category="nelayan"), programme, today=TODAY)
    assert f.code == "category_not_eligible" and "Nelayan" in f.message and "Ketua RT/RW" in f.message


def test_a_wage_earner_cannot_join_a_bpu_programme():
    worker = new_worker(wage_status="PU", fixed_income=2_500_000)
    [f] = enrolment_eligibility(worker, make_programme(), today=TODAY)
    assert f.code == "wage_earner_in_bpu"


def _village_officials_programme(**overrides):
    return make_programme(
        owner_region=PULAU_MAMBULAU,
        coverage_region=PULAU_MAMBULAU,
        segment="PU",
        funding_source="apbdes",
        apbdes_sub_source="add",
        legal_basis_type="Perkades",
        legal_basis_number="3",
        legal_basis_year=2026,
        eligible_categories=["kepala_desa", "perangkat_desa"],
        **overrides,
    )


def test_a_pu_programme_needs_the_fixed_income():
    programme = _village_officials_programme()
    [f] = enrolment_eligibility(
        new_worker(category="perangkat_desa", wage_status="PU"), programme, today=TODAY
    )
    assert f.code == "fixed_income_required"
    ok = new_worker(category="perangkat_desa", wage_status="PU", fixed_income=2_000_000)
    assert enrolment_eligibility(ok, programme, today=TODAY) == []


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.VERIFIED, Status.SUBMITTED, Status.ACTIVE])
def test_being_funded_by_another_programme_in_an_overlapping_month_is_double_funding(status):
    other = make_programme(name="Bantuan Iuran Provinsi", start_month="2026-07", months=6)
    enrolment = make_enrolment(status, programme=other)
    programme = make_programme(start_month="2026-12", months=1)
    [f] = enrolment_eligibility(enrolment.worker, programme, today=TODAY)
    assert f.code == "double_funding"
    assert f'program "Bantuan Iuran Provinsi" ({other.code}, Juli 2026 – Desember 2026)' in f.message


@pytest.mark.parametrize("status", [Status.REJECTED, Status.NON_ACTIVE, Status.ENDED])
def test_no_double_funding_when_the_other_programme_is_not_paying(status):
    other = make_programme()
    enrolment = make_enrolment(status, programme=other, paid_months=1)
    assert codes(enrolment_eligibility(enrolment.worker, make_programme(), today=TODAY), Severity.ERROR) == []


def test_no_double_funding_for_programmes_whose_months_do_not_overlap():
    march = dt.date(2026, 3, 1)
    other = make_programme(start_month="2026-01", months=6)
    enrolment = make_enrolment(Status.ACTIVE, programme=other, today=march)
    later = make_programme(start_month="2026-07", months=6)
    assert codes(enrolment_eligibility(enrolment.worker, later, today=march), Severity.ERROR) == []


def test_village_quota_override_is_enforced():
    programme = make_programme(quota_per_village=100)
    village_quota_set(actor=None, programme=programme, village_code=PULAU_MAMBULAU, quota=1)
    make_enrolment(Status.PROPOSED, programme=programme)
    [f] = enrolment_eligibility(new_worker(), programme, today=TODAY)
    assert f.code == "village_quota_full"
    assert (
        f"Kuota desa {PULAU_MAMBULAU} di program {programme.code} sudah penuh: 1 dari 1 orang." == f.message
    )


def test_rejected_and_ended_enrolments_give_their_place_back():
    programme = make_programme(quota_per_village=1)
    make_enrolment(Status.REJECTED, programme=programme)
    assert enrolment_eligibility(new_worker(), programme, today=TODAY) == []


def test_total_quota_is_enforced():
    programme = make_programme(total_quota=1)
    make_enrolment(Status.ACTIVE, programme=programme)
    [f] = enrolment_eligibility(new_worker(), programme, today=TODAY)
    assert f.code == "total_quota_full" and "1 dari 1 orang" in f.message


def test_budget_ceiling_is_enforced_with_the_yearly_cost_of_each_person():
    # APBD-funded: Rp 16.800 × 12 = Rp 201.600 a person. Room for exactly two.
    programme = make_programme(budget_ceiling=2 * 201_600 + 201_599)
    make_enrolment(Status.ACTIVE, programme=programme)
    assert enrolment_eligibility(new_worker(), programme, today=TODAY) == []
    make_enrolment(Status.PROPOSED, programme=programme)
    [f] = enrolment_eligibility(new_worker(), programme, today=TODAY)
    assert f.code == "budget_ceiling_exceeded"
    assert "Rp 403.200 ditambah Rp 201.600 untuk orang ini menjadi Rp 604.800" in f.message


def test_registry_warnings_and_an_existing_kpj_are_passed_on_as_warnings():
    # A NIK issued in Kapuas, living in Bengkayang: the registry saved it with a warning.
    worker = new_worker(village_code="61.07.04.2003", kpj="12345678901")
    programme = make_programme(owner_region="61.07", coverage_region="61.07")
    found = enrolment_eligibility(worker, programme, today=TODAY)
    assert codes(found, Severity.WARNING) == ["domicile_outside_nik_regency", "already_has_kpj"]
    assert codes(found, Severity.ERROR) == []


def test_the_batch_form_gives_places_in_order_with_a_fixed_number_of_queries(django_assert_max_num_queries):
    programme = make_programme(quota_per_village=3, budget_ceiling=10_000_000)
    workers = [new_worker() for _ in range(5)]
    with django_assert_max_num_queries(12):
        result = eligibility_many(programme, [w.pk for w in workers], today=TODAY)
    assert [codes(result[w.pk]) for w in workers] == [
        [],
        [],
        [],
        ["village_quota_full"],
        ["village_quota_full"],
    ]
