"""The monev report of a region and month, as PDF (WeasyPrint) and as .xlsx (XlsxWriter).

Both are built from a ``Figures`` object (``monev.selectors.monev_figures``), the one the dashboard shows,
plus the table of villages and their commitment (``village_table``). The PDF reuses the dashboard's section
templates with the same inline-SVG charts; the workbook draws native Excel charts over its own cells.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .recommendations import RULES
from .selectors import Figures, village_table

STATIC = Path(__file__).resolve().parent / "static" / "monev"
# Villages listed one by one in the PDF; the workbook always lists them all.
PDF_VILLAGE_LIMIT = 400


def report_filename(figures: Figures, kind: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", figures.region_name.lower()).strip("-") or "indonesia"
    return f"monev-{slug}-{figures.period:%Y-%m}.{kind}"


def report_pdf(figures: Figures) -> bytes:
    """The report as PDF: the dashboard's sections, then every village with its commitment."""
    from weasyprint import CSS, HTML

    villages = village_table(figures.region_code, figures.period) if figures.level >= 2 else []
    html = render_to_string(
        "monev/report_pdf.html",
        {
            "figures": figures,
            "pdf": True,
            "public": False,
            "link_name": "monev:dashboard",
            "villages": villages[:PDF_VILLAGE_LIMIT],
            "villages_more": max(len(villages) - PDF_VILLAGE_LIMIT, 0),
            "rules": RULES,
            "generated_at": timezone.localtime(),
        },
    )
    stylesheets = [
        CSS(filename=str(STATIC / "monev.css")),
        CSS(filename=str(STATIC / "report.css")),
        CSS(string=_page_footer_css()),
    ]
    return HTML(string=html, base_url=str(STATIC)).write_pdf(stylesheets=stylesheets)


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string; a translation can hold quotes or backslashes."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;·()-–" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def _css_content(text: str, **counters: str) -> str:
    """A ``content`` value from a sentence whose ``%(name)s`` placeholders are CSS page counters."""
    parts = re.split(r"%\((\w+)\)s", text)
    values = [f"counter({counters[p]})" if i % 2 else _css_string(p) for i, p in enumerate(parts) if p]
    return " ".join(values)


def _page_footer_css() -> str:
    """The page margins' words: a stylesheet file cannot follow the language, so they are written here."""
    page = _css_content(_("Halaman %(n)s dari %(total)s"), n="page", total="pages")
    left = _css_string(_("Lindung · laporan monev"))
    return f"@page {{ @bottom-right {{ content: {page}; }} @bottom-left {{ content: {left}; }} }}"


class _Sheet:
    """A worksheet writer that never lets a text cell become a formula (CSV/formula injection)."""

    def __init__(self, book, name: str, formats: dict):
        self.ws = book.add_worksheet(name)
        self.f = formats
        self.row = 0

    def cell(self, row: int, col: int, value, fmt=None) -> None:
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            self.ws.write_number(row, col, value, fmt)
        else:
            # write_string stores text as text even when it starts with = + - @, so no cell is a formula.
            self.ws.write_string(row, col, str(value), fmt)

    def line(self, values, fmts=None) -> int:
        for col, value in enumerate(values):
            self.cell(self.row, col, value, (fmts or {}).get(col))
        self.row += 1
        return self.row - 1

    def title(self, text: str) -> None:
        self.cell(self.row, 0, text, self.f["h"])
        self.row += 1

    def blank(self) -> None:
        self.row += 1


def _pct(value) -> float | None:
    return None if value is None else float(value) / 100


