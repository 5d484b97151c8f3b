"""The insurer exchange for claims: the submission list out, the decision file in, nothing lost, nothing twice."""

from __future__ import annotations

import datetime as dt
import io
import json

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.claims.models import Claim, ClaimEvent
from lindung.claims.services import claim_document_tick, claim_heir_add, claim_status_set
from lindung.core.models import AuditEvent
from lindung.transfer.claims_exchange import claims_decisions_import
from lindung.transfer.claims_exchange_export import claims_export_xlsx
from lindung.transfer.models import ClaimDecisionBatch, ClaimDecisionLine
from lindung.transfer.reading import ImportRefused
from tests.accounts.builders import make_user, signed_in
from tests.claims.builders import TODAY, report
from tests.transfer.builders import csv_bytes, write, xlsx_bytes

pytestmark = pytest.mark.django_db
D = dt.date
HEADER = [
    "No Klaim",
    "NIK",
    "KPJ",
    "Jenis Kejadian",
    "Keputusan",
    "Jumlah Dibayar",
    "Tanggal Keputusan",
    "Alasan",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def admin():
    return make_user(Role.ADMIN_PROGRAM, "62.03")


@pytest.fixture
def officer():
    return make_user(Role.PETUGAS_BPJS, "62.03")


def ready(admin, *, submit: bool = True, **kwargs) -> Claim:
    """A death case with an heir and every required document, documents complete (and submitted)."""
    claim = report(**kwargs).claim
    claim_heir_add(actor=admin, claim=claim, full_name="Siti Aminah", relationship="spouse", today=TODAY)
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        claim_document_tick(actor=admin, claim=claim, code=code)
    claim_status_set(actor=admin, claim=claim, to_status="documents_complete", today=D(2026, 5, 29))
    if submit:
        claim_status_set(actor=admin, claim=claim, to_status="submitted", today=D(2026, 5, 30))
    claim.refresh_from_db()
    return claim


def _import(tmp_path, officer, rows, name="keputusan.csv"):
    data = csv_bytes(rows) if name.endswith(".csv") else xlsx_bytes(rows)
    return claims_decisions_import(actor=officer, path=write(tmp_path, name, data), today=TODAY)


def _outcomes(batch) -> dict[int, tuple[str, str]]:
    return {x.row_number: (x.outcome, x.message) for x in batch.lines.all()}


def test_the_submission_list_has_the_cases_ready_for_the_insurer_with_heirs_and_is_audited(admin, officer):
    submitted = ready(admin)
    complete = ready(admin, submit=False)
    reported = report().claim
    body, count = claims_export_xlsx(actor=officer)
    rows = pl.read_excel(io.BytesIO(body), engine="calamine", infer_schema_length=0).to_dicts()
    assert count == 2 and [int(r["No Klaim"]) for r in rows] == [submitted.pk, complete.pk]
    first = rows[0]
    assert first["NIK"] == submitted.nik and first["KPJ"] == submitted.enrolment.kpj
    assert first["Jenis Kejadian"] == "meninggal dunia" and first["Tanggal Kejadian"] == "2026-05-19"
    assert first["Ahli Waris"] == "Siti Aminah (suami/istri)"
    assert int(float(first["Perkiraan Santunan (Rp)"])) == 42_000_000
    event = AuditEvent.objects.get(action="claim.export", actor=officer)
    assert (
        event.detail == {"claims": [submitted.pk, complete.pk]} and reported.pk not in event.detail["claims"]
    )


def test_only_the_insurers_officer_exports_and_imports(admin, tmp_path):
    with pytest.raises(AccessRefused):
        claims_export_xlsx(actor=admin)
    with pytest.raises(AccessRefused):
        _import(tmp_path, admin, [HEADER, ["1", "", "", "", "dibayar", "42.000.000", "03-06-2026", ""]])
    assert not ClaimDecisionBatch.objects.exists()


def test_every_line_ends_decided_flagged_refused_by_row_and_column_or_unmatched(admin, officer, tmp_path):
    paid, differs, refused, early = ready(admin), ready(admin), ready(admin), ready(admin, submit=False)
    twice, bad_amount = ready(admin), ready(admin)
    rows = [
        HEADER,
        [str(paid.pk), "", "", "", "dibayar", "Rp 42.000.000", "03-06-2026", ""],  # 2: decided
        [str(differs.pk), "", "", "", "DIBAYAR", "40.000.000", "2026-06-03", ""],  # 3: flagged
        [str(refused.pk), "", "", "", "ditolak", "", "", "Ahli waris tidak sah"],  # 4: decided (refused)
        [str(early.pk), "", "", "", "dibayar", "42000000", "03-06-2026", ""],  # 5: not submitted yet
        ["999999", "", "", "", "dibayar", "42000000", "03-06-2026", ""],  # 6: no such case
        ["", "6203999999990001", "", "meninggal dunia", "ditolak", "", "", "Tidak terdaftar"],  # 7: no case
        [str(twice.pk), "", "", "", "ditunda", "", "", ""],  # 8: unknown decision
        [str(bad_amount.pk), "", "", "", "dibayar", "2jtan", "03-06-2026", ""],  # 9: approximate amount
        [str(refused.pk), "", "", "", "ditolak", "", "", ""],  # 10: refusal without reason
        [str(paid.pk), "", "", "", "dibayar", "42000000", "03-06-2026", ""],  # 11: same case again
    ]
    batch, created = _import(tmp_path, officer, rows)
    out = _outcomes(batch)
    assert created and (batch.rows_total, batch.decided, batch.flagged, batch.refused, batch.unmatched) == (
        10,
        2,
        1,
        5,
        2,
    )
    assert out[2] == ("decided", f"Baris 2: klaim #{paid.pk} dibayar.")
    assert out[3][0] == "flagged" and "berbeda dari perhitungan Rp 42.000.000; keduanya disimpan" in out[3][1]
    assert out[5] == (
        "refused",
        f"Baris 5: Klaim #{early.pk} belum diajukan ke BPJS (status dokumen lengkap); belum dapat dibayar.",
    )
    assert out[6] == (
        "unmatched",
        "Baris 6: klaim #999999 tidak ada di wilayah Anda; tidak cocok dengan kasus terbuka.",
    )
    assert out[7][0] == "unmatched"
    assert out[8] == (
        "refused",
        'Baris 8, kolom Keputusan: "ditunda" tidak dikenal; isi dibayar atau ditolak.',
    )
    assert out[9] == ("refused", 'Baris 9, kolom Jumlah Dibayar: "2jtan" bukan jumlah rupiah yang pasti.')
    assert out[10] == ("refused", "Baris 10, kolom Alasan: alasan penolakan wajib diisi.")
    assert out[11] == (
        "refused",
        f"Baris 11, kolom No Klaim: klaim #{paid.pk} sudah diputuskan di baris 2 berkas ini.",
    )
    for claim in (paid, differs, refused, early, twice):
        claim.refresh_from_db()
    assert (paid.status, paid.paid_amount, paid.paid_on, paid.amount_differs) == (
        "paid",
        42_000_000,
        D(2026, 6, 3),
        False,
    )
    assert (differs.status, differs.paid_amount, differs.expected_amount, differs.amount_differs) == (
        "paid",
        40_000_000,
        42_000_000,
        True,
    )
    assert (refused.status, refused.refused_reason) == ("refused", "Ahli waris tidak sah")
    assert early.status == "documents_complete" and twice.status == "submitted"
    event = AuditEvent.objects.get(action="claim.decision_import", actor=officer)
    assert sorted(event.detail["claims"]) == sorted([paid.pk, differs.pk, refused.pk])


def test_the_same_file_twice_changes_nothing(admin, officer, tmp_path):
    claim = ready(admin)
    rows = [HEADER, [str(claim.pk), "", "", "", "dibayar", "42.000.000", "03-06-2026", ""]]
    first, created = _import(tmp_path, officer, rows)
    events = ClaimEvent.objects.count()
    again, created_again = _import(tmp_path, officer, rows, name="keputusan-lagi.csv")
    assert created and not created_again and again.pk == first.pk
    assert ClaimDecisionBatch.objects.count() == 1 and ClaimDecisionLine.objects.count() == 1
    assert ClaimEvent.objects.count() == events


def test_a_line_names_its_case_by_kpj_or_nik_and_kind(admin, officer, tmp_path):
    by_kpj, by_nik = ready(admin), ready(admin)
    accident = report(enrolment=by_nik.enrolment, kind="work_accident", event_date=D(2026, 5, 10)).claim
    rows = [
        HEADER,
        ["", "", by_kpj.enrolment.kpj, "JKM", "dibayar", "42.000.000", "03-06-2026", ""],
        ["", by_nik.nik, "", "meninggal dunia", "dibayar", "42.000.000", "03-06-2026", ""],
        ["", by_nik.nik, "", "", "ditolak", "", "", "Dobel"],
        ["", by_nik.nik, "", "banjir", "ditolak", "", "", "Dobel"],
    ]
    batch, _ = _import(tmp_path, officer, rows)
    out = _outcomes(batch)
    assert out[2][0] == out[3][0] == "decided"
    assert out[4] == (
        "refused",
        "Baris 4, kolom No Klaim: KPJ/NIK ini cocok dengan 2 kasus terbuka; isi No Klaim atau Jenis Kejadian.",
    )
    assert out[5] == ("refused", 'Baris 5, kolom Jenis Kejadian: "banjir" tidak dikenal.')
    accident.refresh_from_db()
    assert accident.status == "reported"


def test_a_case_in_another_region_matches_no_open_case(admin, officer, tmp_path):
    claim = ready(admin)
    foreign = make_user(Role.PETUGAS_BPJS, "61.07")
    rows = [HEADER, [str(claim.pk), "", "", "", "dibayar", "42.000.000", "03-06-2026", ""]]
    batch, _ = claims_decisions_import(
        actor=foreign, path=write(tmp_path, "k.csv", csv_bytes(rows)), today=TODAY
    )
    assert batch.unmatched == 1 and batch.region_code == "61.07"
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_the_exported_list_filled_in_by_the_branch_comes_back_as_decisions(admin, officer, tmp_path):
    claim = ready(admin)
    body, _ = claims_export_xlsx(actor=officer)
    frame = pl.read_excel(io.BytesIO(body), engine="calamine", infer_schema_length=0)
    frame = frame.with_columns(
        pl.lit("dibayar").alias("Keputusan"),
        pl.lit("42000000").alias("Jumlah Dibayar"),
        pl.lit("03/06/2026").alias("Tanggal Keputusan"),
    )
    rows = [frame.columns] + [list(r) for r in frame.rows()]
    batch, _ = _import(tmp_path, officer, rows, name="kembali.xlsx")
    assert batch.decided == 1, _outcomes(batch)
    claim.refresh_from_db()
    assert claim.status == "paid"


def test_a_file_without_a_decision_column_is_refused_whole(officer, tmp_path):
    with pytest.raises(ImportRefused, match="kolom Keputusan"):
        _import(tmp_path, officer, [["Nama", "Jumlah"], ["Budi", "1"]])
    assert not ClaimDecisionBatch.objects.exists()


def test_the_page_exports_imports_and_shows_each_lines_outcome(admin, client):
    claim = ready(admin)
    officer = signed_in(client, Role.PETUGAS_BPJS, "62.03")
    page = client.get("/unggah/klaim/")
    assert page.status_code == 200 and "Unduh daftar pengajuan (.xlsx)" in page.content.decode()
    download = client.get("/unggah/klaim/pengajuan.xlsx")
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    rows = [
        HEADER,
        [str(claim.pk), "", "", "", "dibayar", "42.000.000", "03-06-2026", ""],
        ["1", "", "", "", "x", "", "", ""],
    ]
    upload = SimpleUploadedFile("keputusan.csv", csv_bytes(rows), content_type="text/csv")
    response = client.post("/unggah/klaim/", {"file": upload})
    batch = ClaimDecisionBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/unggah/klaim/{batch.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert f"Baris 2: klaim #{claim.pk} dibayar." in detail
    assert "Baris 3, kolom Keputusan: &quot;x&quot; tidak dikenal" in detail
    assert batch.uploaded_by == officer


def test_the_pages_refuse_other_roles_and_regions(admin, officer, tmp_path):
    claim = ready(admin)
    batch, _ = _import(
        tmp_path, officer, [HEADER, [str(claim.pk), "", "", "", "ditolak", "", "", "Menunggak"]]
    )
    for role, region, path, code in [
        (Role.ADMIN_PROGRAM, "62.03", "/unggah/klaim/", 403),
        (Role.AUDITOR, "62.03", "/unggah/klaim/pengajuan.xlsx", 403),
        (Role.PETUGAS_BPJS, "61.07", f"/unggah/klaim/{batch.pk}/", 404),
        (Role.PETUGAS_BPJS, "62.03", f"/unggah/klaim/{batch.pk}/", 200),
    ]:
        client = Client()
        signed_in(client, role, region)
        assert client.get(path).status_code == code, (role, region, path)
    assert Client().get("/unggah/klaim/").status_code == 302


def test_the_api_imports_once_and_exports(admin, client):
    claim = ready(admin)
    signed_in(client, Role.PETUGAS_BPJS, "62.03")
    rows = [HEADER, [str(claim.pk), "", "", "", "dibayar", "40.000.000", "03-06-2026", ""]]
    first = client.post("/api/claims/decisions", {"file": SimpleUploadedFile("k.csv", csv_bytes(rows))})
    again = client.post("/api/claims/decisions", {"file": SimpleUploadedFile("k.csv", csv_bytes(rows))})
    assert (first.status_code, again.status_code) == (201, 200)
    body = first.json()
    assert (body["rows_total"], body["flagged"]) == (1, 1) and body["lines"][0]["claim_id"] == claim.pk
    assert body["lines"][0]["outcome"] == "flagged" and again.json()["id"] == body["id"]
    assert client.get("/api/claims/export.xlsx").status_code == 200
    bad = client.post("/api/claims/decisions", {"file": SimpleUploadedFile("k.csv", b"Nama\nBudi\n")})
    assert bad.status_code == 400 and "kolom Keputusan" in bad.json()["detail"]
    other = Client()
    signed_in(other, Role.ADMIN_PROGRAM, "62.03")
    assert other.get("/api/claims/export.xlsx").status_code == 403
    assert (
        other.post(
            "/api/claims/decisions", {"file": SimpleUploadedFile("k.csv", csv_bytes(rows))}
        ).status_code
        == 403
    )


def test_the_command_exports_and_imports(admin, officer, tmp_path):
    claim = ready(admin)
    out = io.StringIO()
    call_command(
        "claims_exchange", "export", "--out", str(tmp_path / "p.xlsx"), "--user", officer.username, stdout=out
    )
    assert out.getvalue().startswith("1 klaim ditulis") and (tmp_path / "p.xlsx").stat().st_size > 0
    path = write(
        tmp_path, "k.csv", csv_bytes([HEADER, [str(claim.pk), "", "", "", "ditolak", "", "", "Menunggak"]])
    )
    out = io.StringIO()
    call_command("claims_exchange", "import", str(path), "--user", officer.username, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["created"] and result["decided"] == 1 and result["lines"][0]["claim"] == claim.pk
