"""A death, from the village to the heirs, in a browser:

1. the village operator reports a member's death on a phone-sized screen;
2. the programme admin adds the heir, ticks every document, and submits the case to the insurer;
3. the insurer's officer downloads the submission list and imports the branch's decision file (paid);
4. monev shows the amount paid: "Rp 42.000.000 untuk 1 keluarga".

Screenshots of every step go to artifacts/screenshots/claims-*.png.
"""

from __future__ import annotations

import io

import polars as pl
import pytest
from django.utils import timezone

from lindung.accounts.models import Role
from lindung.claims.models import Claim
from lindung.transfer.models import ClaimDecisionBatch
from tests.accounts.builders import PASSWORD, make_user
from tests.claims.builders import DEATH_DAY, member
from tests.people.builders import PULAU_MAMBULAU
from tests.transfer.builders import xlsx_bytes

from .conftest import sign_in

pytestmark = [pytest.mark.browser]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_death_reported_on_a_phone_is_paid_and_shows_in_monev(seeded, new_page, shoot):
    enrolment = member()
    worker = enrolment.worker
    assert worker.village_id == PULAU_MAMBULAU
    make_user(Role.OPERATOR_DESA, PULAU_MAMBULAU, username="operator.mambulau")
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin.kapuas")
    make_user(Role.PETUGAS_BPJS, "62.03", username="bpjs.kapuas")

    # 1. The village operator reports the death from a phone.
    operator = new_page(390, 844)
    sign_in(operator, "operator.mambulau", PASSWORD)
    operator.goto("/klaim/lapor/")
    operator.get_by_label("Jenis kejadian").select_option("death")
    operator.get_by_label("Tanggal kejadian").fill(DEATH_DAY.isoformat())
    operator.get_by_label("Tempat kejadian").fill("Sungai Kapuas, Desa Pulau Mambulau")
    operator.get_by_label("Kronologi singkat").fill("Perahu terbalik saat mencari ikan.")
    operator.get_by_label("NIK (16 digit)").fill(worker.nik)
    shoot(operator, "claims-01-report-on-phone")
    operator.get_by_role("button", name="Kirim laporan").click()
    operator.wait_for_url("**/klaim/*/")
    claim = Claim.objects.get(worker=worker)
    assert claim.covered and claim.expected_amount == 42_000_000
    operator.get_by_text(f"Laporan dicatat sebagai klaim #{claim.pk}.").wait_for()
    shoot(operator, "claims-02-reported")
    assert operator.errors == []

    # 2. The programme admin adds the heir, ticks the documents and submits the case.
    admin = new_page()
    sign_in(admin, "admin.kapuas", PASSWORD)
    admin.goto(f"/klaim/{claim.pk}/")
    admin.get_by_label("Nama ahli waris").fill("Siti Aminah")
    admin.get_by_label("Hubungan").select_option("spouse")
    admin.get_by_role("button", name="Tambah ahli waris").click()
    admin.get_by_text("Siti Aminah — suami/istri").wait_for()
    documents = admin.locator("#claim-documents")
    for label in claim.documents.filter(required=True).values_list("label", flat=True):
        documents.get_by_role("button", name=f"☐ {label}").click()
        admin.locator("#claim-documents").get_by_role("button", name=f"☑ {label}").wait_for()
    admin.get_by_role("button", name="Dokumen lengkap").click()
    admin.get_by_role("button", name="Ajukan ke BPJS").click()
    admin.get_by_text("diajukan ke BPJS", exact=True).wait_for()
    claim.refresh_from_db()
    assert claim.status == "submitted" and claim.heirs.count() == 1
    shoot(admin, "claims-03-submitted")
    assert admin.errors == []

    # 3. The insurer's officer downloads the submission list and imports the branch's decision.
    insurer = new_page()
    sign_in(insurer, "bpjs.kapuas", PASSWORD)
    insurer.goto("/unggah/klaim/")
    with insurer.expect_download() as download:
        insurer.get_by_role("link", name="Unduh daftar pengajuan (.xlsx)").click()
    listed = pl.read_excel(
        io.BytesIO(download.value.path().read_bytes()), engine="calamine", infer_schema_length=0
    )
    assert [int(x) for x in listed["No Klaim"]] == [claim.pk] and listed["NIK"][0] == worker.nik
    today = timezone.localdate().strftime("%d-%m-%Y")
    decision = [
        ["No Klaim", "NIK", "Keputusan", "Jumlah Dibayar", "Tanggal Keputusan", "Alasan"],
        [str(claim.pk), worker.nik, "DIBAYAR", "Rp 42.000.000", today, ""],
    ]
    insurer.get_by_label("Berkas keputusan (CSV, XLSX atau ODS)").set_input_files(
        {"name": "keputusan-bpjs.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(decision)}
    )
    insurer.get_by_role("button", name="Impor keputusan").click()
    insurer.get_by_text(f"Baris 2: klaim #{claim.pk} dibayar.").wait_for()
    batch = ClaimDecisionBatch.objects.get()
    assert (batch.rows_total, batch.decided) == (1, 1)
    claim.refresh_from_db()
    assert (claim.status, claim.paid_amount, claim.amount_differs) == ("paid", 42_000_000, False)
    shoot(insurer, "claims-04-decision-imported")
    assert insurer.errors == []

    # 4. Monev shows the amount paid.
    admin.goto(f"/monev/?wilayah=62.03&periode={timezone.localdate():%Y-%m}")
    admin.locator("#monev-claims").get_by_text("Rp 42.000.000 untuk 1 keluarga").first.wait_for()
    assert worker.full_name not in admin.locator("#monev-claims").inner_text()
    shoot(admin, "claims-05-monev")
    assert admin.errors == []
