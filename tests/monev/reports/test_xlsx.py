"""The workbook: no cell is ever a formula."""

from __future__ import annotations

import io
import zipfile

import pytest

from lindung.monev.reports import report_xlsx
from lindung.monev.selectors import monev_figures
from tests.core.xlsx_cells import xlsx_cells

from ..builders import KAPUAS, PERIOD

pytestmark = pytest.mark.django_db


def test_xlsx_never_writes_a_formula(dataset):
    dataset.kapuas.name = '=HYPERLINK("http://contoh.invalid","klik")'
    dataset.kapuas.save()
    body = report_xlsx(monev_figures(KAPUAS, PERIOD))
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        shared = z.read("xl/sharedStrings.xml").decode()
    assert not any("<f>" in s or "<f " in s for s in sheets)
    assert "=HYPERLINK(" in shared  # kept, as text


def test_xlsx_text_that_looks_like_a_formula_carries_the_quote_prefix(dataset):
    names = ['=HYPERLINK("http://contoh.invalid","klik")']
    dataset.kapuas.name = names[0]
    dataset.kapuas.save()
    body = report_xlsx(monev_figures(KAPUAS, PERIOD))
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        sheets = len([n for n in z.namelist() if n.startswith("xl/worksheets/sheet")])
    cells = [c for i in range(1, sheets + 1) for c in xlsx_cells(body, i)]
    hits = [c for c in cells if c.value.startswith(names[0])]
    assert hits and all(c.kind == "text" and c.quoted for c in hits)
    numbers = [c for c in cells if c.kind == "number"]
    assert numbers and not any(c.quoted for c in numbers)
