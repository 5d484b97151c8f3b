"""The dedup part of the permission matrix (tests/test_permission_matrix.py; see tests/matrix_parts.py).

A probable duplicate pair inside Kapuas (62.03) and one in Bengkayang (61.07). Whoever verifies or manages
people sees the queue; only the verifier (and the superadmin) scans, merges or marks distinct; a pair outside
the reader's region is not there (404).
"""

from __future__ import annotations

import datetime as dt
import json

from lindung.dedup.models import DuplicatePair
from tests.people.builders import make_nik, make_worker

ROWS = """
| GET /duplikat/                                       | login | 403 | 403  | 200 | 200 | 403  | 403  | 403  | 200 | 200 |
| POST /duplikat/pindai/                               | login | 403 | 403  | 302 | 403 | 403  | 403  | 403  | 403 | 302 |
| POST /duplikat/{own_pair}/gabung/                    | login | 403 | 403  | 302 | 403 | 403  | 403  | 403  | 403 | 302 |
| POST /duplikat/{foreign_pair}/gabung/                | login | 403 | 403  | 404 | 403 | 403  | 403  | 403  | 403 | 302 |
| POST /duplikat/{own_pair}/berbeda/                   | login | 403 | 403  | 302 | 403 | 403  | 403  | 403  | 403 | 302 |
| POST /duplikat/{foreign_pair}/berbeda/               | login | 403 | 403  | 404 | 403 | 403  | 403  | 403  | 403 | 302 |
| GET /api/duplicates                                  | 401   | 403 | 403  | 200 | 200 | 403  | 403  | 403  | 200 | 200 |
| POST /api/duplicates/scan (own)                      | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/duplicates/scan (foreign)                  | 401   | 403 | 403  | 404 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /api/duplicates/{own_pair}                       | 401   | 403 | 403  | 200 | 200 | 403  | 403  | 403  | 200 | 200 |
| GET /api/duplicates/{foreign_pair}                   | 401   | 403 | 403  | 404 | 404 | 403  | 403  | 403  | 404 | 200 |
| POST /api/duplicates/{own_pair}/merge                | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/duplicates/{foreign_pair}/merge            | 401   | 403 | 403  | 404 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/duplicates/{own_pair}/distinct             | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/duplicates/{foreign_pair}/distinct         | 401   | 403 | 403  | 404 | 403 | 403  | 403  | 403  | 403 | 200 |
"""

BORN = dt.date(1979, 4, 5)


def _pair(district: str, village: str) -> DuplicatePair:
    a = make_worker(
        nik=make_nik(district=district, birth=BORN, gender="P", serial=81),
        full_name="Siti Aminah",
        birth=BORN,
        gender_="P",
        village_code=village,
    )
    b = make_worker(
        nik=make_nik(district=district, birth=BORN, gender="P", serial=82),
        full_name="Siti Aminnah",
        birth=BORN,
        gender_="P",
        village_code=village,
    )
    return DuplicatePair.objects.create(worker_a=a, worker_b=b, score=95, basis="same_birth_date_village")


def world(base: dict, tmp_path) -> dict:
    own = _pair("62.03.17", "62.03.17.2002")
    foreign = _pair("61.07.04", "61.07.04.2003")
    return {
        "own_pair": own.pk,
        "foreign_pair": foreign.pk,
        "own_pair_keep": own.worker_a_id,
        "foreign_pair_keep": foreign.worker_a_id,
    }


def request(client, method: str, path: str, rest: str, note: str, w: dict):
    if not (path.startswith("/duplikat/") or path.startswith("/api/duplicates")):
        return None
    side = "foreign" if "{foreign_pair}" in rest or note == "foreign" else "own"
    if path.endswith("/gabung/"):
        return client.post(path, {"keep": w[f"{side}_pair_keep"]})
    if path.endswith("/merge"):
        body = {"keep": w[f"{side}_pair_keep"]}
        return client.post(path, data=json.dumps(body), content_type="application/json")
    if path == "/api/duplicates/scan":
        body = {"region": "62.03" if side == "own" else "61.07"}
        return client.post(path, data=json.dumps(body), content_type="application/json")
    if path.startswith("/api/"):
        return client.post(path, data="{}", content_type="application/json")
    return client.post(path)
