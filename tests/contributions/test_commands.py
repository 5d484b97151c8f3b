from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lindung.contributions.calculator import contribution_quote
from lindung.contributions.models import IncomeBracket

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("rates", *args, stdout=out)
    return out.getvalue()


def test_list_shows_the_rows_in_force_with_their_basis():
    text = run("list", "--month", "2026-06")
    assert "BPU JKM Rp 6.800 — PP 44/2015 Pasal 20 ayat (3)" in text
    assert "PU  JKK 0,24%" in text
    assert "PP 50/2025: diskon 50% JKK dan JKM (selain sektor transportasi)" in text
    assert "paling lambat tanggal 15 bulan iuran itu" in text


def test_list_json_for_a_month_without_discount():
    data = json.loads(run("list", "--month", "2025-06", "--json"))
    assert data["discounts"] == [] and len(data["brackets"]) == 2


def test_load_brackets_adds_intermediate_brackets_that_the_calculator_then_uses(tmp_path):
    path = tmp_path / "lampiran2.csv"
    path.write_text("income,jkk_amount\n1300000,13000\n1000000,10000\n1600000,16500\n")
    text = run("load-brackets", str(path))
    assert "2 baru, 1 sudah ada" in text and "Rp 1.600.000: JKK Rp 16.500 bukan 1%" in text
    q = contribution_quote(
        segment="BPU", month=dt.date(2026, 2, 1), income=1_300_000, funding_source="apbd_kabupaten"
    )
    assert q.jkk == 13_000 and q.total == 19_800
    assert run("load-brackets", str(path)).startswith("Golongan penghasilan: 0 baru, 3 sudah ada")


def test_load_brackets_is_all_or_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("income,jkk_amount\n1300000,13000\nabc,1\n1000000,9999\n")
    with pytest.raises(CommandError) as exc:
        run("load-brackets", str(path))
    assert "Baris 3" in str(exc.value) and "sudah ada dengan JKK Rp 10.000" in str(exc.value)
    assert IncomeBracket.objects.count() == 2
