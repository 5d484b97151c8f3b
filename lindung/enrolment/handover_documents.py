"""The hand-over notice lists as files: one XLSX per village, one PDF of every village."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.core.pdf import pdf_from_html
from lindung.core.spreadsheets import safe_workbook, write_text, write_value

from .renewal_selectors import HandoverNotices, VillageNotice


def notices_xlsx(notices: HandoverNotices, village: VillageNotice) -> bytes:
    """One village's notice list: who pays, how much a month, from when, by when and where."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    sheet = book.add_worksheet(village.code.replace(".", "-")[:31])
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0"})
    programme = notices.programme
    head = [
        _("Pemberitahuan iuran mandiri: %(programme)s") % {"programme": programme.name},
        _("Desa %(name)s (%(code)s)") % {"name": village.name, "code": village.code},
        _("Mulai bayar sendiri: %(month)s") % {"month": notices.first_month_label},
        notices.due_rule,
        notices.channels,
    ]
    for row, text in enumerate(head):
        write_text(sheet, row, 0, text, bold if row == 0 else None)
    columns = [_("Nama"), _("NIK"), _("KPJ"), _("Iuran per bulan (Rp)"), _("Bulan pertama"), _("Status")]
    top = len(head) + 1
    for col, title in enumerate(columns):
        write_text(sheet, top, col, title, bold)
    for i, n in enumerate(village.notices, start=top + 1):
        write_text(sheet, i, 0, n.name)
        write_text(sheet, i, 1, n.nik)
        write_text(sheet, i, 2, n.kpj)
        write_value(sheet, i, 3, n.monthly, money)
        write_text(sheet, i, 4, notices.first_month_label)
        write_text(sheet, i, 5, n.status)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 5, 18)
    book.close()
    return buffer.getvalue()


def notices_pdf(notices: HandoverNotices) -> bytes:
    """Every village's notice list, one section per village (WeasyPrint)."""
    html = render_to_string(
        "enrolment/handover_pdf.html",
        {"notices": notices, "generated_at": timezone.localtime()},
    )
    return pdf_from_html(html)


__all__ = ["notices_pdf", "notices_xlsx"]
