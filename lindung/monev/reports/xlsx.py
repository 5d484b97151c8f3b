"""The monev report as a workbook: summary, recommendations, regions, villages, breakdowns, budget, trend.

One function per sheet. Sheet names are labels too, in the reader's language; a chart names the sheet its
data sits on, so each sheet function passes its own name to its chart.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.core.spreadsheets import safe_workbook, write_value

from ..recommendations import rule_texts
from ..selectors import Figures, village_table
from ..selectors.claims import ClaimTable


class _Sheet:
    """A worksheet writer that never lets a text cell become a formula (CSV/formula injection)."""

    def __init__(self, book, name: str, formats: dict):
        self.name = name
        self.ws = book.add_worksheet(name)
        self.f = formats
        self.row = 0

    def cell(self, row: int, col: int, value, fmt=None) -> None:
        write_value(self.ws, row, col, value, fmt)

    def line(self, values, fmts=None) -> int:
        for col, value in enumerate(values):
            self.cell(self.row, col, value, (fmts or {}).get(col))
        self.row += 1
        return self.row - 1

    def header(self, values) -> None:
        self.line(values, {i: self.f["b"] for i in range(len(values))})

    def title(self, text: str) -> None:
        self.cell(self.row, 0, text, self.f["h"])
        self.row += 1

    def blank(self) -> None:
        self.row += 1


def _pct(value: Decimal | None) -> float | None:
    return None if value is None else float(value) / 100


def _formats(book) -> dict:
    return {
        "h": book.add_format({"bold": True, "font_size": 13}),
        "b": book.add_format({"bold": True}),
        "rp": book.add_format({"num_format": '"Rp" #,##0'}),
        "n": book.add_format({"num_format": "#,##0"}),
        "pct": book.add_format({"num_format": "0.00%"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def report_xlsx(figures: Figures) -> bytes:
    """The report as a workbook: summary, recommendations, regions, villages, breakdowns, budget, trend,
    and the claims by programme and year (``figures.claims``)."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    f = _formats(book)
    _summary_sheet(book, f, figures)
    _recommendations_sheet(book, f, figures)
    if figures.children:
        _regions_sheet(book, f, figures)
    _villages_sheet(book, f, figures)
    _breakdown_sheet(book, f, figures)
    _budget_sheet(book, f, figures)
    _trend_sheet(book, f, figures)
    if figures.claims is not None:
        _claims_sheet(book, f, figures, figures.claims)
    book.close()
    return buffer.getvalue()


def _summary_rows(figures: Figures, f: dict) -> list[tuple]:
    """The summary's label, value and format per line, below the table of people by status."""
    c, u, budget = figures.counts, figures.ucj, figures.budget
    threshold = figures.quota_threshold_text
    return [
        (_("Kuota (tempat)"), c.quota, f["n"]),
        (_("Menempati kuota (diusulkan s.d. non-aktif)"), c.occupying, f["n"]),
        (_("Kuota terisi"), _pct(c.commitment_percent), f["pct"]),
        (_("Peserta aktif"), c.active, f["n"]),
        (_("Cakupan aktif terhadap kuota"), _pct(c.coverage_percent), f["pct"]),
        (_("Desa berkuota"), c.villages, f["n"]),
        (_("Desa di bawah %(threshold)s kuota") % {"threshold": threshold}, c.villages_below_half, f["n"]),
        (_("Peserta menunggak 2-3 bulan"), c.at_risk, f["n"]),
        (_("Aktif tetapi menunggak lebih dari batas (menunggu dinonaktifkan)"), c.lapse_due, f["n"]),
        (_("Menjadi non-aktif bulan ini"), c.lapsed, f["n"]),
        (_("Aktif kembali bulan ini"), c.reactivated, f["n"]),
        (_("Ditagih bulan ini"), c.billed, f["rp"]),
        (_("Dibayar untuk bulan ini"), c.paid, f["rp"]),
        (_("Dibayar dari tagihan"), _pct(c.paid_percent), f["pct"]),
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
        (_("Pagu"), budget.ceiling, f["rp"]),
        (_("Komitmen iuran"), budget.committed, f["rp"]),
        (_("Realisasi iuran"), budget.realised, f["rp"]),
        (_("Sisa pagu"), budget.remaining, f["rp"]),
    ]


