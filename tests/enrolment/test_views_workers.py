"""Worker list, detail, form and the live NIK check, as each role sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.enrolment.models import Enrolment, Status
from lindung.people import services as people_services
from lindung.people.models import Worker
from tests.accounts.builders import signed_in
from tests.people.builders import PULAU_MAMBULAU, make_nik, make_worker, worker_data
from tests.programmes.builders import current_programme

from .builders import make_enrolment

pytestmark = pytest.mark.django_db
NEIGHBOUR = "62.03.17.2003"


def form_data(**overrides):
    data = worker_data(**overrides)
    data["birth_date"] = data["birth_date"].isoformat()
    return {k: v for k, v in data.items() if v is not None}


def test_operator_lists_only_its_village_with_full_nik(client):
    mine = make_worker()
    other = make_worker(serial=2, full_name="Siti Aminah", village_code=NEIGHBOUR)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.get("/pekerja/").content.decode()
    assert mine.full_name in html and mine.nik in html
    assert other.full_name not in html


def test_reviewer_sees_nik_masked(client):
    worker = make_worker()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    html = client.get("/pekerja/").content.decode()
    assert worker.nik not in html
    assert f"{worker.nik[:4]}********{worker.nik[-4:]}" in html


def test_search_by_name_is_a_post_and_ignores_titles(client):
    make_worker(full_name="Hj. Siti Aminah, S.Pd")
    make_worker(serial=2, full_name="Budi Santoso")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.post("/pekerja/", {"q": "SITI aminah"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Hj. Siti Aminah, S.Pd" in html and "Budi Santoso" not in html
    assert "<html" not in html  # the htmx partial, not the whole page


def test_search_text_in_a_url_is_ignored(client):
    make_worker(full_name="Budi Santoso")
    make_worker(serial=2, full_name="Siti Aminah")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.get("/pekerja/?q=siti").content.decode()
    assert "Budi Santoso" in html and "Siti Aminah" in html


def test_search_by_whole_nik_finds_the_person(client):
    worker = make_worker()
    make_worker(serial=2, full_name="Siti Aminah")
    signed_in(client, Role.PENDAMPING, "62.03.17")
    html = client.post("/pekerja/", {"q": worker.nik}).content.decode()
    assert "Budi Santoso" in html and "Siti Aminah" not in html


def test_masked_roles_cannot_search_part_of_a_nik(client):
    worker = make_worker()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    html = client.post("/pekerja/", {"q": worker.nik[:10]}).content.decode()
    assert "Tidak ada pekerja yang cocok." in html
    client.logout()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert "Budi Santoso" in client.post("/pekerja/", {"q": worker.nik[:10]}).content.decode()


def test_list_filters_by_enrolment_status_and_village(client):
    programme = current_programme()
    rejected = make_enrolment(Status.REJECTED, programme=programme)
    make_enrolment(Status.PROPOSED, programme=programme)
    other_village = make_worker(serial=99, full_name="Warga Sebelah", village_code=NEIGHBOUR)
    signed_in(client, Role.PENDAMPING, "62.03.17")
    page = client.get("/pekerja/?status=rejected").context["page"]
    assert [w.pk for w in page] == [rejected.worker_id]
    page = client.get(f"/pekerja/?region={NEIGHBOUR}").context["page"]
    assert [w.pk for w in page] == [other_village.pk]


def test_list_is_paginated(client):
    for serial in range(1, 28):
        make_worker(serial=serial, full_name=f"Pekerja {serial:02d}")
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    first = client.get("/pekerja/").context["page"]
    second = client.post("/pekerja/", {"page": "2"}).context["page"]
    assert len(first) == 25 and len(second) == 2


def test_viewing_a_worker_writes_an_audit_event(client):
    worker = make_worker()
    user = signed_in(client, Role.AUDITOR, "62.03")
    assert client.get(f"/pekerja/{worker.pk}/").status_code == 200
    event = AuditEvent.objects.get(action="worker.view")
    assert (event.actor, event.object_id, event.region_code) == (user, str(worker.pk), PULAU_MAMBULAU)


def test_foreign_worker_is_404_and_logged(client):
    other = make_worker(village_code=NEIGHBOUR)
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert client.get(f"/pekerja/{other.pk}/").status_code == 404
    assert client.get(f"/pekerja/{other.pk}/ubah/").status_code == 404
    denied = AuditEvent.objects.filter(action="access.denied", actor=user, object_id=str(other.pk))
    assert denied.count() == 2
    assert not AuditEvent.objects.filter(action="worker.view").exists()


def test_detail_shows_history_with_who_and_when(client):
    programme = current_programme()
    verifier = signed_in(client, Role.VERIFIKATOR, "62.03")
    enrolment = make_enrolment(Status.PROPOSED, programme=programme)
    from lindung.enrolment.services import enrolment_reject

    enrolment_reject(actor=verifier, enrolment=enrolment, reason="Foto KTP buram")
    html = client.get(f"/pekerja/{enrolment.worker_id}/").content.decode()
    assert verifier.username in html and "Foto KTP buram" in html
    assert "diusulkan" in html and "ditolak" in html


def test_sponsor_sees_its_people_without_contact_details(client):
    from lindung.accounts.models import Sponsor

    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    programme = current_programme(funding_source="csr", sponsor=sponsor.pk)
    funded = make_enrolment(Status.PROPOSED, programme=programme)
    not_funded = make_worker(serial=77, full_name="Bukan Binaan")
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    html = client.get("/pekerja/").content.decode()
    assert funded.worker.full_name in html and not_funded.full_name not in html
    detail = client.get(f"/pekerja/{funded.worker_id}/").content.decode()
    assert funded.worker.nik not in detail and funded.worker.phone not in detail
    assert "Jl. Sungai Kapuas" not in detail
    assert client.get(f"/pekerja/{not_funded.pk}/").status_code == 404


def test_operator_registers_a_worker_and_proposes_them(client):
    programme = current_programme()
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    data = form_data() | {"programme": programme.pk}
    response = client.post("/pekerja/baru/", data)
    worker = Worker.objects.get(nik=data["nik"])
    assert response.status_code == 302 and response["Location"] == f"/pekerja/{worker.pk}/"
    enrolment = Enrolment.objects.get(worker=worker)
    assert (enrolment.programme, enrolment.status, enrolment.proposed_by) == (
        programme,
        Status.PROPOSED,
        user,
    )


def test_blocking_finding_is_shown_on_its_field_and_nothing_is_saved(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    data = form_data(nik="6203171708850000")
    response = client.post("/pekerja/baru/", data)
    assert response.status_code == 200
    assert "Nomor urut NIK (4 digit terakhir) tidak boleh 0000." in response.context["form"].errors["nik"]
    assert not Worker.objects.exists()


def test_operator_cannot_register_into_another_village(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.post("/pekerja/baru/", form_data(village_code=NEIGHBOUR))
    assert response.status_code == 200
    assert not Worker.objects.exists()


def test_nik_registered_elsewhere_is_not_taken_over(client):
    other = make_worker(village_code=NEIGHBOUR)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.post("/pekerja/baru/", form_data(full_name="Nama Lain"))
    assert "NIK ini sudah terdaftar di luar wilayah Anda" in response.content.decode()
    other.refresh_from_db()
    assert (other.village_id, other.full_name) == (NEIGHBOUR, "Budi Santoso")


def test_nik_check_shows_what_the_nik_says(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    nik = make_nik(birth=dt.date(1990, 8, 17), gender="P", serial=12)
    html = client.post("/pekerja/periksa-nik/", {"nik": nik}, HTTP_HX_REQUEST="true").content.decode()
    assert "17 Agustus 1990" in html and "Perempuan" in html and "Bataguh" in html
    assert "Kabupaten Kapuas" in html
    assert "NIK terbaca dengan baik." in html


def test_nik_check_reports_findings_before_saving(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    nik = make_nik(birth=dt.date(1990, 8, 17), gender="P", serial=12)
    html = client.post(
        "/pekerja/periksa-nik/", {"nik": nik, "gender": "L", "village_code": PULAU_MAMBULAU}
    ).content.decode()
    assert "tidak sama dengan jenis kelamin menurut NIK" in html
    html = client.post("/pekerja/periksa-nik/", {"nik": "62031757"}).content.decode()
    assert "8 dari 16 digit" in html
    html = client.post("/pekerja/periksa-nik/", {"nik": "6203171708850000"}).content.decode()
    assert "tidak boleh 0000" in html
    assert not Worker.objects.exists()


def test_nik_check_is_post_only(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert client.get("/pekerja/periksa-nik/", {"nik": "6203171708850001"}).status_code == 405


def test_operator_fixes_a_rejected_row_and_it_goes_back_to_the_queue(client):
    programme = current_programme()
    enrolment = make_enrolment(Status.REJECTED, programme=programme)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    worker = enrolment.worker
    data = form_data(nik=worker.nik, full_name="Budi Santoso Diperbaiki", serial=int(worker.nik[-4:]))
    data["repropose"] = "1"
    response = client.post(f"/pekerja/{worker.pk}/ubah/", data)
    assert response.status_code == 302
    enrolment.refresh_from_db()
    worker.refresh_from_db()
    assert worker.full_name == "Budi Santoso Diperbaiki"
    assert enrolment.status == Status.PROPOSED


def test_edit_cannot_change_the_nik(client):
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    data = form_data(nik=make_nik(serial=55))
    client.post(f"/pekerja/{worker.pk}/ubah/", data)
    assert list(Worker.objects.values_list("nik", flat=True)) == [worker.nik]


def test_propose_from_the_detail_page(client):
    programme = current_programme()
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    page = client.get(f"/pekerja/{worker.pk}/").content.decode()
    assert "Usulkan ke program" in page
    client.post(f"/pekerja/{worker.pk}/usulkan/", {"programme": programme.pk})
    assert Enrolment.objects.get(worker=worker).status == Status.PROPOSED


def test_ineligible_proposal_shows_the_reason(client):
    programme = current_programme(age_max=30)
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.post(f"/pekerja/{worker.pk}/usulkan/", {"programme": programme.pk}, follow=True)
    assert "melewati batas maksimal 30 tahun" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_roles_without_edit_cannot_open_the_form(client):
    signed_in(client, Role.VERIFIKATOR, "62.03")
    assert client.get("/pekerja/baru/").status_code == 403
    assert client.post("/pekerja/periksa-nik/", {"nik": "6203171708850001"}).status_code == 403


def test_pendamping_sees_the_birth_year_not_the_date_on_the_detail_page(client):
    worker = make_worker()
    signed_in(client, Role.PENDAMPING, "62.03.17")
    html = client.get(f"/pekerja/{worker.pk}/").content.decode()
    assert "17 Agustus 1985" not in html and "1985" in html


def test_sponsor_is_not_shown_the_sex(client):
    from lindung.accounts.models import Sponsor

    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    funded = make_enrolment(programme=current_programme(funding_source="csr", sponsor=sponsor.pk))
    signed_in(client, Role.SPONSOR, "62.03", sponsor=sponsor)
    html = client.get(f"/pekerja/{funded.worker_id}/").content.decode()
    assert "Laki-laki" not in html and "Jenis kelamin" not in html


def test_nik_check_outside_the_region_does_not_say_where(client):
    elsewhere = make_worker(village_code=NEIGHBOUR)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.post("/pekerja/periksa-nik/", {"nik": elsewhere.nik}).content.decode()
    assert "di luar wilayah Anda" in html
    assert elsewhere.village.name not in html and f"/pekerja/{elsewhere.pk}/" not in html


def test_nik_check_in_the_region_links_to_the_person(client):
    mine = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    html = client.post("/pekerja/periksa-nik/", {"nik": mine.nik}).content.decode()
    assert "sudah terdaftar di wilayah Anda" in html and f"/pekerja/{mine.pk}/" in html


def test_nik_check_is_audited_once_per_whole_nik(client):
    user = signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    client.post("/pekerja/periksa-nik/", {"nik": "62031717"})
    client.post("/pekerja/periksa-nik/", {"nik": make_nik()})
    events = AuditEvent.objects.filter(action=AuditAction.NIK_CHECK, actor=user)
    assert events.count() == 1 and make_nik() not in str(events.get().detail)


def test_nik_check_past_the_limit_shows_a_message(client, monkeypatch):
    cache.clear()
    monkeypatch.setattr(people_services, "NIK_CHECK_LIMIT", 1)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    client.post("/pekerja/periksa-nik/", {"nik": make_nik(serial=1)})
    html = client.post("/pekerja/periksa-nik/", {"nik": make_nik(serial=2)}).content.decode()
    cache.clear()
    assert "Terlalu banyak pemeriksaan NIK" in html and "Laki-laki" not in html


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_worker_list_is_one_read_event_naming_the_people_shown(client):
    shown = [make_worker(serial=n, full_name=f"Orang {n}") for n in (1, 2)]
    signed_in(client, Role.PENDAMPING, "62.03.17")
    client.get("/pekerja/")
    [event] = _events(AuditAction.WORKER_LIST)
    assert sorted(event.detail["workers"]) == sorted(w.pk for w in shown)
    assert not AuditAction(event.action).changes_data


def test_worker_search_is_one_read_event_naming_the_person_found(client):
    found = make_worker(serial=1, full_name="Siti Aminah")
    make_worker(serial=2)
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    client.post("/pekerja/", {"q": "siti"}, HTTP_HX_REQUEST="true")
    [event] = _events(AuditAction.WORKER_LIST)
    assert event.detail["workers"] == [found.pk]


def test_opening_the_edit_form_is_a_read_of_the_worker(client):
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    client.get(f"/pekerja/{worker.pk}/ubah/")
    [event] = _events(AuditAction.WORKER_VIEW)
    assert event.object_id == str(worker.pk) and not AuditAction(event.action).changes_data


@pytest.mark.parametrize("url", ["/pekerja/", "/pekerja/{pk}/", "/pekerja/{pk}/ubah/", "/pekerja/baru/"])
def test_worker_pages_are_not_stored_by_browsers(client, url):
    worker = make_worker()
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    response = client.get(url.format(pk=worker.pk))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_nik_check_is_not_stored_by_browsers(client):
    signed_in(client, Role.OPERATOR_DESA, PULAU_MAMBULAU)
    assert "no-store" in client.post("/pekerja/periksa-nik/", {"nik": make_nik()})["Cache-Control"]
