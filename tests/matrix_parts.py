"""The parts of the permission matrix (tests/test_permission_matrix.py) that live in their own modules.

Each part is a module ``tests/matrix_<app>.py`` with:
- ``ROWS``: table rows in the same columns as ``MATRIX`` (anon op pend ver adm bpjs bend spon aud sup);
- ``world(base: dict, tmp_path) -> dict``: makes its own and foreign objects (own in Kapuas 62.03, the
  operator's village 62.03.17.2002; foreign in Bengkayang 61.07, village 61.07.04.2003) through the services
  and returns the ids the rows name (``base`` holds the shared world: users, programmes, workers, sponsor);
- ``request(client, method, path, rest, note, w)``: the request body for one of its POST/PUT rows, or None
  when the row is not its own.
"""

from __future__ import annotations

import importlib
from pathlib import Path

PARTS = [
    importlib.import_module(f"tests.{path.stem}")
    for path in sorted(Path(__file__).parent.glob("matrix_*.py"))
    if path.stem not in {"matrix_money", "matrix_parts"}
]
