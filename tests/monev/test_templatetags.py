"""The monev tables built in Python: every text escaped, the same cells the templates used to write."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import translation

from lindung.monev.selectors import AreaRow, Counts, TrendPoint
from lindung.monev.templatetags.monev_tags import children_rows, trend_rows, village_rows

MARCH = dt.date(2026, 3, 1)
NAME = 'Desa <b>"Tua" & Baru</b>'


def _area(code: str) -> AreaRow:
    return AreaRow(
        code=code, name=NAME, level=4, counts=Counts(active=40, verified=5, quota=100), ceiling=2_016_000
    )


def test_children_rows_escape_names_and_link_each_row_for_htmx():
    html = children_rows(SimpleNamespace(period=MARCH, children=[_area("62.03.17.2002")]), "/monev/")
    assert "<b>" not in html and "Desa &lt;b&gt;&quot;Tua&quot; &amp; Baru&lt;/b&gt;" in html
    assert 'hx-get="/monev/?wilayah=62.03.17.2002&amp;periode=2026-03"' in html
    assert '<td class="heat-4">45,00 %</td>' in html  # 45 of 100 places taken
    assert '<td class="heat-none">—</td>' in html  # no working population: no UCJ
    assert "<td>Rp 2.016.000</td>" in html


def test_rows_in_a_pdf_have_no_links():
    rows = village_rows([_area("62.03.17.2002")], "/monev/", MARCH, pdf=True)
    assert "<a " not in rows and "hx-get" not in rows and "&amp; Baru" in rows


def test_trend_rows_name_the_months_without_a_build():
    figures = SimpleNamespace(
        trend=[
            TrendPoint(period=dt.date(2026, 2, 1), counts=None),
            TrendPoint(period=MARCH, counts=Counts(active=3)),
        ]
    )
    with translation.override("id"):
        html = trend_rows(figures)
    assert '<th scope="row">Februari 2026</th><td colspan="4">belum ada rekap</td>' in html
    assert '<th scope="row">Maret 2026</th><td>3</td><td>3</td>' in html
