"""Files real offices produce: Excel's "Unicode text", CR-only lines, a runaway field; never an orphan batch."""

from __future__ import annotations

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lindung.transfer.models import ImportBatch
from tests.accounts.builders import make_user
from tests.people.builders import PULAU_MAMBULAU

from .builders import TODAY, csv_bytes, person, run, sheet_rows

pytestmark = pytest.mark.django_db


def _unicode_text(rows) -> bytes:
    """What Excel's "Save as Unicode text" writes: UTF-16 LE with a BOM, tab-separated, CRLF."""
    text = "\r\n".join("\t".join(str(v) for v in row) for row in rows) + "\r\n"
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def test_excel_unicode_text_is_read(tmp_path):
    rows = sheet_rows([person(1), person(2, name="Siti Ñañez")])
    batch = run(tmp_path, "desa.txt", _unicode_text(rows), today=TODAY)
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert (batch.accepted, batch.separator, batch.encoding) == (2, "\t", "utf-16")


def test_a_csv_with_cr_only_line_ends_is_read(tmp_path):
    data = csv_bytes(sheet_rows([person(1), person(2)])).replace(b"\n", b"\r")
    batch = run(tmp_path, "mac.csv", data, today=TODAY)
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert batch.accepted == 2


def _long_field() -> bytes:
    rows = sheet_rows([person(1)])
    rows[4][2] = "A" * 140_000
    return csv_bytes(rows)


def test_a_field_over_the_csv_limit_is_refused_by_name(tmp_path):
    batch = run(tmp_path, "panjang.csv", _long_field(), today=TODAY)
    assert batch.status == ImportBatch.Status.REFUSED
    assert "lebih dari 131.072 karakter" in batch.message


@pytest.mark.parametrize("data", [_long_field(), csv_bytes(sheet_rows([person(1)])).replace(b"\n", b"\r")])
def test_the_web_and_the_api_never_leave_an_upload_stuck(client, data):
    client.force_login(make_user("operator_desa", PULAU_MAMBULAU))
    page = client.post("/unggah/", {"file": SimpleUploadedFile("a.csv", data), "village": PULAU_MAMBULAU})
    api = client.post("/api/transfer/imports", {"file": SimpleUploadedFile("b.csv", data), "start": "false"})
    assert page.status_code == 302 and api.status_code == 201
    assert not ImportBatch.objects.filter(status=ImportBatch.Status.UPLOADED, headers=[]).exists()
    for batch in ImportBatch.objects.all():
        if batch.status == ImportBatch.Status.UPLOADED:
            assert client.get(f"/unggah/{batch.pk}/kolom/").status_code == 200


def test_a_reader_crash_refuses_the_upload_instead_of_leaving_it_uploaded(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("calamine panicked")

    monkeypatch.setattr("lindung.transfer.services.read_preview", explode)
    batch = run(tmp_path, "desa.csv", csv_bytes(sheet_rows([person(1)])), today=TODAY)
    assert batch.status == ImportBatch.Status.REFUSED
    assert batch.message.startswith("Berkas tidak dapat dibaca (RuntimeError)")
