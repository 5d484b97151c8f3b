"""The money loop in a browser, as the treasurer lives it (issue 13, "Done means").

1. The programme admin issues the June bill of a programme with four active members.
2. The treasurer (bendahara) imports the insurer's statement for June: one line of each kind that needs a
   look (matched, underpaid, overpaid, unknown person, not covered, paid twice, invalid).
3. The treasurer resolves the lines on the statement page: the overpaid one is accepted (its excess becomes
   a credit on July's bill), the unknown person dismissed with a note, the underpaid one accepted with a
   note (refused first without one), the rest dismissed at once from the ticked boxes.
4. The treasurer reads the arrears list on June's due date: the member who paid only January and February
   is named with March to May unpaid.

Then the daily job, a day after June's due date, makes that member non-active (PP 44/2015 Art 39(2),
42(2)); the treasurer imports the branch's receipt for the four months in arrears, and the next run of the
daily job makes the member active again. Each state is read on a page.

The programme is fixed in 2026 (APBD-funded, so no PP 50/2025 discount: Rp 16.800 a month) and every date
is in its past, so the journey does not depend on when the suite runs. Screenshots go to
artifacts/screenshots/money-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lindung.accounts.models import Role
from lindung.billing.models import Bill, BillLine, Credit, Outcome, Payment, Resolution, Statement
from lindung.billing.selectors import due_date
from lindung.billing.services import billing_daily
from lindung.enrolment.models import Enrolment, Status
from tests.accounts.builders import PASSWORD, make_user
from tests.enrolment.builders import make_enrolment, new_worker
from tests.people.builders import make_nik
from tests.programmes.builders import make_programme
from tests.transfer.builders import csv_bytes

from .conftest import sign_in

pytestmark = [pytest.mark.browser]

JUNE = dt.date(2026, 6, 1)
# The members are registered (and their first months paid) before June's bill.
ENROLLED_ON = dt.date(2026, 6, 1)
HEADER = ["No KPJ", "NIK", "Nama", "Bulan Iuran", "Jumlah", "Tanggal Bayar", "Referensi"]


def _member(programme, name: str, paid_months: int) -> Enrolment:
    worker = new_worker(full_name=name)
    return make_enrolment(
        Status.ACTIVE, programme=programme, worker=worker, paid_months=paid_months, today=ENROLLED_ON
    )


def _row(member: Enrolment, month: str, amount: str, paid_on: str, reference: str) -> list[str]:
    return [member.kpj, member.worker.nik, member.worker.full_name, month, amount, paid_on, reference]


def _upload_statement(page, tmp_path, programme, name: str, rows: list[list[str]]) -> Statement:
    path = tmp_path / name
    path.write_bytes(csv_bytes([HEADER, *rows]))
    page.goto("/unggah/rincian-iuran/")
    page.get_by_label("Program").select_option(programme.code)
    page.get_by_label("Jenis rincian").select_option("insurer")
    page.get_by_label("Berkas (CSV, XLSX atau ODS)").set_input_files(str(path))
    page.get_by_role("button", name="Impor rincian").click()
    page.wait_for_url("**/unggah/rincian-iuran/*/")
    return Statement.objects.get(original_name=name)


def _line(page, statement: Statement, row_number: int):
    """The table row of a statement line, by the row number it had in the file."""
    line = statement.lines.get(row_number=row_number)
    return page.locator(f"#line-{line.pk}")


def _issue_bill(page, programme, month: str) -> Bill:
    page.get_by_role("navigation").get_by_role("link", name="Tagihan").click()
    issue = page.locator("section.card", has=page.get_by_role("heading", name="Terbitkan tagihan"))
    issue.get_by_label("Program").select_option(programme.code)
    issue.get_by_label("Bulan iuran").fill(month)
    issue.get_by_role("button", name="Terbitkan").click()
    page.wait_for_url("**/iuran/tagihan/*/")
    return Bill.objects.get(programme=programme, month=dt.date.fromisoformat(f"{month}-01"))


def _arrears_on(page, programme, day: dt.date):
    page.goto("/iuran/tunggakan/")
    page.get_by_label("Program").select_option(programme.code)
    page.get_by_label("Per tanggal").fill(day.isoformat())
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url(f"**tanggal={day.isoformat()}*")
    return page.locator("main")


def _june_statement(m: dict[str, Enrolment]) -> list[list[str]]:
    """The insurer's June lines, one of each kind that needs a look (row numbers as in the file)."""
    on, ref = "12-06-2026", "SP2D-0612"
    stranger = make_nik(serial=9876)
    return [
        _row(m["paid"], "2026-06", "Rp 16.800,-", on, ref),  # row 2: matched
        _row(m["short"], "2026-06", "10.000", on, ref),  # row 3: underpaid
        _row(m["over"], "2026-06", "20.000", on, ref),  # row 4: overpaid
        ["", stranger, "Orang Tak Dikenal", "2026-06", "16.800", on, ref],  # row 5: unknown person
        _row(m["proposed"], "2026-06", "16.800", on, ref),  # row 6: only proposed, not covered
        _row(m["paid"], "2026-06", "16.800", on, ref),  # row 7: June again, paid twice
        _row(m["short"], "2026-06", "-16.800", on, ref),  # row 8: a negative amount, invalid
    ]


