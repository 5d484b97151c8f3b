"""The arrears list page and the coverage page: thin views over the selectors, scoped and audited."""

from __future__ import annotations

import pytest

from lindung.accounts.models import Role, Sponsor
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Status
from tests.accounts.builders import signed_in
from tests.enrolment.builders import make_enrolment, new_worker
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def test_the_arrears_page_lists_names_months_amount_and_lapse_date(client):
    behind = make_enrolment(Status.ACTIVE, paid_months=7)
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    response = client.get(f"/iuran/tunggakan/?programme={behind.programme.code}&tanggal=2026-09-20")
    assert response.status_code == 200
    html = response.content.decode()
    assert behind.worker.full_name in html and "Agustus 2026, September 2026" in html
    assert "Rp 33.600" in html and "non-aktif bila belum dibayar sampai 16-11-2026" in html
    event = AuditEvent.objects.get(action="arrears.view")
    assert event.detail["workers"] == [behind.worker_id]


def test_the_arrears_page_filters_by_village_and_stays_in_the_region(client):
    programme = make_programme()
    here = make_enrolment(Status.ACTIVE, programme=programme, paid_months=7)
    elsewhere = make_enrolment(
        Status.ACTIVE, programme=programme, paid_months=7, worker=new_worker(village_code="62.03.17.2003")
    )
    signed_in(client, Role.ADMIN_PROGRAM, "62.03")
    page = client.get("/iuran/tunggakan/?village=62.03.17.2003&tanggal=2026-09-20")
    assert [r.enrolment_id for r in page.context["page"].object_list] == [elsewhere.pk]
    signed_in(client, Role.OPERATOR_DESA, "62.03.17.2002")
    page = client.get("/iuran/tunggakan/?tanggal=2026-09-20")
    assert [r.enrolment_id for r in page.context["page"].object_list] == [here.pk]
    signed_in(client, Role.BENDAHARA, "61.07")
    assert client.get("/iuran/tunggakan/?tanggal=2026-09-20").context["page"].object_list == []


def test_the_arrears_page_is_refused_to_the_sponsor_and_explains_a_bad_date(client):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    assert client.get("/iuran/tunggakan/").status_code == 403
    signed_in(client, Role.AUDITOR, "62.03")
    response = client.get("/iuran/tunggakan/?tanggal=19-05-2026")
    assert response.status_code == 200 and "tidak sah; tulis TTTT-BB-HH" in response.content.decode()


def test_the_coverage_page_answers_for_a_day(client):
    """The NIK is posted, never put in the URL (ADR 0007)."""
    enrolment = make_enrolment(Status.ACTIVE, paid_months=1)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    response = client.post("/iuran/perlindungan/", {"nik": enrolment.worker.nik, "tanggal": "2026-05-19"})
    assert response.status_code == 200
    [answer] = response.context["answers"]
    assert not answer.covered and "menunggak 4 bulan" in response.content.decode()
    response = client.post("/iuran/perlindungan/", {"nik": "123", "tanggal": "2026-05-19"})
    assert "Isi NIK 16 digit atau nomor KPJ 11 digit." in response.content.decode()
    signed_in(client, Role.PETUGAS_BPJS, "61.07")
    response = client.post("/iuran/perlindungan/", {"nik": enrolment.worker.nik, "tanggal": "2026-05-19"})
    assert "tidak ditemukan di wilayah Anda" in response.content.decode()
