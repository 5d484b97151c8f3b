"""An import's result in the viewer's language: row reasons, column names and the batch summary.

What the import stored (``ImportBatch.message``, the reasons in ``problems`` and the outcome file) stays
Indonesian; these filters rebuild the text when a page is shown.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from lindung.people.findings import KINDS, finding_shown
from lindung.people.findings.render import finding_text
from lindung.transfer.columns import COLUMN_SETS
from lindung.transfer.outcome import FIELD_LABELS
from lindung.transfer.outcome import batch_summary as _batch_summary

register = template.Library()

# Lindung's own names for the columns of an import (``columns.COLUMN_SETS``, ``outcome.FIELD_LABELS``) that
# are not msgids elsewhere, the reasons a row is skipped (``parsing.SKIP_*``) and the stages of a running
# import. A header the uploader wrote is shown as written. tests/transfer/test_english_reasons.py checks that
# this list covers the columns and the skip reasons.
LINDUNG_TEXTS = frozenset(
    {
        _("Alasan Penolakan"),
        _("Kode Desa"),
        _("L/P"),
        _("Nama Lengkap"),
        _("No. HP"),
        _("No. KK"),
        _("No. KPJ"),
        _("Pekerjaan 1"),
        _("Pekerjaan 2"),
        _("Pekerjaan 3"),
        _("Penghasilan Tetap"),
        _("RT/RW"),
        _("Status Upah"),
        _("Tanggal Lahir"),
        _("Tanggal Mulai Kepesertaan"),
        _("Tempat Lahir"),
        _("Tempat, Tanggal Lahir"),
        _("Desa"),
        _("Program"),
        _("Baris kosong"),
        _("Baris jumlah/total"),
        _("Baris nomor kolom"),
        _("Judul kolom berulang"),
        _("Catatan di bawah baris jumlah (bukan data pekerja)"),
        # The stages a running import reports (``pipeline.py``, ``insurer/reply.py``).
        _("Membaca berkas"),
        _("Memeriksa data"),
        _("Mencocokkan dengan data terdaftar"),
        _("Menyimpan"),
        _("Mencocokkan balasan"),
        _("Selesai"),
    }
)


LINDUNG_NAMES = (
    LINDUNG_TEXTS | {c.label for cols in COLUMN_SETS.values() for c in cols} | set(FIELD_LABELS.values())
)


def _known(text: str) -> str:
    return gettext(text) if text in LINDUNG_NAMES else text


@register.filter
def reason_text(reason: dict) -> str:
    """One reason of ``ImportBatch.problems`` in the active language (the stored text when it has no code)."""
    message = reason.get("message", "")
    kind = KINDS.get(reason.get("code") or "")
    if kind is None:
        return _known(message)
    if "params" not in reason:  # kept before reasons carried their values
        return finding_shown(kind.code, message)
    return finding_text(kind, reason["params"], message)


@register.filter
def reason_column(reason: dict) -> str:
    """The column a reason is about: the uploader's own header as written, or Lindung's name translated."""
    column = reason.get("column", "")
    return column if reason.get("own_column") else _known(column)


@register.filter
def batch_summary(batch) -> str:
    return _batch_summary(batch)


@register.filter
def stage_text(text: str) -> str:
    """A running import's stage (``Job.message``) in the active language."""
    return _known(text or "")
