from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.services import sponsor_create
from lindung.contributions.services import rule_row_add
from lindung.core.models import AuditEvent
from lindung.people.models import AgeLimit
from lindung.programmes.models import Programme
from lindung.programmes.services import ProgrammeRefused, programme_create, programme_update
from tests.enrolment.builders import make_enrolment
from tests.people.builders import PULAU_MAMBULAU

from .builders import dana_desa_refusal, make_programme, programme_data

pytestmark = pytest.mark.django_db


def refusal(**overrides) -> dict[str, str]:
    with pytest.raises(ProgrammeRefused) as exc:
        programme_create(actor=None, data=programme_data(**overrides))
    return exc.value.errors


def test_a_bengkayang_style_programme_is_created_with_its_legal_basis(django_user_model):
    admin = django_user_model.objects.create_user("admin")
    programme = make_programme(
        admin,
        code="bky-1desa100-2026",
        owner_region="61.07",
        coverage_region="61.07",
        budget_ceiling=2_459_520_000,
    )
    assert programme.legal_basis == "Perbup 23/2024 tentang Program Perlindungan 1 Desa 100 Pekerja Rentan"
    assert programme.end_month.isoformat() == "2026-12-01" and programme.created_by == admin
    assert AuditEvent.objects.filter(action="programme.create", object_id=str(programme.pk)).exists()


@pytest.mark.parametrize("value", ["dana_desa", "DD", "Dana Desa"])
def test_dana_desa_is_refused_as_funding_source(value):
    errors = refusal(funding_source=value)
    assert errors["funding_source"] == dana_desa_refusal()
    assert "SE Dirjen PDP Kemendes Nomor 4/PRI.00/I/2024" in dana_desa_refusal()
    assert not Programme.objects.exists()


def test_dana_desa_is_refused_as_apbdes_sub_source():
    errors = refusal(
        owner_region=PULAU_MAMBULAU,
        coverage_region=PULAU_MAMBULAU,
        funding_source="apbdes",
        apbdes_sub_source="dana_desa",
    )
    assert errors == {"apbdes_sub_source": dana_desa_refusal()}


def test_apbdes_needs_its_sub_source_and_a_village_owner():
    errors = refusal(funding_source="apbdes")
    assert "ADD" in errors["apbdes_sub_source"] and "desa" in errors["owner_region"]


@pytest.mark.parametrize(
    ("overrides", "field", "phrase"),
    [
        ({"code": "Bad Code"}, "code", "huruf kecil"),
        ({"name": " "}, "name", "wajib diisi"),
        ({"owner_region": "62.03.17"}, "owner_region", "provinsi, kabupaten/kota atau desa"),
        ({"owner_region": "99.99"}, "owner_region", "tidak ditemukan"),
        ({"coverage_region": "61.07"}, "coverage_region", "di luar wilayah pemilik"),
        ({"months": 13}, "months", "1–12"),
        ({"start_month": "2025-12"}, "start_month", "tahun anggaran 2026"),
        ({"segment": "XX"}, "segment", "BPU atau PU"),
        ({"include_jp": True}, "include_jp", "hanya untuk program PU"),
        ({"declared_income": 1_500_000}, "declared_income", "Lampiran II"),
        ({"funding_source": "hibah"}, "funding_source", "tidak dikenal"),
        ({"funding_source": "csr"}, "sponsor", "perusahaan sponsornya"),
        ({"legal_basis_number": ""}, "legal_bases", "dasar hukumnya"),
        ({"quota_per_village": -1}, "quota_per_village", "tidak negatif"),
        ({"eligible_categories": ["astronot"]}, "eligible_categories", "astronot"),
        ({"age_min": 70, "age_max": 65}, "age_min", "umur minimal ≤ umur maksimal"),
    ],
)
def test_each_invalid_field_is_named_in_indonesian(overrides, field, phrase):
    errors = refusal(**overrides)
    assert phrase in errors[field]


def test_a_code_is_unique():
    make_programme(code="kapuas-2026")
    assert "sudah dipakai" in refusal(code="kapuas-2026")["code"]


def test_update_changes_fields_audits_and_is_a_no_op_when_nothing_changes():
    programme = make_programme()
    assert programme_update(actor=None, programme=programme, data={"budget_ceiling": 5_000_000}) == [
        "budget_ceiling"
    ]
    assert Programme.objects.get(pk=programme.pk).budget_ceiling == 5_000_000
    assert programme_update(actor=None, programme=programme, data={"budget_ceiling": 5_000_000}) == []
    assert AuditEvent.objects.filter(action="programme.update").count() == 1


def test_update_refuses_to_move_the_months_of_a_programme_with_participants():
    enrolment = make_enrolment()
    with pytest.raises(ProgrammeRefused) as exc:
        programme_update(actor=None, programme=enrolment.programme, data={"months": 6})
    assert "sudah memiliki peserta" in exc.value.errors["months"]


def test_sponsor_kind_must_match_the_funding_source():
    donor = sponsor_create(actor=None, data={"name": "Ibu Sari", "kind": "donor"})
    assert "tidak cocok" in refusal(funding_source="csr", sponsor=donor.pk)["sponsor"]


def test_a_new_programme_takes_the_registry_age_limits_in_force_in_its_first_month():
    rule_row_add(
        actor=None,
        row=AgeLimit(
            valid_from=dt.date(2027, 1, 1), age_min=21, age_max=60, legal_basis="Perbup contoh 2/2026"
        ),
    )
    before = make_programme(fiscal_year=2026, start_month="2026-12")
    after = make_programme(fiscal_year=2027, start_month="2027-01")
    given = make_programme(fiscal_year=2027, start_month="2027-01", age_min=18, age_max=64)
    assert [(p.age_min, p.age_max) for p in (before, after, given)] == [(18, 65), (21, 60), (18, 64)]