def report_xlsx(figures: Figures) -> bytes:
    """The report as a workbook: summary, recommendations, regions, villages, breakdowns, budget, trend."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    f = {
        "h": book.add_format({"bold": True, "font_size": 13}),
        "b": book.add_format({"bold": True}),
        "rp": book.add_format({"num_format": '"Rp" #,##0'}),
        "n": book.add_format({"num_format": "#,##0"}),
        "pct": book.add_format({"num_format": "0.00%"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    c = figures.counts
    # Sheet names are labels too; charts name the sheet their data sits on, hence the variables.
    summary_sheet = _("Ringkasan")
    regions_sheet = _("Wilayah")
    breakdown_sheet = _("Rincian")
    trend_sheet = _("Tren")

    s = _Sheet(book, summary_sheet, f)
    s.ws.set_column(0, 0, 46)
    s.ws.set_column(1, 1, 22)
    s.ws.set_column(2, 2, 60)
    s.title(f"Monev {figures.region_name} ({figures.level_name}), {figures.period_label}")
    s.line([_("Kode wilayah"), figures.region_code or "Indonesia"])
    s.line(
        [
            _("Data per"),
            timezone.localtime(figures.refreshed_at).strftime("%d-%m-%Y %H:%M")
            if figures.refreshed_at
            else _("belum ada rekap"),
        ]
    )
    s.blank()
    s.line([_("Status"), _("Orang")], {0: f["b"], 1: f["b"]})
    status_first = s.row
    for row in figures.status_rows:
        s.line([row["label"], row["count"]], {1: f["n"]})
    status_last = s.row - 1
    s.line([_("Jumlah"), c.total], {0: f["b"], 1: f["n"]})
    s.blank()
    u = figures.ucj
    rows = [
        (_("Kuota (tempat)"), c.quota, f["n"]),
        (_("Menempati kuota (diusulkan s.d. non-aktif)"), c.occupying, f["n"]),
        (_("Kuota terisi"), _pct(c.commitment_percent), f["pct"]),
        (_("Peserta aktif"), c.active, f["n"]),
        (_("Cakupan aktif terhadap kuota"), _pct(c.coverage_percent), f["pct"]),
        (_("Desa berkuota"), c.villages, f["n"]),
        (_("Desa di bawah separuh kuota"), c.villages_below_half, f["n"]),
        (_("Peserta menunggak 2-3 bulan"), c.at_risk, f["n"]),
        (_("Penduduk bekerja"), u.working_population, f["n"]),
        (
            _("Sumber penduduk bekerja"),
            f"{u.population_source} ({u.population_year})" if u.working_population else _("belum diisi"),
            None,
        ),
        (_("UCJ (aktif ÷ penduduk bekerja)"), _pct(u.percent), f["pct"]),
        (_("Target UCJ"), _pct(u.target_percent), f["pct"]),
        (_("Dasar target"), u.target_source, None),
        (_("Peserta yang dibutuhkan target"), u.target_people, f["n"]),
        (_("Kesenjangan (orang)"), u.gap_people, f["n"]),
        (_("Pagu"), figures.budget.ceiling, f["rp"]),
        (_("Komitmen iuran"), figures.budget.committed, f["rp"]),
        (_("Realisasi iuran"), figures.budget.realised, f["rp"]),
        (_("Sisa pagu"), figures.budget.remaining, f["rp"]),
    ]
    for label, value, fmt in rows:
        s.line([label, value], {1: fmt} if fmt else None)
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": _("Orang"),
            "categories": [summary_sheet, status_first, 0, status_last, 0],
            "values": [summary_sheet, status_first, 1, status_last, 1],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": _("Orang menurut status")})
    chart.set_legend({"none": True})
    s.ws.insert_chart(4, 3, chart)

    s = _Sheet(book, _("Rekomendasi"), f)
    s.ws.set_column(0, 0, 40)
    s.ws.set_column(1, 1, 110, f["wrap"])
    s.title(_("Rekomendasi"))
    for r in figures.recommendations:
        s.line([r.title, r.text], {0: f["b"]})
        for item in r.items:
            s.line(["", item])
        if r.more:
            s.line(["", r.more])
    if not figures.recommendations:
        s.line([_("Tidak ada temuan menurut aturan rekomendasi.")])
    s.blank()
    s.title(_("Aturan"))
    for rule, text in RULES.items():
        s.line([rule, text])

    headers = [
        _("Kode"),
        _("Wilayah"),
        _("Kuota"),
        _("Menempati kuota"),
        _("Aktif"),
        _("Kuota terisi"),
        _("Cakupan aktif"),
        "UCJ",
        _("Desa < separuh"),
        _("Menunggak 2-3 bln"),
        _("Pagu"),
        _("Komitmen"),
        _("Realisasi"),
    ]
    fmts = {
        2: f["n"],
        3: f["n"],
        4: f["n"],
        5: f["pct"],
        6: f["pct"],
        7: f["pct"],
        8: f["n"],
        9: f["n"],
        10: f["rp"],
        11: f["rp"],
        12: f["rp"],
    }
    if figures.children:
        s = _Sheet(book, regions_sheet, f)
        s.ws.set_column(0, 1, 24)
        s.ws.set_column(2, 12, 15)
        s.title(figures.children_title)
        s.line(headers, {i: f["b"] for i in range(len(headers))})
        first = s.row
        for ch in figures.children:
            s.line(
                [
                    ch.code,
                    ch.name,
                    ch.counts.quota,
                    ch.counts.occupying,
                    ch.counts.active,
                    _pct(ch.counts.commitment_percent),
                    _pct(ch.counts.coverage_percent),
                    _pct(ch.ucj.percent) if ch.ucj else None,
                    ch.counts.villages_below_half,
                    ch.counts.at_risk,
                    ch.ceiling,
                    ch.counts.committed,
                    ch.counts.realised,
                ],
                fmts,
            )
        last = s.row - 1
        s.ws.conditional_format(first, 5, last, 7, {"type": "3_color_scale"})
        chart = book.add_chart({"type": "bar"})
        for col, name in ((3, _("Menempati kuota")), (4, _("Aktif"))):
            chart.add_series(
                {
                    "name": name,
                    "categories": [regions_sheet, first, 1, last, 1],
                    "values": [regions_sheet, first, col, last, col],
                }
            )
        chart.set_title(
            {"name": _("%(level)s: aktif dan menempati kuota") % {"level": figures.child_level_name}}
        )
        chart.set_size({"width": 720, "height": max(300, 22 * (last - first + 1))})
        s.ws.insert_chart(1, 14, chart)

    s = _Sheet(book, _("Desa"), f)
    s.ws.set_column(0, 1, 24)
    s.ws.set_column(2, 9, 15)
    s.title(
        _("Desa di %(region)s dan komitmennya (kuota terisi), terendah lebih dahulu")
        % {"region": figures.region_name}
    )
    vheaders = [
        _("Kode"),
        _("Desa"),
        _("Kuota"),
        _("Menempati kuota"),
        _("Aktif"),
        _("Kuota terisi"),
        _("Di bawah separuh"),
        _("Menunggak 2-3 bln"),
        _("Komitmen"),
        _("Realisasi"),
    ]
    s.line(vheaders, {i: f["b"] for i in range(len(vheaders))})
    vfmts = {2: f["n"], 3: f["n"], 4: f["n"], 5: f["pct"], 7: f["n"], 8: f["rp"], 9: f["rp"]}
    first = s.row
    yes, no = _("ya"), _("tidak")
    for v in village_table(figures.region_code, figures.period):
        s.line(
            [
                v.code,
                v.name,
                v.counts.quota,
                v.counts.occupying,
                v.counts.active,
                _pct(v.counts.commitment_percent),
                yes if v.counts.villages_below_half else no,
                v.counts.at_risk,
                v.counts.committed,
                v.counts.realised,
            ],
            vfmts,
        )
    if s.row > first:
        s.ws.conditional_format(first, 5, s.row - 1, 5, {"type": "3_color_scale"})
        s.ws.autofilter(first - 1, 0, s.row - 1, len(vheaders) - 1)

    s = _Sheet(book, breakdown_sheet, f)
    s.ws.set_column(0, 0, 40)
    s.ws.set_column(1, 3, 16)
    titles = {
        "category": _("Kategori pekerja"),
        "gender": _("Jenis kelamin"),
        "age": _("Kelompok umur"),
        "funding": _("Sumber dana"),
    }
    chart_row = 0
    for dim, title in titles.items():
        s.title(title)
        s.line(["", _("Menempati kuota"), _("Aktif"), _("Komitmen")], {i: f["b"] for i in range(4)})
        first = s.row
        for b in figures.breakdowns.get(dim, []):
            s.line(
                [b.label, b.counts.occupying, b.counts.active, b.counts.committed],
                {1: f["n"], 2: f["n"], 3: f["rp"]},
            )
        if s.row > first:
            chart = book.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": _("Aktif"),
                    "categories": [breakdown_sheet, first, 0, s.row - 1, 0],
                    "values": [breakdown_sheet, first, 2, s.row - 1, 2],
                }
            )
            chart.set_title({"name": title})
            chart.set_legend({"none": True})
            s.ws.insert_chart(chart_row, 5, chart)
            chart_row += 16
        s.blank()

    s = _Sheet(book, _("Anggaran"), f)
    s.ws.set_column(0, 1, 30)
    s.ws.set_column(2, 8, 16)
    s.title(_("Anggaran %(region)s") % {"region": figures.region_name})
    bh = [
        _("Program"),
        _("Kode"),
        _("Sumber dana"),
        _("Kuota"),
        _("Menempati kuota"),
        _("Aktif"),
        _("Pagu"),
        _("Komitmen"),
        _("Realisasi"),
        _("Catatan pagu"),
    ]
    s.line(bh, {i: f["b"] for i in range(len(bh))})
    for p in figures.budget.programmes:
        s.line(
            [
                p.name,
                p.code,
                p.funding_label,
                p.counts.quota,
                p.counts.occupying,
                p.counts.active,
                p.ceiling_share,
                p.counts.committed,
                p.counts.realised,
                p.ceiling_note,
            ],
            {3: f["n"], 4: f["n"], 5: f["n"], 6: f["rp"], 7: f["rp"], 8: f["rp"]},
        )
    s.line(
        [
            _("Jumlah"),
            "",
            "",
            c.quota,
            c.occupying,
            c.active,
            figures.budget.ceiling,
            figures.budget.committed,
            figures.budget.realised,
        ],
        {0: f["b"], 3: f["n"], 4: f["n"], 5: f["n"], 6: f["rp"], 7: f["rp"], 8: f["rp"]},
    )

    s = _Sheet(book, trend_sheet, f)
    s.ws.set_column(0, 0, 16)
    s.ws.set_column(1, 4, 18)
    s.title(_("Tren bulanan %(region)s") % {"region": figures.region_name})
    s.line(
        [_("Bulan"), _("Menempati kuota"), _("Aktif"), _("Komitmen"), _("Realisasi")],
        {i: f["b"] for i in range(5)},
    )
    first = s.row
    for t in figures.trend:
        cnt = t.counts
        s.line(
            [
                t.period.strftime("%Y-%m"),
                cnt.occupying if cnt else None,
                cnt.active if cnt else None,
                cnt.committed if cnt else None,
                cnt.realised if cnt else None,
            ],
            {1: f["n"], 2: f["n"], 3: f["rp"], 4: f["rp"]},
        )
    if s.row > first:
        chart = book.add_chart({"type": "column"})
        for col, name in ((1, _("Menempati kuota")), (2, _("Aktif"))):
            chart.add_series(
                {
                    "name": name,
                    "categories": [trend_sheet, first, 0, s.row - 1, 0],
                    "values": [trend_sheet, first, col, s.row - 1, col],
                }
            )
        chart.set_title({"name": _("Tren bulanan")})
        s.ws.insert_chart(1, 6, chart)
    book.close()
    return buffer.getvalue()
