"""Field types shared by every app."""

from __future__ import annotations

from django.db import models


class RegionCodeField(models.CharField):
    """A dotted Kemendagri code (``62.03.17.2002``), compared byte by byte.

    "Everything under 62.03" is the range ``'62.03.' <= code < '62.03/'`` ('/' follows '.' in ASCII), which a
    plain B-tree index answers on both databases. PostgreSQL's default collations ignore punctuation when
    sorting, which would break that range, so the column uses the "C" collation there; SQLite already
    compares with BINARY.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 13)
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