def _resolve_on_page(page, statement: Statement) -> None:
    """Step 3 as the treasurer clicks it; htmx replaces each row with its new state."""
    overpaid = _line(page, statement, 4)
    overpaid.get_by_role("button", name="Terima").click()
    expect(overpaid).to_contain_text("dikreditkan ke bulan berikutnya")

    unknown = _line(page, statement, 5)
    unknown.get_by_label("Catatan").fill("Bukan peserta program; dikembalikan ke kantor cabang")
    unknown.get_by_role("button", name="Tolak").click()
    expect(unknown).to_contain_text("ditolak / tidak diterapkan")
    expect(unknown).to_contain_text("Bukan peserta program")

    # Accepting an underpayment needs a note: refused in the row first, then accepted with one.
    underpaid = _line(page, statement, 3)
    underpaid.get_by_role("button", name="Terima").click()
    expect(underpaid).to_contain_text("catatan wajib diisi untuk menerima kurang bayar")
    underpaid.get_by_label("Catatan").fill("Sisa Rp 6.800 ditagih pada rincian berikutnya")
    underpaid.get_by_role("button", name="Terima").click()
    expect(underpaid).to_contain_text("diterima sebagai pembayaran")

    # The two left (the proposed member, June paid twice) are dismissed at once from their ticked boxes.
    page.get_by_label("Pilih baris 6").check()
    page.get_by_label("Pilih baris 7").check()
    bulk = page.locator("fieldset")
    bulk.get_by_label("Catatan").fill("Bukan tagihan program ini")
    bulk.get_by_role("button", name="Tolak").click()
    expect(page.get_by_text("2 baris diselesaikan.")).to_be_visible()
    for row in (6, 7):
        expect(_line(page, statement, row)).to_contain_text("ditolak / tidak diterapkan")


def _worker_page(page, enrolment: Enrolment):
    page.goto(f"/pekerja/{enrolment.worker_id}/")
    return page.locator("main")


