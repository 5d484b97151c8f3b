from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lindung.accounts.models import Role
from lindung.billing.models import Bill, BillPayment, Payment
from lindung.core.models import AuditEvent
from tests.accounts.builders import make_user
from tests.billing.builders import enrol_in, issued_bill
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("bill", *args, stdout=out)
    return out.getvalue()


def test_issue_then_issue_again_changes_nothing():
    programme = make_programme()
    enrol_in(programme)
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin")
    first = run("issue", "--programme", programme.code, "--month", "2026-04", "--user", "admin")
    again = run("issue", "--programme", programme.code, "--month", "2026-04")
    assert "diterbitkan" in first and "Rp 16.800" in first and "sudah terbit" in again
    assert Bill.objects.count() == 1


def test_pay_reads_rupiah_text_and_refuses_a_future_date_and_bad_text():
    bill = issued_bill(people=2, other_village=0)
    make_user(Role.BENDAHARA, "62.03", username="bendahara")
    base = ["pay", "--bill", bill.number, "--reference", "SP2D-1", "--user", "bendahara"]
    with pytest.raises(CommandError, match="Tanggal bayar 03-05-2031 belum terjadi"):
        run(*base, "--amount", "Rp 33.600", "--date", "2031-05-03")
    with pytest.raises(CommandError, match='--amount: "16.8OO" bukan jumlah rupiah'):
        run(*base, "--amount", "16.8OO", "--date", "2026-04-10")
    with pytest.raises(CommandError, match="tidak boleh negatif"):
        run(*base, "--amount", "-33600", "--date", "2026-04-10")
    out = run(*base, "--amount", "Rp 33.600", "--date", "2026-04-10")
    assert "Diterapkan ke 2 peserta" in out and Payment.objects.count() == 2
    assert BillPayment.objects.get().status == "applied"


def test_pay_needs_the_treasurers_role():
    bill = issued_bill(people=1, other_village=0)
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin")
    with pytest.raises(CommandError, match="Peran Anda"):
        run(
            "pay",
            "--bill",
            bill.number,
            "--amount",
            "16800",
            "--date",
            "2026-04-10",
            "--reference",
            "X",
            "--user",
            "admin",
        )


def test_show_prints_the_summary_and_the_total_in_words():
    bill = issued_bill(people=1, other_village=0)
    out = run("show", "--bill", bill.number)
    assert "jatuh tempo 15-04-2026" in out and "enam belas ribu delapan ratus rupiah" in out


def test_export_checks_the_folder_first_and_writes_the_file(tmp_path):
    bill = issued_bill(people=1, other_village=0)
    with pytest.raises(CommandError, match="Folder untuk -o tidak ada"):
        run("export", "--bill", bill.number, "--format", "xlsx", "-o", str(tmp_path / "nope" / "t.xlsx"))
    assert not AuditEvent.objects.filter(action="bill.download").exists()
    target = tmp_path / "t.xlsx"
    run("export", "--bill", bill.number, "--format", "xlsx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"
    assert AuditEvent.objects.filter(action="bill.download").count() == 1
