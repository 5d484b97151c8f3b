"""``lindung sponsor``: the same services and refusals as the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lindung.accounts.models import Role, Sponsor
from lindung.sponsorship.models import CsrCommitment, Sponsorship
from lindung.sponsorship.tasks import sponsorships_close_task
from tests.accounts.builders import make_user

from .builders import kapuas_worker, make_company

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def run(*args) -> str:
    out = io.StringIO()
    call_command("sponsor", *args, stdout=out)
    return out.getvalue()


def test_add_assign_commit_pay_and_show():
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin")
    run("add", "--kind", "asn", "--name", "Rina Wati", "--nip", "198501012010012001", "--institution", "Dinsos",
        "--region", "62.03", "--user", "admin")  # fmt: skip
    sponsor = Sponsor.objects.get(name="Rina Wati")
    a, b = kapuas_worker("Ani"), kapuas_worker("Budi")
    out = run("assign", str(sponsor.pk), "--nik", a.nik, "--nik", b.nik, "--start", "2026-01-01",
              "--end", "2026-06-30", "--user", "admin")  # fmt: skip
    assert "2 pekerja ditetapkan" in out
    run("commit", str(sponsor.pk), "--amount", "Rp 201.600", "--start", "2026-01-01", "--end", "2026-06-30",
        "--user", "admin")  # fmt: skip
    commitment = CsrCommitment.objects.get()
    run("pay", str(commitment.pk), "--amount", "100.800", "--paid-on", TODAY.isoformat(), "--user", "admin")
    shown = run("show", str(sponsor.pk), "--user", "admin")
    assert "Ani" in shown and "sisa Rp 100.800" in shown


def test_a_refusal_is_a_command_error_naming_the_field():
    make_user(Role.AUDITOR, "62.03", username="auditor")
    with pytest.raises(CommandError, match="Peran Anda"):
        run("add", "--kind", "csr", "--name", "PT A", "--region", "62.03", "--user", "auditor")
    with pytest.raises(CommandError, match="18 digit"):
        run("add", "--kind", "asn", "--name", "X", "--nip", "1", "--institution", "D", "--region", "62.03")


def test_the_daily_task_ends_due_sponsorships():
    sponsor = make_company()
    worker = kapuas_worker()
    run("assign", str(sponsor.pk), "--nik", worker.nik, "--start", "2026-01-01", "--end", "2026-01-31")
    summary = sponsorships_close_task.call(day=(dt.date(2026, 2, 1)).isoformat())
    assert summary.startswith("1 sponsor pekerja berakhir per 01-02-2026")
    assert Sponsorship.objects.get().ended_on == dt.date(2026, 1, 31)


def test_ending_lists_the_people(tmp_path):
    sponsor = make_company()
    worker = kapuas_worker("Citra")
    run("assign", str(sponsor.pk), "--nik", worker.nik, "--start", TODAY.isoformat(),
        "--end", (TODAY + dt.timedelta(days=10)).isoformat())  # fmt: skip
    assert "Citra" in run("ending")
    target = tmp_path / "sertifikat.pdf"
    run("certificate", str(sponsor.pk), "--output", str(target))
    assert target.read_bytes().startswith(b"%PDF")
