from __future__ import annotations

import pytest
from django.db.models import Count, Min

from lindung.billing.models import Payment
from lindung.billing.selectors import enrolment_arrears, enrolments_due_to_lapse
from lindung.core.models import AuditEvent
from lindung.demo.programmes import demo_load
from lindung.enrolment.models import Enrolment, EnrolmentEvent, Status
from lindung.people.checks import read_nik
from lindung.people.models import Worker
from lindung.programmes.models import Programme
from lindung.regions.codes import parent, subtree_q

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Programme, Worker, Enrolment, EnrolmentEvent, Payment, AuditEvent)
    )


def test_demo_is_set_based_and_summarised_in_one_line(loaded):
    """Fast by construction, not by a stopwatch (a wall-clock bound fails on a busy machine): the year of
    1,700 people, their bills, payments, statement and claims is loaded in a bounded number of SQL statements,
    where a per-person loop over its records would run tens of thousands."""
    summary, statements = loaded
    print(f"demo load: {statements} SQL statements")
    assert statements < 4500  # about 3,000 on SQLite and PostgreSQL today
    assert summary.startswith("Program demo: 6 program, ") and "\n" not in summary


def test_a_second_run_changes_nothing(loaded):
    before = counts()
    assert demo_load(today=TODAY) == "Program demo sudah ada; tidak ada perubahan."
    assert counts() == before


def test_every_status_appears(loaded):
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)


@pytest.mark.parametrize("region", ["62.03.17.2002", "62.03.17", "62.03", "61.07.04.2003", "61.07", "61"])
def test_every_demo_login_region_has_people_and_enrolments(loaded, region):
    assert Enrolment.objects.filter(subtree_q("village_id", region)).count() >= 20


def test_proposals_wait_in_pulau_mambulau_for_the_verifier(loaded):
    waiting = Enrolment.objects.filter(village_id="62.03.17.2002", status=Status.PROPOSED)
    assert waiting.count() >= 10


def test_active_and_non_active_agree_with_the_payments(loaded):
    assert enrolments_due_to_lapse(as_of=TODAY) == []
    non_active = Enrolment.objects.filter(status=Status.NON_ACTIVE).select_related("programme")
    assert non_active.exists()
    assert all(enrolment_arrears(e, as_of=TODAY).lapses for e in non_active)
    first_paid = dict(
        Payment.objects.values("enrolment_id")
        .annotate(first=Min("paid_on"))
        .values_list("enrolment_id", "first")
    )
    for e in Enrolment.objects.filter(status__in=[Status.ACTIVE, Status.NON_ACTIVE]):
        assert len(e.kpj) == 11 and e.start_date == first_paid[e.pk]
    assert not Payment.objects.filter(enrolment__status__in=[Status.PROPOSED, Status.VERIFIED]).exists()


def test_niks_carry_the_kecamatan_and_birth_date_of_each_person(loaded):
    for w in Worker.objects.all()[:400]:
        reading = read_nik(w.nik)
        assert reading.valid and reading.district_code == parent(w.village_id)
        assert (reading.birth_date.day, reading.birth_date.month) == (w.birth_date.day, w.birth_date.month)
        assert reading.gender == w.gender


def test_programmes_follow_the_real_schemes(loaded):
    bky = Programme.objects.get(code="bky-1desa100")
    assert bky.legal_basis_list == [
        "Perbup Bengkayang 23/2024 tentang Program Perlindungan 1 Desa 100 Pekerja Rentan",
        "Inpres 2/2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
        "Inpres 4/2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem",
    ]
    assert (bky.funding_source, bky.months) == ("apbd_kabupaten", 12)
    kalbar = Programme.objects.get(code="kalbar-bantuan-iuran")
    assert (kalbar.months, kalbar.funding_source, kalbar.legal_basis_number) == (6, "apbd_provinsi", "4")
    # A village's own APBDes programme names its sub-source; an umbrella scheme names one per village line.
    village = Programme.objects.filter(funding_source="apbdes", umbrella=False)
    assert set(village.values_list("apbdes_sub_source", flat=True)) == {"add"}
    umbrella = Programme.objects.get(funding_source="apbdes", umbrella=True)
    assert set(umbrella.budget_lines.values_list("sub_source", flat=True)) <= {"add", "pades", "lain"}
    assert Programme.objects.get(code="mambulau-perangkat-pu").segment == "PU"
    assert Programme.objects.get(code="csr-sawit-mantangai").sponsor.kind == "csr"
    # Nobody is funded twice for the same month.
    funded = Enrolment.objects.filter(
        status__in=[Status.PROPOSED, Status.VERIFIED, Status.SUBMITTED, Status.ACTIVE]
    )
    assert not funded.values("worker_id").annotate(n=Count("id")).filter(n__gt=1).exists()
