"""The workbook: no cell is ever a formula."""

from __future__ import annotations

import io
import zipfile

import pytest

from lindung.monev.reports import report_xlsx
from lindung.monev.selectors import monev_figures

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
