"""The funding-source policy is rows (``programmes.FundingSourcePolicy``), read for a programme's first month."""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Sponsor
from lindung.accounts.services import sponsor_create
from lindung.contributions.services import RuleRowRefused, rule_row_add
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.programmes.models import DANA_DESA, FundingSource, FundingSourcePolicy
from lindung.programmes.planner import PlanParams, PlanRefused, budget_plan
from lindung.programmes.services import ProgrammeRefused, funding_policy, funding_source_refusal

from .builders import dana_desa_refusal, make_programme, programme_data

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
SE_DANA_DESA = dt.date(2024, 1, 5)  # SE Dirjen PDP Kemendes 4/PRI.00/I/2024
NEW_RULE = dt.date(2027, 1, 1)


def policy(source: str, on: dt.date = TODAY) -> FundingSourcePolicy:
    return funding_policy(source, on=on)


def add_policy(source: str = "dbh_dr", **fields) -> FundingSourcePolicy:
    values = {
        "source": source,
        "label": "DBH-DR",
        "valid_from": NEW_RULE,
        "allowed": False,
        "refusal": "DBH-DR tidak lagi boleh membayar iuran (Peraturan contoh 9/2026).",
        "legal_basis": "Peraturan contoh 9/2026",
    }
    return rule_row_add(actor=None, row=FundingSourcePolicy(**(values | fields)))


def test_every_funding_source_has_a_seeded_row_that_cites_its_basis():
    for source in FundingSource.values:
        row = policy(source)
        assert row is not None and row.allowed and row.legal_basis, source


def test_seeded_rows_reproduce_which_sources_need_a_regulation_and_a_sponsor():
    public = {s for s in FundingSource.values if policy(s).needs_legal_basis}
    assert public == {"apbn", "apbd_provinsi", "apbd_kabupaten", "apbdes", "dbh_sawit", "dbh_dr"}
    kinds = {s: policy(s).sponsor_kind for s in FundingSource.values if policy(s).sponsor_kind}
    assert kinds == {"csr": Sponsor.Kind.CSR, "asn": Sponsor.Kind.ASN, "donor": Sponsor.Kind.DONOR}
    assert [s for s in FundingSource.values if policy(s).sponsor_required] == ["csr"]
    assert [s for s in FundingSource.values if policy(s).owner_level] == ["apbdes"]
    assert policy("apbdes").owner_level == 4 and policy("apbdes").needs_apbdes_sub_source


def test_dana_desa_is_refused_from_the_date_of_the_circular():
    row = policy(DANA_DESA)
    assert not row.allowed and row.valid_from == SE_DANA_DESA
    assert "SE Dirjen PDP Kemendes Nomor 4/PRI.00/I/2024" in row.legal_basis
    assert funding_source_refusal("Dana Desa", on=SE_DANA_DESA) == row.refusal
    # Before it Lindung has no row for Dana Desa: it is refused as an unknown source, not with the circular.
    before = funding_source_refusal("dana_desa", on=SE_DANA_DESA - dt.timedelta(days=1))
    assert "tidak dikenal" in before and "4/PRI.00/I/2024" not in before


def test_an_unknown_source_lists_the_sources_allowed_that_day():
    assert funding_source_refusal("hibah", on=TODAY) == (
        'Sumber dana "hibah" tidak dikenal; pilih salah satu: ' + ", ".join(FundingSource.values) + "."
    )


def test_a_later_row_refuses_a_source_for_programmes_starting_from_its_date():
    add_policy("dbh_dr")
    assert make_programme(funding_source="dbh_dr", fiscal_year=2026, start_month="2026-12")
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(funding_source="dbh_dr", fiscal_year=2027, start_month="2027-01")
    assert exc.value.errors == {
        "funding_source": "DBH-DR tidak lagi boleh membayar iuran (Peraturan contoh 9/2026)."
    }


def test_the_planner_reads_the_same_rows():
    add_policy("dbh_dr")
    plan = dict(region_code="61.07", per_village=100, months=1, income=1_000_000, funding_source="dbh_dr")
    assert budget_plan(PlanParams(start=dt.date(2026, 12, 1), **plan)).total > 0
    with pytest.raises(PlanRefused, match="Peraturan contoh 9/2026"):
        budget_plan(PlanParams(start=NEW_RULE, **plan))
    with pytest.raises(PlanRefused, match="Dana Desa tidak dapat digunakan"):
        budget_plan(PlanParams(start=NEW_RULE, **(plan | {"funding_source": "dana desa"})))


def test_a_later_row_can_ask_private_money_for_a_legal_basis_too():
    add_policy("csr", label="CSR", allowed=True, refusal="", needs_legal_basis=True, sponsor_kind="csr")
    company = sponsor_create(actor=None, data={"name": "PT Contoh", "kind": "csr"})
    no_basis = {
        "funding_source": "csr",
        "sponsor": company.pk,
        "legal_basis_number": "",
        "legal_basis_year": None,
    }
    assert make_programme(**no_basis)
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(**no_basis, fiscal_year=2027, start_month="2027-03")
    assert set(exc.value.errors) == {"legal_bases"}


def test_adding_a_row_goes_through_the_service_with_an_audit_event():
    row = add_policy("dbh_dr")
    event = AuditEvent.objects.get(action=AuditAction.RULE_ADD, object_id=str(row.pk))
    assert event.object_type == "programmes.fundingsourcepolicy"
    assert event.detail["rule"] == {"source": "dbh_dr"} and event.detail["valid_from"] == "2027-01-01"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"refusal": ""}, "__all__"),  # a refused source says why
        ({"source": "hibah"}, "source"),
        ({"sponsor_kind": "bumn"}, "sponsor_kind"),
        ({"owner_level": 3}, "owner_level"),
        ({"legal_basis": " "}, "legal_basis"),
        ({"valid_from": dt.date(2015, 7, 1)}, "valid_from"),  # same day as the seeded row
        ({"valid_to": dt.date(2026, 1, 1)}, "__all__"),  # ends before it starts
    ],
)
def test_an_invalid_row_is_refused_and_nothing_is_written(fields, field):
    with pytest.raises(RuleRowRefused) as exc:
        add_policy(**({"source": "dbh_dr"} | fields))
    assert field in exc.value.errors
    assert not AuditEvent.objects.filter(action=AuditAction.RULE_ADD).exists()


def test_a_stored_row_is_never_changed_through_the_service():
    row = policy("apbn")
    row.needs_legal_basis = False
    with pytest.raises(RuleRowRefused, match="tidak diubah"):
        rule_row_add(actor=None, row=row)
    assert policy("apbn").needs_legal_basis


def test_the_sponsor_rule_names_who_must_be_named():
    with pytest.raises(ProgrammeRefused) as exc:
        make_programme(**programme_data(funding_source="csr"))
    assert exc.value.errors["sponsor"] == "Program CSR wajib menyebut perusahaan sponsornya."
    assert dana_desa_refusal().startswith("Dana Desa tidak dapat digunakan")
