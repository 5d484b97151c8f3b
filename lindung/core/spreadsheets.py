"""Cells Lindung writes into spreadsheets: never a formula, whatever the text starts with.

The one guard against CSV/formula injection (OWASP "CSV Injection"): a text that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return would be run by a spreadsheet as a formula (``=HYPERLINK(...)``
that leaks the sheet, a DDE call). Every workbook Lindung writes comes from ``safe_workbook``:

- XlsxWriter's conversions are off, so text is always written as a text cell, never a formula, number or link;
- a formula-looking text cell also gets Excel's quote prefix (the ``'`` a user types before ``=``), so editing
  the cell, or saving the sheet as CSV from Excel, keeps it text; the value itself is unchanged;
- numbers are written as numbers, so a real ``-2500`` stays a negative number.

``csv_cell`` is the same rule for CSV, where no cell type exists: the text gets a leading ``'``.
``formula_like`` is also what the registry checks use to flag such names and addresses at entry.
"""

from __future__ import annotations

import re
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# ``formula_like`` as two regular expressions, for a whole column at once (Polars has no look-ahead): a text
# matching FORMULA_PATTERN and not PLAIN_NUMBER_PATTERN ("-2500", "+62812…" are harmless numbers).
FORMULA_PATTERN = r"^[=+\-@\t\r]\s*\S"
PLAIN_NUMBER_PATTERN = r"^[+-]?[0-9]+(?:[.,][0-9]+)*$"
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER_PATTERN)
# XlsxWriter would otherwise read "=…" as a formula, "123" as a number and "http…" as a link.
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def formula_like(text: Any) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (not a plain signed number, not a lone lead)."""
    if not isinstance(text, str) or not text or text[0] not in FORMULA_LEADS:
        return False
    # A lone lead ("-" is the usual "none" in Indonesian forms) is not a formula.
    return bool(text[1:].strip()) and not _PLAIN_NUMBER.fullmatch(text)


def csv_cell(value: Any) -> str:
    """A value for a CSV cell: formula-looking text gets a leading ``'`` (numbers are left as they are)."""
    text = "" if value is None else str(value)
    return f"'{text}" if isinstance(value, str) and formula_like(text) else text


class SafeWorksheet(Worksheet):
    """A worksheet whose every text cell, however it is written (``write``, ``write_string``), is inert."""

    book: SafeWorkbook

    def _write_string(self, row, col, string, cell_format=None):
        if formula_like(string):
            cell_format = self.book.quoted(cell_format)
        return super()._write_string(row, col, string, cell_format)


class SafeWorkbook(xlsxwriter.Workbook):
    """``xlsxwriter.Workbook`` with the conversions off and ``SafeWorksheet`` sheets."""

    worksheet_class = SafeWorksheet

    def __init__(self, target: Any, options: dict | None = None):
        self._properties: dict[int, dict] = {}
        self._quoted: dict[int | None, Format] = {}
        super().__init__(target, (options or {}) | SAFE_OPTIONS)

    def add_format(self, properties=None) -> Format:
        fmt = super().add_format(properties)
        self._properties[id(fmt)] = dict(properties or {})
        return fmt

    def add_worksheet(self, name=None, worksheet_class=None) -> Worksheet:
        sheet = super().add_worksheet(name, worksheet_class)
        if isinstance(sheet, SafeWorksheet):
            sheet.book = self
        return sheet

    def quoted(self, fmt: Format | None) -> Format:
        """``fmt`` with Excel's quote prefix (made once per format)."""
        key = None if fmt is None else id(fmt)
        if key not in self._quoted:
            properties = {} if fmt is None else self._properties.get(id(fmt), {})
            properties = {k: v for k, v in properties.items() if k != "xf_index"}
            self._quoted[key] = self.add_format(properties | {"quote_prefix": True})
        return self._quoted[key]


def safe_workbook(target: Any, *, constant_memory: bool = False) -> SafeWorkbook:
    """The workbook every Lindung export is written with (``target``: a path or a binary buffer)."""
    return SafeWorkbook(target, {"constant_memory": constant_memory, "in_memory": not constant_memory})


def write_text(sheet: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
    """A value as a text cell, whatever it starts with (``None`` is an empty text)."""
    sheet.write_string(row, col, "" if value is None else str(value), fmt)


def write_value(sheet: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
    """A value as its own type: numbers and booleans as such, everything else as inert text."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        write_text(sheet, row, col, value, fmt)
