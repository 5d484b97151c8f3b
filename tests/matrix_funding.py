"""The funding rows of the permission matrix (tests/test_permission_matrix.py): umbrella APBDes schemes, a
regency's funding picture, and the programme letters (PDF), in Kapuas (own) and Bengkayang (foreign).

The letters are those of the world's programmes (own: the Kapuas CSR programme its sponsor sees; foreign:
Bengkayang's); the umbrella schemes are made here, one per regency.
"""

from __future__ import annotations

import json

from django.test import Client

from tests.programmes.umbrella_builders import line, make_umbrella

ROWS = """
| GET /program/{own_umbrella}/payung/                                | login | 200 | 200 | 200 | 200 | 200 | 200 | 404 | 200 | 200 |
| GET /program/{foreign_umbrella}/payung/                            | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| POST /program/{own_umbrella}/payung/                               | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /program/{foreign_umbrella}/payung/                           | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| GET /api/programmes/{own_umbrella_code}/umbrella                   | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 404 | 200 | 200 |
| GET /api/programmes/{foreign_umbrella_code}/umbrella               | 401   | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| PUT /api/programmes/{own_umbrella_code}/umbrella                   | 401   | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| PUT /api/programmes/{foreign_umbrella_code}/umbrella               | 401   | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| GET /pendanaan/?wilayah=62.03&tahun={year}                         | login | 404 | 404 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /pendanaan/?wilayah=61.07&tahun={year}                         | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /api/funding/picture?region=62.03&year={year}                  | 401   | 403 | 403 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/funding/picture?region=61.07&year={year}                  | 401   | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{own_programme}/surat/usulan.pdf?wilayah=62.03.17.2002 | login | 200 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_programme}/surat/usulan.pdf?wilayah=61.07.04.2003 | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /program/{own_programme}/surat/berita-acara.pdf                | login | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_programme}/surat/berita-acara.pdf            | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /program/{own_programme}/surat/lampiran-sk.pdf                 | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_programme}/surat/lampiran-sk.pdf             | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /program/{own_programme}/surat/pengantar-bpjs.pdf              | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_programme}/surat/pengantar-bpjs.pdf          | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
"""

OWN_VILLAGE = "62.03.17.2002"
FOREIGN_VILLAGE = "61.07.04.2003"


def world(base: dict, tmp_path) -> dict:
    year = base["year"]
    own = make_umbrella(code="kapuas-payung", fiscal_year=year, start_month=f"{year}-01")
    foreign = make_umbrella(
        code="bengkayang-payung",
        owner_region="61.07",
        coverage_region="61.07",
        fiscal_year=year,
        start_month=f"{year}-01",
    )
    return {
        "own_umbrella": own.pk,
        "foreign_umbrella": foreign.pk,
        "own_umbrella_code": own.code,
        "foreign_umbrella_code": foreign.code,
    }


def _village(path: str, w: dict) -> str:
    own = str(w["own_umbrella"]) in path or w["own_umbrella_code"] in path
    return OWN_VILLAGE if own else FOREIGN_VILLAGE


def request(client: Client, method: str, path: str, rest: str, note: str, w: dict):
    if "/payung/" in path and method == "POST":
        village = _village(path, w)
        return client.post(path, {"lines": f"{village}; 20160000; 3/2025; 2025-12-20; add; 100"})
    if path.endswith("/umbrella") and method == "PUT":
        body = {"lines": [line(_village(path, w))]}
        return client.put(path, data=json.dumps(body), content_type="application/json")
    return None
