"""PDF documents (bills, notices, letters) from rendered HTML, with one house stylesheet.

The style is passed to WeasyPrint, not written into the templates: templates keep to the pages' Content
Security Policy (no ``<style>`` element; tests/portal/test_security.py), and every document looks the same.
"""

from __future__ import annotations

from weasyprint import CSS, HTML

DOCUMENT_CSS = """
@page { size: A4; margin: 2cm; }
@page wide { size: A4 landscape; margin: 1.5cm; }
body { font-family: sans-serif; font-size: 10pt; }
body.wide { page: wide; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; }
td.num, th.num { text-align: right; }
table.head th { border: none; width: 12em; }
table.head td { border: none; }
section.page { page-break-after: always; }
.small { font-size: 8pt; }
"""


def pdf_from_html(html: str) -> bytes:
    """A4 portrait; a document whose ``<body class="wide">`` prints landscape (long tables of people)."""
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=DOCUMENT_CSS)])
