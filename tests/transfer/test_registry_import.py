"""Reading social-registry extracts: XLSX and CSV, a NIK stored as a number, missing columns, another region's
people, every row imported, flagged or refused by row and column."""

from __future__ import annotations

import pytest

from lindung.registry.models import RegistryEntry
from lindung.transfer.reading import ImportRefused
from tests.registry.builders import HEADER, entry, extract_csv, extract_xlsx, import_extract

pytestmark = pytest.mark.django_db


def _problems(edition) -> dict[int, tuple[str, str, str]]:
    return {p.row_number: (p.outcome, p.field, p.message) for p in edition.problems.all()}


def test_an_xlsx_extract_is_imported_row_by_row(tmp_path):
    result = import_extract(tmp_path, extract_xlsx([entry(1), entry(2, decile=7)]), name="dtsen.xlsx")
    edition = result.edition
    assert (edition.rows_total, edition.rows_imported, edition.rows_rejected) == (2, 2, 0)
    assert sorted(RegistryEntry.objects.values_list("decile", flat=True)) == [3, 7]
    assert RegistryEntry.objects.get(row_number=2).village_id == "62.03.17.2002"


def test_a_nik_written_as_a_float_is_refused_naming_the_row(tmp_path):
    edition = import_extract(tmp_path, extract_csv([entry(1), entry(2, nik="6.20317E+15")])).edition
    outcome, field, message = _problems(edition)[3]  # the header is line 1
    assert (outcome, field) == ("rejected", "nik")
    assert "6.20317E+15" in message and "angka" in message
    assert edition.rows_rejected == 1


def test_a_nik_in_a_number_cell_that_lost_its_last_digit_is_refused(tmp_path):
    data = extract_xlsx([entry(1, nik=6203171708850000)])
    edition = import_extract(tmp_path, data, name="dtsen.xlsx").edition
    assert _problems(edition)[2][:2] == ("rejected", "nik")
    assert not RegistryEntry.objects.exists()


def test_a_whole_nik_in_a_number_cell_is_read(tmp_path):
    edition = import_extract(tmp_path, extract_xlsx([entry(1, nik=6203171708850001)]), name="d.xlsx").edition
    assert RegistryEntry.objects.get().nik == "6203171708850001"
    assert edition.rows_rejected == 0


def test_an_extract_without_a_decile_column_is_refused_naming_it(tmp_path):
    header = [h for h in HEADER if h != "DESIL"]
    rows = [entry(1)[:-1]]
    with pytest.raises(ImportRefused, match="Desil"):
        import_extract(tmp_path, extract_csv(rows, header=header))
    assert not RegistryEntry.objects.exists()


def test_missing_optional_columns_are_kept_on_the_edition(tmp_path):
    header = ["NIK", "NAMA", "DESIL"]
    rows = [[entry(1)[1], "Budi Santoso", "2"]]
    edition = import_extract(tmp_path, extract_csv(rows, header=header)).edition
    assert edition.rows_imported == 1
    assert set(edition.missing_columns) == {"No KK", "Alamat", "Kode Desa", "Tanggal Lahir"}
    assert RegistryEntry.objects.get().region_code == "62.03"


def test_another_regions_people_are_refused_row_by_row(tmp_path):
    rows = [entry(1), entry(2, village="61.07.04.2003"), entry(3, village="6107042003")]
    edition = import_extract(tmp_path, extract_csv(rows)).edition
    problems = _problems(edition)
    assert problems[3][:2] == ("rejected", "village_code") and "61.07.04.2003" in problems[3][2]
    assert problems[4][:2] == ("rejected", "village_code")
    assert edition.rows_imported == 1


def test_an_unreadable_decile_is_flagged_and_the_person_kept(tmp_path):
    edition = import_extract(tmp_path, extract_csv([entry(1, decile="sebelas")])).edition
    assert _problems(edition)[2][:2] == ("flagged", "decile")
    assert RegistryEntry.objects.get().decile is None and edition.rows_flagged == 1


def test_a_decile_written_desil_3_is_read(tmp_path):
    import_extract(tmp_path, extract_csv([entry(1, decile="Desil 3")]))
    assert RegistryEntry.objects.get().decile == 3


def test_the_same_nik_twice_in_one_file_keeps_the_first_row(tmp_path):
    edition = import_extract(tmp_path, extract_csv([entry(1), entry(1, name="Budi S")])).edition
    assert "baris 2" in _problems(edition)[3][2]
    assert RegistryEntry.objects.get().row_number == 2


def test_an_unknown_village_code_is_flagged_and_the_person_kept_in_the_edition_region(tmp_path):
    edition = import_extract(tmp_path, extract_csv([entry(1, village="62.03.17.9999")])).edition
    assert _problems(edition)[2][:2] == ("flagged", "village_code")
    assert RegistryEntry.objects.get().region_code == "62.03"


def test_every_row_is_accounted_for(tmp_path):
    rows = [entry(1), entry(2, nik=""), entry(3, name=""), entry(4, decile=""), entry(5)]
    rows[4][4] = "31-02-1985"
    edition = import_extract(tmp_path, extract_csv(rows)).edition
    assert edition.rows_total == 5
    assert edition.rows_imported + edition.rows_rejected == edition.rows_total
    assert (edition.rows_rejected, edition.rows_flagged) == (2, 2)


def test_a_file_that_is_no_spreadsheet_is_refused(tmp_path):
    with pytest.raises(ImportRefused):
        import_extract(tmp_path, b"%PDF-1.4 not a sheet", name="x.pdf")
