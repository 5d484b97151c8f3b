"""The whole journey in a browser: a village's workbook becomes active BPJS memberships with a KPJ.

1. The village operator uploads a workbook; one row is rejected (a NIK ending in 0000). The operator fixes
   that row and uploads the workbook again.
2. The regency verifier approves the proposals in the verification queue.
3. The programme admin exports the collective registration file for the insurer; the insurer's officer
   uploads the branch's reply with the KPJ numbers (only the insurer records the insurer's answer).
4. The worker whose row was fixed shows as active, with the KPJ.

Imports run as background tasks; the test plays the task worker (``import_batch_task.call``) while the page
polls its progress bar, which is what ``lindung jobs worker`` does in production.
Screenshots of every step go to artifacts/screenshots/journey-*.png.
"""

from __future__ import annotations

import polars as pl
import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Worker
from lindung.transfer.models import ImportBatch
from lindung.transfer.tasks import import_batch_task
from tests.accounts.builders import PASSWORD, make_user
from tests.people.builders import make_nik
from tests.programmes.builders import current_programme
from tests.transfer.builders import person, sheet_rows, xlsx_bytes

from .conftest import sign_in

pytestmark = [pytest.mark.browser]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run_latest_import(page) -> ImportBatch:
    """Be the task worker for the import just queued, then wait for the page to show the result."""
    page.wait_for_url("**/unggah/*/")
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.QUEUED, batch.message
    import_batch_task.call(batch.pk)
    page.get_by_role("link", name="Unduh buku kerja hasil (.xlsx)").wait_for()
    batch.refresh_from_db()
    return batch


def _column(path, header: str) -> list[str]:
    """The values under ``header`` in the first sheet of a downloaded workbook (title rows above it)."""
    rows = pl.read_excel(path, has_header=False, engine="calamine").rows()
    top = next(i for i, row in enumerate(rows) if header in row)
    at = rows[top].index(header)
    return [str(row[at]) for row in rows[top + 1 :] if row[at]]


def _upload(page, rows, name: str, programme) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Unggah").click()
    page.get_by_label("Berkas").set_input_files({"name": name, "mimeType": XLSX, "buffer": xlsx_bytes(rows)})
    page.get_by_label("Usulkan ke program").select_option(programme.code)
    page.get_by_role("button", name="Unggah dan periksa kolom").click()
    page.get_by_role("button", name="Mulai impor").wait_for()


def test_workbook_to_active_membership(seeded, new_page, shoot):
    programme = current_programme()
    make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="operator.mambulau")
    make_user(Role.VERIFIKATOR, "62.03", username="verifikator.kapuas")
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin.kapuas")
    make_user(Role.PETUGAS_BPJS, "62.03", username="bpjs.kapuas")
    people = [person(1), person(2), person(3, name="Rahmat Hidayat")]
    fixed_nik = people[2][1]
    people[2][1] = make_nik(serial=0)  # the typing mistake: serial 0000 is not a NIK

    # 1. The operator uploads the village's workbook; the broken row is rejected with its reason.
    operator = new_page()
    sign_in(operator, "operator.mambulau", PASSWORD)
    shoot(operator, "journey-01-operator-home")
    _upload(operator, sheet_rows(people), "pekerja-mambulau.xlsx", programme)
    shoot(operator, "journey-02-mapping")
    operator.get_by_role("button", name="Mulai impor").click()
    first = _run_latest_import(operator)
    assert (first.accepted + first.flagged, first.rejected) == (2, 1), first.message
    assert "0000" in operator.locator("table").inner_text()
    shoot(operator, "journey-03-import-rejected-row")

    # ... fixes the NIK in the workbook and uploads it again: the fixed row comes in, nothing doubles.
    people[2][1] = fixed_nik
    _upload(operator, sheet_rows(people), "pekerja-mambulau-perbaikan.xlsx", programme)
    operator.get_by_role("button", name="Mulai impor").click()
    second = _run_latest_import(operator)
    assert second.rejected == 0, second.message
    fixed = Worker.objects.get(nik=fixed_nik)
    assert Worker.objects.count() == 3
    assert Enrolment.objects.get(worker=fixed).status == Status.PROPOSED
    shoot(operator, "journey-04-import-fixed")
    assert operator.errors == []

    # 2. The verifier approves the three proposals in one go.
    verifier = new_page()
    sign_in(verifier, "verifikator.kapuas", PASSWORD)
    verifier.get_by_role("navigation").get_by_role("link", name="Verifikasi").click()
    verifier.get_by_label("Pilih semua di halaman ini").check()
    shoot(verifier, "journey-05-verification-queue")
    verifier.get_by_role("button", name="Setujui yang dipilih").click()
    verifier.get_by_text("3 orang disetujui.").wait_for()
    shoot(verifier, "journey-06-approved")
    assert verifier.errors == []

    # 3. The programme admin exports the collective registration and imports the branch's reply.
    admin = new_page()
    sign_in(admin, "admin.kapuas", PASSWORD)
    admin.get_by_role("navigation").get_by_role("link", name="Pertukaran BPJS").click()
    admin.get_by_role("button", name="Buat berkas dan tandai dikirim").click()
    admin.get_by_text("3 peserta").wait_for()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Unduh").first.click()
    exported_niks = _column(download.value.path(), "NIK")
    assert sorted(exported_niks) == sorted(p[1] for p in people)
    shoot(admin, "journey-07-exported")

    today = timezone.localdate().strftime("%d-%m-%Y")
    kpj = {nik: f"{26000000001 + i:011d}" for i, nik in enumerate(exported_niks)}
    reply = [
        ["BALASAN KANTOR CABANG KUALA KAPUAS"],
        [],
        ["NO", "NIK", "NAMA TK", "NO KPJ", "TGL MULAI", "STATUS"],
    ]
    reply += [[str(i + 1), nik, "", number, today, "DITERIMA"] for i, (nik, number) in enumerate(kpj.items())]
    insurer = new_page()
    sign_in(insurer, "bpjs.kapuas", PASSWORD)
    insurer.get_by_role("navigation").get_by_role("link", name="Pertukaran BPJS").click()
    insurer.get_by_label("Berkas balasan BPJS").set_input_files(
        {"name": "balasan-bpjs.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(reply)}
    )
    insurer.get_by_label("Program", exact=True).select_option(programme.code)
    insurer.get_by_role("button", name="Unggah balasan").click()
    insurer.get_by_role("button", name="Mulai impor").click()
    applied = _run_latest_import(insurer)
    assert applied.accepted == 3, applied.message
    shoot(insurer, "journey-08-reply-imported")
    assert admin.errors == [] and insurer.errors == []

    # 4. The fixed worker is active, with the KPJ from the reply.
    operator.goto(f"/pekerja/{fixed.pk}/")
    operator.locator(".badge.active").first.wait_for()
    text = operator.locator("main").inner_text()
    assert kpj[fixed_nik] in text and "aktif" in text
    shoot(operator, "journey-09-worker-active")
    enrolment = Enrolment.objects.get(worker=fixed)
    assert (enrolment.status, enrolment.kpj, enrolment.start_date) == (
        Status.ACTIVE,
        kpj[fixed_nik],
        timezone.localdate(),
    )
    assert operator.errors == []
