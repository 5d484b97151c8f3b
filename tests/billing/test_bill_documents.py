from __future__ import annotations

import io

import polars as pl
import pytest

from lindung.accounts.models import Role
from lindung.billing.documents import bill_pdf, bill_xlsx
from tests.accounts.builders import make_user
from tests.billing.builders import OTHER_VILLAGE, issued_bill

pytestmark = pytest.mark.django_db


def cells(content: bytes) -> list[list]:
    frame = pl.read_excel(io.BytesIO(content), sheet_name="Tagihan", has_header=False, infer_schema_length=0)
    return [[None if c is None else str(c) for c in row] for row in frame.rows()]


def test_the_workbook_has_the_header_lines_total_and_words():
    bill = issued_bill(people=2, other_village=1)
    rows = cells(bill_xlsx(None, bill))
    flat = [str(c) for row in rows for c in row if c is not None]
    assert bill.number in flat and "15-04-2026" in flat and bill.legal_basis in flat
    assert sum(1 for row in rows if row[0] == "Budi Santoso") == 3
    assert [c for c in rows[-2] if c is not None] == ["Total", "50400"]
    assert "lima puluh ribu empat ratus rupiah" in flat


def test_a_village_operators_workbook_holds_only_their_village():
    bill = issued_bill(people=2, other_village=1)
    rows = cells(bill_xlsx(make_user(Role.OPERATOR_DESA, OTHER_VILLAGE), bill))
    lines = [row for row in rows if row[0] == "Budi Santoso"]
    assert len(lines) == 1 and lines[0][3] == OTHER_VILLAGE
    assert [c for c in rows[-2] if c is not None] == ["Total", "16800"]


def test_the_pdf_is_a_pdf_with_the_total_in_words():
    bill = issued_bill(people=1, other_village=0)
    content = bill_pdf(None, bill)
    assert content.startswith(b"%PDF")
