from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.core.models import AuditEvent
from lindung.meetings.services import recommendation_update
from tests.accounts.builders import signed_in

from .builders import APRIL, KAPUAS, NEIGHBOUR, adopt, build, fill_neighbour, march_world, record

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_minutes_hold_attendance_figures_recommendations_and_follow_up(client):
    world = march_world()
    march = record()
    rec = adopt(
        march,
        title="Desa Sei Lunuk mengisi kuotanya",
        villages=[NEIGHBOUR],
        target_kind="commitment",
        target_percent="100",
    )
    recommendation_update(actor=None, recommendation=rec, status="in_progress")
    fill_neighbour(world.kapuas, 3)
    build(APRIL)
    april = record(held_on=dt.date(2026, 4, 28), period=APRIL)
    adopt(april, title="Dinsos memverifikasi usulan baru", agency="dinsos", due_on=dt.date(2026, 5, 31))
    signed_in(client, Role.AUDITOR, KAPUAS)
    response = client.get(f"/rapat/{april.pk}/notulen.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response.content).split())
    for expected in (
        "Notulen rapat monitoring dan evaluasi",
        "Berita acara rapat monitoring dan evaluasi",
        "DPMD",
        "Ir. Budi Santoso",
        "BPJS Ketenagakerjaan cabang",
        "Kepala desa",
        "Yohanes",
        "Dinsos memverifikasi usulan baru",
        "Desa Sei Lunuk mengisi kuotanya",
        "Sedang dikerjakan",
        "20,00 %",
        "50,00 %",
        "Drs. H. Sukarno",
        "Kepala DPMD",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="minutes.download", object_id=str(april.pk)).exists()
