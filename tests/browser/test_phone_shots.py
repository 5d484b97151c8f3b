"""The five pages issue 16 names, on a 360 × 740 phone, as screenshots: the upload's column mapping (with a
long file name), the import result with a rejected row, the result of the insurer's reply, the worker form,
and the public monev page of a regency.

The screenshots go to artifacts/screenshots/phone-after-*.png. The same module, run on the commit before the
phone work (``PHONE_SHOTS=phone-before``), made the phone-before-*.png ones; it only takes pictures and
asserts nothing there. Here, at the end, each page must fit the screen.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.enrolment.models import Enrolment
from lindung.enrolment.services import enrolment_verify
from lindung.transfer.insurer import insurer_export_create
from lindung.transfer.models import ImportBatch
from lindung.transfer.tasks import import_batch_task
from tests.accounts.builders import PASSWORD, make_user
from tests.people.builders import make_nik
from tests.programmes.builders import current_programme
from tests.transfer.builders import person, sheet_rows, xlsx_bytes

from .conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREFIX = os.environ.get("PHONE_SHOTS", "phone-after")
LONG_NAME = "daftar-pekerja-rentan-desa-mambulau-kecamatan-bataguh-perbaikan-kedua-final.xlsx"
WIDE = "document.documentElement.scrollWidth"
UPLOAD = ("Berkas", "Usulkan ke program", "Unggah dan periksa kolom")
REPLY = ("Berkas balasan BPJS", "Program", "Unggah balasan")


def _import(page, name: str, rows, labels: tuple[str, str, str], programme) -> tuple[ImportBatch, int]:
    """Upload through the page, stop at the column mapping (its width is returned), then start the import
    and be the task worker for it."""
    file_label, programme_label, button = labels
    page.get_by_label(file_label).set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": xlsx_bytes(rows)}
    )
    page.get_by_label(programme_label, exact=True).select_option(programme.code)
    page.get_by_role("button", name=button).click()
    page.get_by_role("button", name="Mulai impor").wait_for()
    width = page.evaluate(WIDE)
    if file_label == "Berkas":
        page.screenshot(path=_shot("1-kolom"), full_page=True)
    page.get_by_role("button", name="Mulai impor").click()
    page.wait_for_url("**/unggah/*/")
    batch = ImportBatch.objects.latest("pk")
    import_batch_task.call(batch.pk)
    page.reload()
    page.get_by_role("link", name="Unduh buku kerja hasil (.xlsx)").wait_for()
    return batch, width


def _shot(name: str) -> str:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"{PREFIX}-{name}.png")


def test_the_five_named_pages_at_360_px(seeded, new_page):
    programme = current_programme()
    operator = make_user(Role.OPERATOR_DESA, "62.03.17.2002", username="hp.operator")
    admin = make_user(Role.ADMIN_PROGRAM, "62.03", username="hp.admin")
    make_user(Role.PETUGAS_BPJS, "62.03", username="hp.bpjs")
    people = [person(i) for i in range(1, 6)]
    people[2][1] = make_nik(serial=0)  # a NIK ending in 0000 is rejected, with its reason
    widths = {}

    page = new_page(360, 740)
    sign_in(page, operator.username, PASSWORD)
    page.goto("/unggah/")
    batch, widths["kolom"] = _import(page, LONG_NAME, sheet_rows(people), UPLOAD, programme)
    widths["hasil-impor"] = page.evaluate(WIDE)
    page.screenshot(path=_shot("2-hasil-impor"), full_page=True)
    page.goto("/pekerja/baru/")
    widths["formulir-pekerja"] = page.evaluate(WIDE)
    page.screenshot(path=_shot("4-formulir-pekerja"), full_page=True)
    worker_form_height = page.evaluate("document.documentElement.scrollHeight")

    # The insurer's reply to the collective registration of the accepted people.
    for enrolment in Enrolment.objects.filter(programme=programme):
        enrolment_verify(actor=None, enrolment=enrolment)
    export = insurer_export_create(actor=admin, programme=programme)
    today = timezone.localdate().strftime("%d-%m-%Y")
    reply = [
        ["BALASAN KANTOR CABANG KUALA KAPUAS"],
        [],
        ["NO", "NIK", "NAMA TK", "NO KPJ", "TGL MULAI", "STATUS"],
    ]
    niks = [p[1] for p in people if p[1] != people[2][1]]
    reply += [
        [str(i + 1), nik, "", f"{26000000001 + i:011d}", today, "DITERIMA"] for i, nik in enumerate(niks[:-1])
    ]
    reply += [[str(len(niks)), niks[-1], "", "", "", "DITOLAK: NIK TIDAK DITEMUKAN DI SISTEM KEPESERTAAN"]]
    reply += [[str(len(niks) + 1), make_nik(serial=77), "", "26000000099", today, "DITERIMA"]]
    insurer = new_page(360, 740)
    sign_in(insurer, "hp.bpjs", PASSWORD)
    insurer.goto("/unggah/bpjs/")
    name = f"balasan-bpjs-kantor-cabang-kuala-kapuas-{export.pk}.xlsx"
    _import(insurer, name, reply, REPLY, programme)
    widths["balasan-bpjs"] = insurer.evaluate(WIDE)
    insurer.screenshot(path=_shot("3-balasan-bpjs"), full_page=True)

    # The regency's public monev page, after the figures are made.
    client = Client()
    client.force_login(admin)
    client.post("/monev/perbarui/", {})
    public = new_page(360, 740)
    public.goto("/monev/publik/?wilayah=62.03")
    widths["monev-publik"] = public.evaluate(WIDE)
    public.screenshot(path=_shot("5-monev-publik"), full_page=True)

    if PREFIX != "phone-after":
        return
    assert {name: w for name, w in widths.items() if w > 360} == {}
    assert worker_form_height < 3100, worker_form_height
    assert page.errors == [] and insurer.errors == [] and public.errors == []