def _summary_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Ringkasan"), f)
    s.ws.set_column(0, 0, 46)
    s.ws.set_column(1, 1, 22)
    s.ws.set_column(2, 2, 60)
    s.title(f"Monev {figures.region_name} ({figures.level_name}), {figures.period_label}")
    s.line([_("Kode wilayah"), figures.region_code or "Indonesia"])
    refreshed = figures.refreshed_at
    s.line(
        [
            _("Data per"),
            timezone.localtime(refreshed).strftime("%d-%m-%Y %H:%M") if refreshed else _("belum ada rekap"),
        ]
    )
    s.blank()
    s.line([_("Status"), _("Orang")], {0: f["b"], 1: f["b"]})
    status_first = s.row
    for row in figures.status_rows:
        s.line([row["label"], row["count"]], {1: f["n"]})
    status_last = s.row - 1
    s.line([_("Jumlah"), figures.counts.total], {0: f["b"], 1: f["n"]})
    s.blank()
    for label, value, fmt in _summary_rows(figures, f):
        s.line([label, value], {1: fmt} if fmt else None)
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": _("Orang"),
            "categories": [s.name, status_first, 0, status_last, 0],
            "values": [s.name, status_first, 1, status_last, 1],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": _("Orang menurut status")})
    chart.set_legend({"none": True})
    s.ws.insert_chart(4, 3, chart)


def _recommendations_sheet(book, f: dict, figures: Figures) -> None:
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
    for rule, text in rule_texts(figures.quota_threshold).items():
        s.line([rule, text])


def _regions_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Wilayah"), f)
    s.ws.set_column(0, 1, 24)
    s.ws.set_column(2, 12, 15)
    s.title(figures.children_title)
    s.header(
        [
            _("Kode"),
            _("Wilayah"),
            _("Kuota"),
            _("Menempati kuota"),
            _("Aktif"),
            _("Kuota terisi"),
            _("Cakupan aktif"),
            "UCJ",
            _("Desa di bawah %(threshold)s") % {"threshold": figures.quota_threshold_text},
            _("Menunggak 2-3 bln"),
            _("Pagu"),
            _("Komitmen"),
            _("Realisasi"),
        ]
    )
    n, pct, rp = f["n"], f["pct"], f["rp"]
    fmts = {2: n, 3: n, 4: n, 5: pct, 6: pct, 7: pct, 8: n, 9: n, 10: rp, 11: rp, 12: rp}
    first = s.row
    for ch in figures.children:
        c = ch.counts
        s.line(
            [
                ch.code,
                ch.name,
                c.quota,
                c.occupying,
                c.active,
                _pct(c.commitment_percent),
                _pct(c.coverage_percent),
                _pct(ch.ucj.percent) if ch.ucj else None,
                c.villages_below_half,
                c.at_risk,
                ch.ceiling,
                c.committed,
                c.realised,
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
                "categories": [s.name, first, 1, last, 1],
                "values": [s.name, first, col, last, col],
            }
        )
    chart.set_title({"name": _("%(level)s: aktif dan menempati kuota") % {"level": figures.child_level_name}})
    chart.set_size({"width": 720, "height": max(300, 22 * (last - first + 1))})
    s.ws.insert_chart(1, 14, chart)


def _villages_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Desa"), f)
    s.ws.set_column(0, 1, 24)
    s.ws.set_column(2, 9, 15)
    s.title(
        _("Desa di %(region)s dan komitmennya (kuota terisi), terendah lebih dahulu")
        % {"region": figures.region_name}
    )
    headers = [
        _("Kode"),
        _("Desa"),
        _("Kuota"),
        _("Menempati kuota"),
        _("Aktif"),
        _("Kuota terisi"),
        _("Di bawah %(threshold)s") % {"threshold": figures.quota_threshold_text},
        _("Menunggak 2-3 bln"),
        _("Komitmen"),
        _("Realisasi"),
    ]
    s.header(headers)
    fmts = {2: f["n"], 3: f["n"], 4: f["n"], 5: f["pct"], 7: f["n"], 8: f["rp"], 9: f["rp"]}
    first = s.row
    yes, no = _("ya"), _("tidak")
    for v in village_table(figures.region_code, figures.period):
        c = v.counts
        behind = yes if c.villages_below_half else no
        s.line(
            [v.code, v.name, c.quota, c.occupying, c.active, _pct(c.commitment_percent), behind, c.at_risk]
            + [c.committed, c.realised],
            fmts,
        )
    if s.row > first:
        s.ws.conditional_format(first, 5, s.row - 1, 5, {"type": "3_color_scale"})
        s.ws.autofilter(first - 1, 0, s.row - 1, len(headers) - 1)


