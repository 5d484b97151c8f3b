"""Collective registration out: the verified enrolments of a programme, in a workbook, marked submitted."""

from __future__ import annotations

import datetime as dt
import zipfile

import fastexcel
import polars as pl
import pytest

from lindung.enrolment.models import Enrolment, Status
from lindung.transfer.access import TransferDenied
from lindung.transfer.insurer import export_path, insurer_export_create
from lindung.transfer.models import InsurerExport
from tests.accounts.builders import make_user
from tests.core.xlsx_cells import cell_with
from tests.enrolment.builders import make_enrolment, new_worker
from tests.programmes.builders import BENGKAYANG, make_programme

from ..builders import OTHER_VILLAGE, denials

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
REPLY_HEADER = ["NO", "NIK", "NAMA TK", "NO KPJ", "TGL MULAI KEPESERTAAN", "STATUS", "KETERANGAN"]


@pytest.fixture
def programme():
    return make_programme(include_jht=True)


def test_export_lists_the_verified_and_marks_them_submitted(programme):
    tricky = new_worker(full_name='=HYPERLINK("http://x")')
    kept = make_enrolment(Status.PROPOSED, programme=programme)
    chosen = [
        make_enrolment(Status.VERIFIED, programme=programme),
        make_enrolment(Status.VERIFIED, programme=programme, worker=tricky),
    ]
    export = insurer_export_create(actor=None, programme=programme)
    assert export.enrolments == 2
    assert set(Enrolment.objects.filter(pk__in=[e.pk for e in chosen]).values_list("status", flat=True)) == {
        Status.SUBMITTED
    }
    assert Enrolment.objects.get(pk=kept.pk).status == Status.PROPOSED
    frame = pl.DataFrame(
        fastexcel.read_excel(str(export_path(export))).load_sheet(0, header_row=3, dtypes="string")
    )
    assert sorted(frame["NIK"].to_list()) == sorted(e.worker.nik for e in chosen)
    assert set(frame["Program"].to_list()) == {"JKK+JKM+JHT"}
    assert set(frame["Masa Iuran (bulan)"].to_list()) == {"12"}
    assert set(frame["Sumber Dana"].to_list()) == {"APBD kabupaten/kota"}
    assert "Pulau Mambulau" in frame["Lokasi Kerja"][0] and "Kapuas" in frame["Lokasi Kerja"][0]
    assert '=HYPERLINK("http://x")' in frame["Nama Lengkap"].to_list()
    with zipfile.ZipFile(export_path(export)) as archive:
        assert "<f>" not in "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/")
        )
    with pytest.raises(ValueError, match="Tidak ada peserta terverifikasi"):
        insurer_export_create(actor=None, programme=programme)


def test_formula_looking_names_and_addresses_are_inert_text_in_the_export(programme):
    names = ['=HYPERLINK("http://x")', "+1+1", "@SUM(A1)", "-2+3"]
    for name in names:
        make_enrolment(Status.VERIFIED, programme=programme, worker=new_worker(full_name=name))
    export = insurer_export_create(actor=None, programme=programme)
    for name in names:
        cell = cell_with(export_path(export), name)
        assert (cell.kind, cell.quoted) == ("text", True), name
    assert not cell_with(export_path(export), "JKK+JKM+JHT").quoted


def test_export_by_a_role_without_the_right_is_refused_and_audited(programme):
    enrolment = make_enrolment(Status.VERIFIED, programme=programme)
    operator = make_user("operator_desa", enrolment.village_id)
    with pytest.raises(TransferDenied, match="tidak boleh membuat berkas"):
        insurer_export_create(actor=operator, programme=programme)
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.VERIFIED
    assert not InsurerExport.objects.exists()
    [event] = denials()
    assert (event.actor, event.object_type, event.detail["attempt"]) == (
        operator,
        "programme",
        "insurer.export",
    )


def test_export_of_a_programme_outside_the_region_is_refused_and_audited(programme):
    enrolment = make_enrolment(Status.VERIFIED, programme=programme)
    stranger = make_user("admin_program", BENGKAYANG)
    with pytest.raises(TransferDenied, match=f"Program {programme.code} di luar wilayah") as refused:
        insurer_export_create(actor=stranger, programme=programme)
    assert refused.value.outside_scope
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.VERIFIED
    [event] = denials()
    assert (event.actor, event.object_id, event.region_code) == (stranger, str(programme.pk), "62.03")


def test_export_sends_only_the_enrolments_in_the_actors_region(programme):
    inside = make_enrolment(
        Status.VERIFIED, programme=programme, worker=new_worker(village_code=OTHER_VILLAGE)
    )
    outside = make_enrolment(Status.VERIFIED, programme=programme)
    export = insurer_export_create(actor=make_user("admin_program", OTHER_VILLAGE), programme=programme)
    assert (export.enrolments, export.region_code) == (1, OTHER_VILLAGE)
    assert Enrolment.objects.get(pk=inside.pk).status == Status.SUBMITTED
    assert Enrolment.objects.get(pk=outside.pk).status == Status.VERIFIED
