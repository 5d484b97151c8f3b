"""The exchange with the insurer's branch (BPJS Ketenagakerjaan): collective registration out
(``export``), the branch's reply in (``reply``)."""

from .export import EXPORT_COLUMNS, export_path, insurer_export_create, insurer_export_open
from .reply import ACCEPTED_WORDS, REFUSED_WORDS, reply_run

__all__ = [
    "ACCEPTED_WORDS",
    "EXPORT_COLUMNS",
    "REFUSED_WORDS",
    "export_path",
    "insurer_export_create",
    "insurer_export_open",
    "reply_run",
]
