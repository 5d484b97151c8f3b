"""The offline part of the permission matrix (tests/test_permission_matrix.py; see tests/matrix_parts.py).

The service worker and the manifest hold no data: everyone gets them, signed in or not. The offline page and
its token are for the roles that register people (worker.edit). Work sent from the outbox goes to
/api/people/, whose rows are in the main table: the same answers as from the page.
"""

from __future__ import annotations

ROWS = """
| GET /sw.js                                   | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /manifest.webmanifest                    | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /luring/                                 | login | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /luring/token/                           | login | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
"""


def world(base: dict, tmp_path) -> dict:
    return {}


def request(client, method, path, rest, note, w):
    return None
