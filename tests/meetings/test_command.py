"""``lindung meeting``: the same services as the pages, as the named user."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from lindung.accounts.models import Role
from lindung.meetings.models import Meeting, Recommendation
from tests.accounts.builders import make_user

from .builders import KAPUAS, NEIGHBOUR, march_world

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("meeting", *args, stdout=out)
    return out.getvalue()


def test_record_adopt_follow_up_and_minutes_from_the_command_line(tmp_path):
    march_world()
    make_user(Role.ADMIN_PROGRAM, KAPUAS, username="admin")
    make_user(Role.OPERATOR_DESA, NEIGHBOUR, username="operator")
    out = run(
        "record", "--region", KAPUAS, "--date", "2026-03-25", "--place", "Aula DPMD", "--period", "2026-03",
        "--attend", "dpmd:", "--attend", f"kepala_desa:{NEIGHBOUR}:Yohanes", "--user", "admin",
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert f"Rapat #{meeting.pk} dicatat" in out
    key = next(p["key"] for p in meeting.figures["proposals"] if p["villages"] == [NEIGHBOUR])
    run("adopt", str(meeting.pk), "--proposal", key, "--due", "2026-03-31", "--user", "admin")
    rec = Recommendation.objects.get()
    assert "LEWAT TENGGAT" in run("recommendations", "--show", "overdue", "--user", "operator")
    with pytest.raises(CommandError):
        run("status", str(rec.pk), "--to", "done", "--user", "operator")
    with pytest.raises(CommandError, match="Alasan wajib"):
        run("status", str(rec.pk), "--to", "dropped", "--user", "admin")
    run("status", str(rec.pk), "--to", "done", "--user", "admin")
    target = tmp_path / "notulen.pdf"
    run("minutes", str(meeting.pk), "--output", str(target), "--user", "admin")
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Yohanes" in text and "Sei Lunuk" in text
