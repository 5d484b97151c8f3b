"""A bill as a document: XLSX (every visible line) and PDF (header, lines, total in words).

Both carry the programme, month, number, due date and legal basis, and only the lines the reader may see:
a village operator's download holds their village's lines and their total.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.core.money import rupiah, rupiah_words
from lindung.core.months import month_label
from lindung.core.pdf import pdf_from_html
from lindung.core.spreadsheets import safe_workbook, write_value

from .models import Bill
from .selectors.bills import bill_line_values, bill_summary, line_rows

# Lines printed in the PDF one by one; the workbook always lists them all.
PDF_LINE_LIMIT = 2000


def bill_header(actor, bill: Bill) -> list[tuple[str, str]]:
    summary = bill_summary(actor, bill)
    programme = bill.programme
    return [
        (_("Program"), f"{programme.name} ({programme.code})"),
        (_("Bulan iuran"), month_label(bill.month)),
        (_("Nomor tagihan"), bill.number),
        (_("Jatuh tempo"), bill.due_date.strftime("%d-%m-%Y")),
        (_("Dasar hukum"), bill.legal_basis),
        (_("Jumlah peserta"), str(summary.people)),
        (_("Total tagihan"), rupiah(summary.net)),
        (_("Terbilang"), rupiah_words(summary.net)),
    ]


def bill_xlsx(actor, bill: Bill) -> bytes:
    """Every visible line, written row by row in constant memory."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer, constant_memory=True)
    sheet = book.add_worksheet(_("Tagihan"))
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": '"Rp" #,##0'})
    row = 0
    for label, value in bill_header(actor, bill):
        write_value(sheet, row, 0, label, bold)
        write_value(sheet, row, 1, value)
        row += 1
    row += 1
    titles = [
        _("Nama"),
        _("NIK"),
        _("KPJ"),
        _("Kode desa"),
        _("Desa"),
        _("Jenis"),
        _("Jumlah"),
        _("Alasan"),
        _("Tanggal bayar"),
        _("Terlambat"),
    ]
    for col, title in enumerate(titles):
        write_value(sheet, row, col, title, bold)
    total = 0
    for line in line_rows(actor, bill, bill_line_values(actor, bill).iterator(chunk_size=5000)):
        row += 1
        total += line.amount
        values: list = [
            line.name,
            line.nik,
            line.kpj,
            line.village_code,
            line.village,
            line.kind_label,
            line.amount,
            line.reason,
            line.paid_on.strftime("%d-%m-%Y") if line.paid_on else "",
            _("ya") if line.late else "",
        ]
        for col, value in enumerate(values):
            write_value(sheet, row, col, value, money if col == 6 else None)
    row += 1
    write_value(sheet, row, 5, _("Total"), bold)
    write_value(sheet, row, 6, total, money)
    write_value(sheet, row + 1, 5, _("Terbilang"), bold)
    write_value(sheet, row + 1, 6, rupiah_words(total))
    book.close()
    return buffer.getvalue()


def bill_pdf(actor, bill: Bill) -> bytes:
    """Header, the first ``PDF_LINE_LIMIT`` visible lines, the total and the total in words."""
    values = bill_line_values(actor, bill)
    lines = line_rows(actor, bill, values[:PDF_LINE_LIMIT])
    summary = bill_summary(actor, bill)
    html = render_to_string(
        "billing/bill_pdf.html",
        {
            "bill": bill,
            "header": bill_header(actor, bill),
            "lines": lines,
            "more": max(summary.people - PDF_LINE_LIMIT, 0),
            "summary": summary,
            "total_words": rupiah_words(summary.net),
            "generated_at": timezone.localtime(),
        },
    )
    return pdf_from_html(html)
