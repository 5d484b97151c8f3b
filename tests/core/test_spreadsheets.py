"""The one guard against formula injection: what looks like a formula, and how every writer keeps it text."""

from __future__ import annotations

import io

import polars as pl
import pytest

from lindung.core.spreadsheets import (
    FORMULA_PATTERN,
    PLAIN_NUMBER_PATTERN,
    csv_cell,
    formula_like,
    safe_workbook,
    write_text,
    write_value,
)

from .xlsx_cells import cell_with, xlsx_cells

ATTACKS = [
    '=HYPERLINK("http://x","klik")',
    "+1+1",
    "@SUM(A1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
HARMLESS = ["Siti Aminah", "-", "- ", "-2500", "+6281234567890", "1.500.000", "", "Jl. Merdeka -2"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_leads_are_formula_like(text):
    assert formula_like(text)


@pytest.mark.parametrize("text", HARMLESS)
def test_names_numbers_and_a_lone_dash_are_not_formula_like(text):
    assert not formula_like(text)


def test_the_column_patterns_say_the_same_as_formula_like():
    texts = pl.Series(ATTACKS + HARMLESS)
    flagged = texts.str.contains(FORMULA_PATTERN) & ~texts.str.contains(PLAIN_NUMBER_PATTERN)
    assert flagged.to_list() == [formula_like(t) for t in ATTACKS + HARMLESS]


def test_csv_cells_that_look_like_formulas_get_a_leading_quote():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-2+3") == "'-2+3"
    assert csv_cell("Siti") == "Siti"
    assert csv_cell(-2500) == "-2500"
    assert csv_cell(None) == ""


def _book(write) -> bytes:
    out = io.BytesIO()
    book = safe_workbook(out)
    sheet = book.add_worksheet("Data")
    write(book, sheet)
    book.close()
    return out.getvalue()


def test_formula_like_text_is_text_with_the_quote_prefix_and_numbers_stay_numbers():
    def write(book, sheet):
        for i, text in enumerate(ATTACKS):
            write_text(sheet, i, 0, text)
        write_value(sheet, 0, 1, -2500)
        write_text(sheet, 1, 1, "Siti Aminah")
        sheet.write(2, 1, "=1+2")  # even XlsxWriter's generic write stays text

    body = _book(write)
    assert not [c for c in xlsx_cells(body) if c.kind == "formula"]
    for text in ATTACKS:
        cell = cell_with(body, text)
        assert (cell.kind, cell.quoted) == ("text", True)
    assert cell_with(body, "-2500").kind == "number"
    assert not cell_with(body, "-2500").quoted
    assert not cell_with(body, "Siti Aminah").quoted
    assert cell_with(body, "=1+2").quoted


def test_the_quote_prefix_keeps_the_cells_own_format():
    def write(book, sheet):
        bold = book.add_format({"bold": True})
        write_text(sheet, 0, 0, "=1+1", bold)
        write_text(sheet, 1, 0, "Nama", bold)

    body = _book(write)
    formula, plain = cell_with(body, "=1+1"), cell_with(body, "Nama")
    assert formula.quoted and not plain.quoted
    assert formula.font == plain.font != "0"
