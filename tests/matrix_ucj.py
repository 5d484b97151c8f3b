"""The UCJ part of the permission matrix (tests/matrix_parts.py): the UCJ page, the insurer's figures import
and the vulnerable-worker count, as pages and API endpoints, for the own region (Kapuas 62.03) and a foreign
one (Bengkayang 61.07).

An import "foreign" names only a Bengkayang row: a Kapuas officer's import answers (200/201) but refuses the
row as outside its region, so nothing is stored (the data snapshot proves it).
"""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

ROWS = """
| GET /monev/ucj/                                   | login | 200 | 200 | 200 | 200 | 200 | 200 | 302 | 200 | 200 |
| GET /monev/ucj/?wilayah=61.07                     | login | 404 | 404 | 404 | 404 | 404 | 404 | 302 | 404 | 200 |
| POST /monev/ucj/impor/ (own)                      | login | 403 | 403 | 403 | 200 | 200 | 403 | 403 | 403 | 200 |
| POST /monev/ucj/impor/ (foreign)                  | login | 403 | 403 | 403 | 200 | 200 | 403 | 403 | 403 | 200 |
| POST /monev/ucj/pekerja-rentan/ (own)             | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /monev/ucj/pekerja-rentan/ (foreign)         | login | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 302 |
| GET /api/monev/ucj                                | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/monev/ucj?region=61.07                   | 401   | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| POST /api/monev/insurer-figures (own)             | 401   | 403 | 403 | 403 | 201 | 201 | 403 | 403 | 403 | 201 |
| POST /api/monev/insurer-figures (foreign)         | 401   | 403 | 403 | 403 | 201 | 201 | 403 | 403 | 403 | 201 |
| POST /api/monev/vulnerable-counts (own)           | 401   | 403 | 403 | 403 | 201 | 403 | 403 | 403 | 403 | 201 |
| POST /api/monev/vulnerable-counts (foreign)       | 401   | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 201 |
"""

HEADER = "Kode Wilayah;Bulan;Peserta Aktif PU;Peserta Aktif BPU;Peserta Aktif Jakon\n"


def world(base: dict, tmp_path) -> dict:
    """Nothing beyond the shared world: the figures are made by the requests themselves."""
    return {}


def _file(region: str) -> SimpleUploadedFile:
    body = HEADER + f"{region};2024-10;100;50;10\n"
    return SimpleUploadedFile("bpjs.csv", body.encode(), content_type="text/csv")


def request(client, method: str, path: str, rest: str, note: str, w: dict):
    region = "62.03" if note == "own" else "61.07"
    if path.startswith("/monev/ucj/impor/") or path == "/api/monev/insurer-figures":
        return client.post(path, {"file": _file(region), "edition": "BPJS uji matriks"})
    if path.startswith("/monev/ucj/pekerja-rentan/"):
        body = {"region": region, "year": 2026, "count": 100, "source_note": "uji", "goal_percent": "90"}
        return client.post(path, body)
    if path == "/api/monev/vulnerable-counts":
        body = {"region": region, "year": 2026, "count": 100, "source_note": "uji", "goal_percent": "90"}
        return client.post(path, data=json.dumps(body), content_type="application/json")
    return None
