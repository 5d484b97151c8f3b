"""Where uploads, their row-by-row outcome and result workbooks live: MEDIA_ROOT/transfer, never served."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from .models import ImportBatch
from .reading import Preview


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "transfer"
    path.mkdir(parents=True, exist_ok=True)
    return path


def batch_path(batch: ImportBatch) -> Path:
    return upload_dir() / batch.stored_name


def preview_of(batch: ImportBatch) -> Preview:
    # Set by an upload that is imported at once (the CLI): the sheet it already parsed, used once.
    table, batch.sheet_table = getattr(batch, "sheet_table", None), None
    numbers, batch.sheet_numbers = getattr(batch, "sheet_numbers", None), None
    header = (batch.header_row or 1) - 1
    return Preview(
        batch.file_format,
        batch.sheet_name,
        [],
        header,
        separator=batch.separator,
        encoding=batch.encoding or "utf8",
        table=table,
        numbers=numbers,
    )
