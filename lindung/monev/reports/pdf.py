"""The monev report as PDF: the dashboard's sections, then every village with its commitment."""

from __future__ import annotations

import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from ..recommendations import rule_texts
from ..selectors import Figures, village_table

STATIC = Path(__file__).resolve().parent.parent / "static" / "monev"
# Villages listed one by one in the PDF; the workbook always lists them all.
PDF_VILLAGE_LIMIT = 400


def report_pdf(figures: Figures) -> bytes:
    """The report as PDF: the dashboard's sections, then every village with its commitment."""
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
            "rules": rule_texts(figures.quota_threshold),
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
