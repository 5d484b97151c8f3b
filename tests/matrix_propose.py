"""The proposal API of the permission matrix (tests/test_permission_matrix.py; see tests/matrix_parts.py).

``POST /api/enrolments/propose`` answers as the worker page's "Usulkan" (``/pekerja/<id>/usulkan/``) does:
the roles that propose (operator desa, admin program, superadmin) propose the spare person of their own
region; a person outside the region is not there (404), except for the superadmin.
"""

from __future__ import annotations

import json

ROWS = """
| POST /api/enrolments/propose (own)           | 401   | 201 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/enrolments/propose (foreign)       | 401   | 404 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
"""


def world(base: dict, tmp_path) -> dict:
    return {}


def request(client, method, path, rest, note, w):
    if path != "/api/enrolments/propose":
        return None
    side = "foreign" if note == "foreign" else "own"
    body = {"worker": w[f"{side}_spare"], "programme": w[f"{side}_code"]}
    return client.post(path, data=json.dumps(body), content_type="application/json")
