"""Workbooks Lindung writes: the result of an import (the uploaded rows with a status and a reason column).

Every cell is written through ``lindung.core.spreadsheets`` (the one guard against formula injection), so a
value such as ``=HYPERLINK(...)`` or ``@SUM(...)`` stays text and can never become a formula.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from lindung.core.spreadsheets import safe_workbook, write_text

STATE_LABELS = {
    "accepted": "Diterima",
    "flagged": "Diterima dengan catatan",
    "rejected": "Ditolak",
    "skipped": "Dilewati",
}


def result_workbook(target: Path, *, table: pl.DataFrame, outcome: pl.DataFrame, batch) -> None:
    """``table``: the header row and the rows below it as read (``c0``…, ``_row``); ``outcome``: state and reason."""
    text_cols = [c for c in table.columns if c.startswith("c")]
    header = ["" if v is None else str(v) for v in table.select(text_cols).row(0)] if table.height else []
    rows = table.slice(1).join(outcome, on="_row", how="inner").sort("_row")
    book = safe_workbook(str(target), constant_memory=True)
    bold = book.add_format({"bold": True, "bg_color": "#E6F0FA", "border": 1})
    colours = {
        "rejected": book.add_format({"bg_color": "#FDE8E8"}),
        "flagged": book.add_format({"bg_color": "#FFF3D6"}),
        "skipped": book.add_format({"font_color": "#4A5360"}),
        "accepted": None,
    }
    sheet = book.add_worksheet("Hasil")
    for j, name in enumerate(header, start=1):
        write_text(sheet, 0, j, name, bold)
    status_col = len(header) + 1
    write_text(sheet, 0, 0, "Baris asal", bold)
    write_text(sheet, 0, status_col, "Status", bold)
    write_text(sheet, 0, status_col + 1, "Keterangan", bold)
    sheet.freeze_panes(1, 1)
    sheet.set_column(status_col, status_col, 22)
    sheet.set_column(status_col + 1, status_col + 1, 80)
    for i, values in enumerate(rows.select("_row", *text_cols, "state", "reason").iter_rows(), start=1):
        row_no, *cells, state, reason = values
        fmt = colours.get(state)
        sheet.write_number(i, 0, row_no)
        for j, value in enumerate(cells, start=1):
            write_text(sheet, i, j, value)
        write_text(sheet, i, status_col, STATE_LABELS.get(state, state), fmt)
        write_text(sheet, i, status_col + 1, reason, fmt)
    sheet.autofilter(0, 0, max(rows.height, 1), status_col + 1)

    summary = book.add_worksheet("Ringkasan")
    lines = [
        ("Berkas", batch.original_name),
        ("Baris judul kolom", batch.header_row),
        ("Baris data", batch.data_rows),
        ("Diterima", batch.accepted),
        ("Diterima dengan catatan", batch.flagged),
        ("Ditolak", batch.rejected),
        ("Dilewati (baris kosong, baris jumlah)", batch.skipped),
        ("Baru di registri", batch.inserted),
        ("Diperbarui", batch.updated),
        ("Tidak berubah", batch.unchanged),
        ("Diusulkan ke program", batch.enrolled),
        (
            "Cara memperbaiki",
            "Saring kolom Status = Ditolak, perbaiki isiannya, lalu unggah ulang berkas yang sama. "
            "Baris yang sudah diterima tidak akan tergandakan.",
        ),
    ]
    summary.set_column(0, 0, 26)
    summary.set_column(1, 1, 90)
    for i, (label, value) in enumerate(lines):
        write_text(summary, i, 0, label, bold)
        write_text(summary, i, 1, value)
    book.close()
