"""The monev report of a region and month, as PDF (``pdf``, WeasyPrint) and as .xlsx (``xlsx``, XlsxWriter).

Both are built from a ``Figures`` object (``monev.selectors.monev_figures``), the one the dashboard shows,
plus the table of villages and their commitment (``village_table``). The PDF reuses the dashboard's section
templates with the same inline-SVG charts; the workbook draws native Excel charts over its own cells.
"""

from __future__ import annotations

import re

from ..selectors import Figures
from .pdf import report_pdf
from .xlsx import report_xlsx

__all__ = ["report_filename", "report_pdf", "report_xlsx"]


def report_filename(figures: Figures, kind: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", figures.region_name.lower()).strip("-") or "indonesia"
    return f"monev-{slug}-{figures.period:%Y-%m}.{kind}"