def _breakdown_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Rincian"), f)
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
        s.header(["", _("Menempati kuota"), _("Aktif"), _("Komitmen")])
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
                    "categories": [s.name, first, 0, s.row - 1, 0],
                    "values": [s.name, first, 2, s.row - 1, 2],
                }
            )
            chart.set_title({"name": title})
            chart.set_legend({"none": True})
            s.ws.insert_chart(chart_row, 5, chart)
            chart_row += 16
        s.blank()


def _budget_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Anggaran"), f)
    s.ws.set_column(0, 1, 30)
    s.ws.set_column(2, 15, 16)
    s.title(_("Anggaran %(region)s") % {"region": figures.region_name})
    s.header(
        [
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
            *_month_money_headers(),
        ]
    )
    n, rp = f["n"], f["rp"]
    fmts = {3: n, 4: n, 5: n, 6: rp, 7: rp, 8: rp, 10: rp, 11: rp, 12: n, 13: n, 14: n, 15: n}
    for p in figures.budget.programmes:
        c = p.counts
        s.line(
            [p.name, p.code, p.funding_label, c.quota, c.occupying, c.active, p.ceiling_share]
            + [c.committed, c.realised, p.ceiling_note, *_month_money(c)],
            fmts,
        )
    c, budget = figures.counts, figures.budget
    s.line(
        [
            _("Jumlah"),
            "",
            "",
            c.quota,
            c.occupying,
            c.active,
            budget.ceiling,
            budget.committed,
            budget.realised,
            "",
            *_month_money(c),
        ],
        {0: f["b"], **fmts},
    )


def _month_money_headers() -> list[str]:
    return [
        _("Ditagih bulan ini"),
        _("Dibayar untuk bulan ini"),
        _("Menunggak 2-3 bulan"),
        _("Menunggu dinonaktifkan"),
        _("Non-aktif bulan ini"),
        _("Aktif kembali bulan ini"),
    ]


def _month_money(c) -> list[int]:
    return [c.billed, c.paid, c.at_risk, c.lapse_due, c.lapsed, c.reactivated]


def _trend_sheet(book, f: dict, figures: Figures) -> None:
    s = _Sheet(book, _("Tren"), f)
    s.ws.set_column(0, 0, 16)
    s.ws.set_column(1, 4, 18)
    s.title(_("Tren bulanan %(region)s") % {"region": figures.region_name})
    s.header([_("Bulan"), _("Menempati kuota"), _("Aktif"), _("Komitmen"), _("Realisasi")])
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
                    "categories": [s.name, first, 0, s.row - 1, 0],
                    "values": [s.name, first, col, s.row - 1, col],
                }
            )
        chart.set_title({"name": _("Tren bulanan")})
        s.ws.insert_chart(1, 6, chart)


def _claims_sheet(book, f: dict, figures: Figures, claims: ClaimTable) -> None:
    s = _Sheet(book, _("Klaim"), f)
    s.ws.set_column(0, 0, 8)
    s.ws.set_column(1, 1, 34)
    s.ws.set_column(2, 9, 16)
    s.ws.set_column(10, 10, 40)
    s.title(_("Klaim kecelakaan kerja dan kematian, %(region)s") % {"region": figures.region_name})
    s.header(
        [
            _("Tahun"),
            _("Program"),
            _("Kode"),
            _("Dilaporkan"),
            _("Dibayar"),
            _("Ditolak"),
            _("Masih diproses"),
            _("Santunan dibayar"),
            _("Keluarga"),
            "",
            _("Keterangan"),
        ]
    )
    n = f["n"]
    fmts = {3: n, 4: n, 5: n, 6: n, 7: f["rp"], 8: n}
    rows = [*claims.rows, claims.total] if claims.total else claims.rows
    for i, r in enumerate(rows):
        total = r is claims.total and i == len(rows) - 1
        s.line(
            [
                None if total else r.year,
                _("Jumlah") if total else r.programme_name,
                r.programme_code,
                r.reported,
                r.paid,
                r.refused,
                r.open,
                r.amount_paid,
                r.families,
                "",
                r.phrase,
            ],
            ({1: f["b"]} | fmts) if total else fmts,
        )
    s.blank()
    s.cell(s.row, 0, _("Tahun = tahun kejadian. Keluarga = orang yang klaimnya dibayar, dihitung sekali."))
