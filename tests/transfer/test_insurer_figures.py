"""The insurer's participant counts per region and month, read from its XLSX/CSV file: nothing lost."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Role
from lindung.core.audit import AuditAction
from lindung.core.models import AuditEvent
from lindung.regions.models import InsurerParticipantCount
from lindung.transfer.insurer_figures import insurer_figures_import
from lindung.transfer.reading import ImportRefused
from tests.accounts.builders import make_user
from tests.transfer.builders import csv_bytes, write, xlsx_bytes

FIXTURE = Path(__file__).parent / "data" / "insurer_figures_kalbar_2024_10.csv"
OCTOBER = dt.date(2024, 10, 1)
HEADER = ["Kode Wilayah", "Bulan", "PU", "BPU", "Jakon", "Jumlah", "Penduduk Bekerja"]
EDITION = "BPJS Ketenagakerjaan Kanwil Kalimantan, Oktober 2024 (uji)"


@pytest.fixture
def fixture_file(db, tmp_path) -> Path:
    return Path(shutil.copy(FIXTURE, tmp_path / FIXTURE.name))


def _imports(actor=None):
    return AuditEvent.objects.filter(action=AuditAction.INSURER_FIGURES_IMPORT).count()


def test_the_kalbar_file_is_stored_row_by_row(fixture_file):
    result = insurer_figures_import(actor=None, path=fixture_file, edition=EDITION)
    assert (result.rows, result.stored.inserted, result.refused) == (2, 2, [])
    kalbar = InsurerParticipantCount.objects.get(region_id="61", period=OCTOBER)
    assert (kalbar.pu, kalbar.bpu, kalbar.jakon, kalbar.active) == (412_346, 128_572, 85_000, 625_918)
    assert kalbar.working_population == 1_770_630
    assert (kalbar.edition, kalbar.file_name, len(kalbar.file_sha256)) == (EDITION, FIXTURE.name, 64)
    bengkayang = InsurerParticipantCount.objects.get(region_id="61.07", period=OCTOBER)
    assert bengkayang.working_population is None


def test_the_same_file_twice_changes_nothing(fixture_file):
    insurer_figures_import(actor=None, path=fixture_file, edition=EDITION)
    before = (list(InsurerParticipantCount.objects.values()), _imports())
    again = insurer_figures_import(actor=None, path=fixture_file, edition=EDITION)
    assert (again.stored.inserted, again.stored.updated, again.stored.unchanged) == (0, 0, 2)
    assert (list(InsurerParticipantCount.objects.values()), _imports()) == before


def test_a_newer_edition_replaces_the_month(db, tmp_path):
    first = write(tmp_path, "a.csv", csv_bytes([HEADER, ["61", "2024-10", "10", "20", "30", "", ""]]))
    second = write(tmp_path, "b.csv", csv_bytes([HEADER, ["61", "2024-10", "11", "20", "30", "", ""]]))
    insurer_figures_import(actor=None, path=first, edition="edisi 1")
    result = insurer_figures_import(actor=None, path=second, edition="edisi 2")
    assert (result.stored.inserted, result.stored.updated) == (0, 1)
    row = InsurerParticipantCount.objects.get()
    assert (row.pu, row.edition, row.file_name) == (11, "edisi 2", "b.csv")


def test_every_bad_row_is_refused_naming_its_row_and_field(db, tmp_path):
    rows = [
        HEADER,
        ["61", "2024-10", "1.000", "2.000", "3.000", "6.000", "10.000"],  # line 2: stored
        ["99.99", "2024-10", "1", "1", "1", "", ""],  # line 3: unknown region
        ["61.07", "bulan lalu", "1", "1", "1", "", ""],  # line 4: month
        ["61.07", "2024-10", "1,5", "1", "1", "", ""],  # line 5: PU not a whole number
        ["61.07", "2024-10", "1", "1", "1", "4", ""],  # line 6: total does not add up
        ["6107", "2024-09", "1", "1", "1", "3", "0"],  # line 7: working population 0
        ["", "", "", "", "", "", ""],  # line 8: blank
        ["61", "2024-10", "5", "5", "5", "", ""],  # line 9: repeats line 2
        ["61", "2099-01", "5", "5", "5", "", ""],  # line 10: a month not yet over
    ]
    result = insurer_figures_import(
        actor=None, path=write(tmp_path, "f.csv", csv_bytes(rows)), edition=EDITION
    )
    refused = {(r.row, r.field, r.reason) for r in result.refused}
    assert refused == {
        (3, "Kode Wilayah", "kode wilayah tidak dikenal"),
        (4, "Bulan", "bulan tidak dikenali; tulis TTTT-BB, mis. 2024-10"),
        (5, "Peserta Aktif PU", "bukan bilangan bulat tidak negatif"),
        (6, "Jumlah Peserta Aktif", "tidak sama dengan PU + BPU + Jakon"),
        (7, "Penduduk Bekerja", "bukan bilangan bulat lebih dari 0"),
        (9, "Kode Wilayah", "sama dengan baris 2"),
        (10, "Bulan", "bulan yang belum lewat"),
    }
    assert (result.rows, result.skipped, result.stored.inserted) == (8, 1, 1)
    assert result.rows == result.accepted + len({r.row for r in result.refused})
    assert "Baris 3, kolom Kode Wilayah: kode wilayah tidak dikenal" in [r.text for r in result.refused]


def test_an_xlsx_with_a_month_given_for_the_whole_file(db, tmp_path):
    rows = [["Rekap BPJS"], [], ["Kode", "Nama Wilayah", "Peserta PU", "Peserta BPU", "Jasa Konstruksi"]]
    rows += [["62.03", "Kapuas", 1200, 800, 150]]
    path = write(tmp_path, "kapuas.xlsx", xlsx_bytes(rows))
    with pytest.raises(ImportRefused, match="kolom Bulan"):
        insurer_figures_import(actor=None, path=path, edition=EDITION)
    result = insurer_figures_import(actor=None, path=path, edition=EDITION, period=dt.date(2026, 9, 1))
    assert result.refused == []
    assert InsurerParticipantCount.objects.get(region_id="62.03").active == 2_150


def test_a_file_without_the_columns_is_refused_whole(db, tmp_path):
    path = write(tmp_path, "x.csv", csv_bytes([["NIK", "Nama"], ["1", "A"]]))
    with pytest.raises(ImportRefused, match="Kode Wilayah, Peserta Aktif PU"):
        insurer_figures_import(actor=None, path=path, edition=EDITION)
    assert not InsurerParticipantCount.objects.exists()


def test_the_edition_is_required(fixture_file):
    with pytest.raises(ImportRefused, match="edisi"):
        insurer_figures_import(actor=None, path=fixture_file, edition="  ")


def test_a_role_without_the_capability_is_refused(fixture_file):
    with pytest.raises(AccessRefused):
        insurer_figures_import(actor=make_user(Role.OPERATOR_DESA), path=fixture_file, edition=EDITION)
    assert not InsurerParticipantCount.objects.exists()


def test_rows_outside_the_officer_region_are_refused(db, tmp_path):
    officer = make_user(Role.PETUGAS_BPJS, "62.03")
    rows = [HEADER, ["62.03", "2024-10", "1", "1", "1", "", ""], ["61.07", "2024-10", "1", "1", "1", "", ""]]
    result = insurer_figures_import(
        actor=officer, path=write(tmp_path, "f.csv", csv_bytes(rows)), edition=EDITION
    )
    assert [(r.row, r.field, r.reason) for r in result.refused] == [
        (3, "Kode Wilayah", "di luar wilayah akun Anda")
    ]
    assert list(InsurerParticipantCount.objects.values_list("region_id", "imported_by")) == [
        ("62.03", officer.pk)
    ]
