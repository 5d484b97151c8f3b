from __future__ import annotations

import datetime as dt

import pytest

from lindung.accounts.models import Role
from lindung.meetings.models import Meeting, Recommendation
from tests.accounts.builders import signed_in

from .builders import KAPUAS, MAMBULAU, NEIGHBOUR, adopt, march_world, record

pytestmark = pytest.mark.django_db


def _record_form(**extra) -> dict:
    return {
        "region": KAPUAS,
        "held_on": "2026-03-25",
        "place": "Aula DPMD",
        "period": "2026-03",
        "present_dpmd": "1",
        "name_dpmd": "Budi",
        "present_bpjs": "1",
        "camat": "62.03.17; Pak Camat",
        "kepala_desa": f"{NEIGHBOUR}\n{MAMBULAU}; Ibu Kades",
        "chair_name": "Drs. Sukarno",
        "chair_title": "Kepala DPMD",
    } | extra


def test_the_admin_records_a_meeting_and_adopts_a_proposal(client):
    march_world()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    response = client.post("/rapat/baru/", _record_form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rapat/{meeting.pk}/"
    assert meeting.attendance.count() == 5
    page = client.get(f"/rapat/{meeting.pk}/").content.decode()
    assert "Desa Sei Lunuk mengisi 100 % kuotanya" in page
    key = next(p["key"] for p in meeting.figures["proposals"] if p["villages"] == [NEIGHBOUR])
    response = client.post(
        f"/rapat/{meeting.pk}/rekomendasi/",
        {"proposal": key, "due_on": "2026-03-31", "villages": NEIGHBOUR, "agency": ""},
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert [v.region_id for v in rec.villages.all()] == [NEIGHBOUR]
    assert (rec.target_kind, rec.target_region_id, str(rec.baseline)) == ("commitment", NEIGHBOUR, "20.00")


def test_a_refused_meeting_names_the_field(client):
    march_world()
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    response = client.post("/rapat/baru/", _record_form(place="", kepala_desa="61.07.04.2003"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tempat rapat wajib diisi." in page
    assert "Kehadiran baris" in page and "wilayah" in page


def test_the_village_operator_sees_what_was_asked_of_the_village_on_home(client):
    march_world()
    meeting = record()
    adopt(meeting, title="Isi kuota Sei Lunuk", villages=[NEIGHBOUR], due_on=dt.date(2026, 3, 31))
    adopt(meeting, title="Urusan DPMD saja", agency="dpmd")
    signed_in(client, Role.OPERATOR_DESA, NEIGHBOUR)
    page = client.get("/").content.decode()
    assert "Rekomendasi untuk Anda" in page
    assert "Isi kuota Sei Lunuk" in page and "Lewat tenggat" in page
    assert "Urusan DPMD saja" not in page
    # The meeting itself is the regency's: a village reads what was asked of it, not the meeting's report.
    assert client.get(f"/rapat/{meeting.pk}/").status_code == 404


def test_other_villages_do_not_see_it(client):
    march_world()
    adopt(record(), title="Isi kuota Sei Lunuk", villages=[NEIGHBOUR])
    signed_in(client, Role.OPERATOR_DESA, MAMBULAU)
    assert "Isi kuota Sei Lunuk" not in client.get("/").content.decode()
    assert "Isi kuota Sei Lunuk" not in client.get("/rapat/rekomendasi/?tampil=all").content.decode()


def test_the_kecamatan_sees_its_villages_recommendations(client):
    march_world()
    adopt(record(), title="Isi kuota Sei Lunuk", villages=[NEIGHBOUR])
    signed_in(client, Role.PENDAMPING, "62.03.17")
    assert "Isi kuota Sei Lunuk" in client.get("/rapat/rekomendasi/").content.decode()


def test_overdue_filter_lists_only_overdue(client):
    march_world()
    meeting = record()
    adopt(meeting, title="Sudah lewat", agency="dpmd", due_on=dt.date(2026, 3, 31))
    adopt(meeting, title="Masih lama", agency="dpmd", due_on=dt.date(2099, 12, 31))
    signed_in(client, Role.AUDITOR, KAPUAS)
    page = client.get("/rapat/rekomendasi/?tampil=overdue").content.decode()
    assert "Sudah lewat" in page and "Masih lama" not in page


def test_status_change_with_reason(client):
    march_world()
    rec = adopt(record(), agency="dpmd")
    signed_in(client, Role.ADMIN_PROGRAM, KAPUAS)
    response = client.post(
        f"/rapat/rekomendasi/{rec.pk}/tindak-lanjut/", {"status": "dropped", "reason": "Digabung"}
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.reason) == ("dropped", "Digabung")
