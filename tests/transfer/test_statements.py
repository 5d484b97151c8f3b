"""Reading statement files as offices write them: header aliases, the three formats, amounts as typed."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from lindung.billing.models import Outcome, Payment, StatementRow
from lindung.enrolment.models import Status
from lindung.transfer.reading import ImportRefused
from lindung.transfer.statements import statement_frame, statement_upload
from tests.accounts.builders import make_user
from tests.enrolment.builders import make_enrolment
from tests.programmes.builders import make_programme
from tests.transfer.builders import csv_bytes, ods_bytes, write, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(member, *, headers=("No KPJ", "NIK", "Nama", "Bulan Iuran", "Jumlah", "Tanggal Bayar", "No SP2D")):
    return [
        ["RINCIAN IURAN BPU"],
        list(headers),
        [
            member.kpj,
            member.worker.nik,
            member.worker.full_name,
            "2026-06",
            "Rp 16.800,-",
            "12-06-2026",
            "SP2D-9",
        ],
        [member.kpj, member.worker.nik, member.worker.full_name, "Juli 2026", "abc", "12-07-2026", "SP2D-9"],
        ["", "", "", "", "", "", ""],
    ]


def test_header_aliases_and_row_numbers_as_in_the_sheet(tmp_path):
    member = make_enrolment(Status.ACTIVE)
    headers = ("KPJ", "NIK", "Nama", "Periode", "Nominal", "Tanggal Bayar", "Referensi")
    path = write(tmp_path, "rincian.csv", csv_bytes(_rows(member, headers=headers)))
    frame = statement_frame(path)
    assert frame.get_column("row_number").to_list() == [3, 4]
    assert frame.row(0, named=True) | {"name": ""} == {
        "row_number": 3,
        "kpj": member.kpj,
        "nik": member.worker.nik,
        "name": "",
        "month": "2026-06",
        "amount_text": "Rp 16.800,-",
        "paid_on_text": "2026-06-12",
        "reference": "SP2D-9",
    }


@pytest.mark.parametrize(
    ("name", "build"), [("r.xlsx", xlsx_bytes), ("r.ods", ods_bytes), ("r.csv", csv_bytes)]
)
def test_each_format_is_imported_and_every_line_kept(tmp_path, name, build):
    member = make_enrolment(Status.ACTIVE)
    path = write(tmp_path, name, build(_rows(member)))
    statement, created = statement_upload(actor=None, programme=member.programme, kind="insurer", path=path)
    assert created and statement.lines.count() == 2
    lines = {ln.row_number: ln for ln in StatementRow.objects.filter(statement=statement)}
    assert lines[3].outcome == Outcome.MATCHED and lines[3].amount == 16_800
    assert lines[4].outcome == Outcome.INVALID and 'Baris 4, kolom Jumlah: "abc"' in lines[4].message
    assert Payment.objects.get(enrolment=member, month=dt.date(2026, 6, 1)).reference == "SP2D-9"


def test_the_same_file_twice_is_the_same_statement(tmp_path):
    member = make_enrolment(Status.ACTIVE)
    path = write(tmp_path, "r.csv", csv_bytes(_rows(member)))
    first, _ = statement_upload(actor=None, programme=member.programme, kind="insurer", path=path)
    again, created = statement_upload(actor=None, programme=member.programme, kind="insurer", path=path)
    assert again.pk == first.pk and not created and StatementRow.objects.count() == 2
    other_kind, created = statement_upload(actor=None, programme=member.programme, kind="regency", path=path)
    assert created and other_kind.pk != first.pk


def test_a_file_without_the_needed_columns_is_refused(tmp_path):
    path = write(tmp_path, "r.csv", csv_bytes([["Nama", "Alamat"], ["Budi", "Kapuas"]]))
    with pytest.raises(ImportRefused, match="Baris judul kolom tidak ditemukan"):
        statement_upload(actor=None, programme=make_programme(), kind="insurer", path=path)


def test_the_cli_imports_and_resolves_as_the_services_do(tmp_path):
    member = make_enrolment(Status.ACTIVE)
    make_user("bendahara", "62.03", username="bendahara-cli")
    path = write(tmp_path, "r.csv", csv_bytes(_rows(member)))
    out = io.StringIO()
    args = ["import", str(path), "--programme", member.programme.code, "--kind", "insurer"]
    call_command("statement", *args, "--user", "bendahara-cli", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["created"] and result["lines"] == 2 and result["counts"]["invalid"] == 1
    invalid = StatementRow.objects.get(statement_id=result["id"], outcome=Outcome.INVALID)
    with pytest.raises(CommandError, match="sudah diselesaikan"):
        call_command(
            "statement",
            "resolve",
            str(invalid.pk),
            "--action",
            "dismiss",
            "--note",
            "x",
            "--user",
            "bendahara-cli",
        )
    make_user("admin_program", "62.03", username="admin-cli")
    with pytest.raises(CommandError, match="Peran|hak|tidak"):
        call_command("statement", *args, "--user", "admin-cli")
