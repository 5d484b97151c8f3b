"""The registry's part of the permission matrix (tests/test_permission_matrix.py, tests/matrix_parts.py).

One extract edition inside Kapuas (62.03, naming the matrix's own worker) and one in Bengkayang (61.07), both
imported through the service. The import rows post a new edition (another date), the decile-rule rows a rule
for the own or the foreign programme.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.registry.builders import entry, extract_csv, import_extract

ROWS = """
| GET /registri/                               | login | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /registri/{own_edition}/                 | login | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /registri/{foreign_edition}/             | login | 403 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /registri/desil/                         | login | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| POST /registri/desil/ (own)                  | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /registri/desil/ (foreign)              | login | 403 | 403  | 403 | 400 | 403  | 403  | 403  | 403 | 302 |
| GET /unggah/registri/                        | login | 403 | 403  | 200 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /unggah/registri/ (own)                 | login | 403 | 403  | 302 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /unggah/registri/ (foreign)             | login | 403 | 403  | 400 | 400 | 403  | 403  | 403  | 403 | 302 |
| POST /api/registry/editions (own)            | 401   | 403 | 403  | 201 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/registry/editions (foreign)        | 401   | 403 | 403  | 404 | 404 | 403  | 403  | 403  | 403 | 201 |
| GET /api/registry/editions                   | 401   | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /api/registry/editions/{own_edition}     | 401   | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /api/registry/editions/{foreign_edition} | 401   | 403 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /api/registry/workers/{own_worker}       | 401   | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /api/registry/workers/{foreign_worker}   | 401   | 403 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /api/registry/decile-rules               | 401   | 403 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| POST /api/registry/decile-rules (own)        | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/registry/decile-rules (foreign)    | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| GET /api/registry/vulnerable-counts?year={year} | 401 | 403 | 200 | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
"""

FOREIGN_NIK = "6107041708850001"


def world(base: dict, tmp_path) -> dict:
    year = base["year"]
    edition_date = dt.date(year - 1, 6, 1)
    own = import_extract(tmp_path, extract_csv([entry(1)]), name="own.csv", edition_date=edition_date)
    foreign = import_extract(
        tmp_path,
        extract_csv([entry(1, nik=FOREIGN_NIK, village="61.07.04.2003")]),
        name="foreign.csv",
        edition_date=edition_date,
        region="61.07",
    )
    return {"own_edition": own.edition.pk, "foreign_edition": foreign.edition.pk}


def _extract(note: str) -> SimpleUploadedFile:
    if note == "own":
        return SimpleUploadedFile("dtsen.csv", extract_csv([entry(1)]))
    return SimpleUploadedFile("dtsen.csv", extract_csv([entry(1, nik=FOREIGN_NIK, village="61.07.04.2003")]))


def _edition_fields(note: str, w: dict) -> dict:
    return {
        "kind": "dtsen",
        "edition_date": f"{w['year'] - 1}-07-01",
        "region": "62.03" if note == "own" else "61.07",
        "vulnerable_max_decile": 4,
        "file": _extract(note),
    }


def request(client, method: str, path: str, rest: str, note: str, w: dict):
    if method != "POST":
        return None
    if path in ("/unggah/registri/", "/api/registry/editions"):
        return client.post(path, _edition_fields(note, w))
    rule = {"max_decile": 4, "valid_from": f"{w['year']}-01-01", "legal_basis": "Perbup uji matriks"}
    if path == "/registri/desil/":
        programme = w["own_programme"] if note == "own" else w["foreign_programme"]
        return client.post(path, rule | {"programme": programme})
    if path == "/api/registry/decile-rules":
        programme = w["own_code"] if note == "own" else w["foreign_code"]
        return client.post(path, json.dumps(rule | {"programme": programme}), content_type="application/json")
    return None