def test_treasurer_reconciles_a_statement_and_a_lapsed_member_is_reactivated(
    seeded, new_page, shoot, tmp_path
):
    programme = make_programme(code="kapuas-2026")
    m = {
        "paid": _member(programme, "Ahmad Yani", paid_months=5),
        "short": _member(programme, "Siti Aminah", paid_months=5),
        "over": _member(programme, "Rahmat Hidayat", paid_months=5),
        # Paid January and February only: March to June unpaid makes four months in a row after June's due date.
        "lapser": _member(programme, "Dewi Lestari", paid_months=2),
        "proposed": make_enrolment(
            programme=programme, worker=new_worker(full_name="Yohanes Ukur"), today=ENROLLED_ON
        ),
    }
    lapser = m["lapser"]
    make_user(Role.ADMIN_PROGRAM, "62.03", username="admin.kapuas")
    make_user(Role.BENDAHARA, "62.03", username="bendahara.kapuas")
    june_due = due_date(segment=programme.segment, month=JUNE)

    # 1. The programme admin issues June's bill: the four active members at Rp 16.800, not the proposed one.
    admin = new_page()
    sign_in(admin, "admin.kapuas", PASSWORD)
    june = _issue_bill(admin, programme, "2026-06")
    expect(admin.get_by_text(f"Tagihan {june.number} diterbitkan.")).to_be_visible()
    expect(admin.locator("dl.summary")).to_contain_text("Rp 67.200")
    for key in ("paid", "short", "over", "lapser"):
        expect(admin.locator("#bill-lines")).to_contain_text(m[key].worker.full_name)
    expect(admin.locator("#bill-lines")).not_to_contain_text("Yohanes Ukur")
    assert june.due_date == june_due
    shoot(admin, "money-01-bill-issued")

    # 2. The treasurer imports the insurer's statement for June; only the matched line is applied by itself.
    treasurer = new_page()
    sign_in(treasurer, "bendahara.kapuas", PASSWORD)
    statement = _upload_statement(treasurer, tmp_path, programme, "rincian-juni.csv", _june_statement(m))
    assert dict(statement.lines.values_list("row_number", "outcome")) == {
        2: Outcome.MATCHED,
        3: Outcome.UNDERPAID,
        4: Outcome.OVERPAID,
        5: Outcome.UNKNOWN_PERSON,
        6: Outcome.NOT_COVERED,
        7: Outcome.PAID_TWICE,
        8: Outcome.INVALID,
    }
    expect(_line(treasurer, statement, 2)).to_contain_text("diterapkan otomatis")
    expect(_line(treasurer, statement, 8)).to_contain_text("negatif")
    for row in (3, 4, 5, 6, 7):
        expect(_line(treasurer, statement, row)).to_contain_text("menunggu keputusan")
    assert list(Payment.objects.filter(month=JUNE).values_list("enrolment_id", flat=True)) == [m["paid"].pk]
    shoot(treasurer, "money-02-statement-imported")

    # 3. ... resolves the lines: the overpayment becomes a credit on July's bill (PP 50/2025).
    _resolve_on_page(treasurer, statement)
    shoot(treasurer, "money-03-statement-settled")
    assert dict(statement.lines.values_list("row_number", "resolution")) == {
        2: Resolution.APPLIED,
        3: Resolution.ACCEPTED,
        4: Resolution.CREDITED,
        5: Resolution.DISMISSED,
        6: Resolution.DISMISSED,
        7: Resolution.DISMISSED,
        8: Resolution.DISMISSED,
    }
    assert sorted(Payment.objects.filter(month=JUNE).values_list("enrolment_id", "amount")) == sorted(
        [(m["paid"].pk, 16_800), (m["short"].pk, 10_000), (m["over"].pk, 16_800)]
    )
    credit = Credit.objects.get()
    assert (credit.enrolment_id, credit.month, credit.amount) == (m["over"].pk, dt.date(2026, 7, 1), 3_200)
    july = _issue_bill(admin, programme, "2026-07")
    expect(admin.locator("#bill-lines")).to_contain_text("-Rp 3.200")
    assert BillLine.objects.get(bill=july, kind=BillLine.Kind.CREDIT).amount == -3_200
    shoot(admin, "money-04-july-bill-with-credit")
    assert admin.errors == []

    # 4. The arrears list on June's due date names the member who stopped paying after February.
    table = _arrears_on(treasurer, programme, june_due).locator("table")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Dewi Lestari")
    expect(table).to_contain_text("Maret 2026, April 2026, Mei 2026")
    expect(table).to_contain_text("Rp 50.400")
    expect(table).to_contain_text(f"non-aktif bila belum dibayar sampai {june_due:%d-%m-%Y}")
    shoot(treasurer, "money-05-arrears")

    # The daily job a day after June's due date: four unpaid months in a row, the member becomes non-active.
    lapse_day = june_due + dt.timedelta(days=1)
    report = billing_daily(actor=None, as_of=lapse_day)
    assert (report.lapsed, report.reactivated) == ([lapser.pk], [])
    main = _worker_page(treasurer, lapser)
    expect(main.locator(".badge.non_active")).to_have_text("non-aktif")
    expect(main).to_contain_text("hak JKK/JKM gugur (PP 44/2015")
    shoot(treasurer, "money-06-member-non-active")
    table = _arrears_on(treasurer, programme, lapse_day).locator("table")
    expect(table).to_contain_text(f"non-aktif sejak {lapse_day:%d-%m-%Y}")

    # The branch's receipt for the four months in arrears, imported by the treasurer: every line matched.
    paid_on = lapse_day + dt.timedelta(days=1)
    receipt_rows = [
        _row(lapser, month, "16.800", f"{paid_on:%d-%m-%Y}", "NTPN-0617")
        for month in ("2026-03", "2026-04", "2026-05", "2026-06")
    ]
    receipt = _upload_statement(treasurer, tmp_path, programme, "bukti-bayar-tunggakan.csv", receipt_rows)
    assert (receipt.counts["lines"], receipt.counts["matched"]) == (4, 4)
    shoot(treasurer, "money-07-arrears-paid")

    # ... and the next run of the daily job makes the member active again.
    report = billing_daily(actor=None, as_of=paid_on)
    assert (report.lapsed, report.reactivated) == ([], [lapser.pk])
    main = _worker_page(treasurer, lapser)
    expect(main.locator(".badge.active")).to_have_text("aktif")
    expect(main).to_contain_text("Tunggakan dibayar")
    shoot(treasurer, "money-08-member-reactivated")
    expect(_arrears_on(treasurer, programme, paid_on)).to_contain_text("Tidak ada tunggakan.")
    assert treasurer.errors == []
