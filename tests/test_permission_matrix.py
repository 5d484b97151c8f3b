"""Every role against every page and API endpoint, in its own region and in a foreign one.

The table below is the specification: one row per request, one column per role, the HTTP status expected.
``login`` is a redirect to the sign-in page. "Own" objects lie in Kabupaten Kapuas (62.03; the operator's
village 62.03.17.2002), "foreign" ones in Kabupaten Bengkayang (61.07). The superadmin is national, so for
it nothing is foreign. Each cell runs in a savepoint that is rolled back, so no request sees another's
writes. ``test_matrix_covers_every_url`` fails when a page or endpoint exists that the table does not name.
A refused write, or one aimed at a foreign record, must also leave the data as it found it: only the audit
trail may grow (``test_refused_and_foreign_writes_change_no_data``).

Run with ``-s`` to print the table with the observed codes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from lindung.accounts.models import Account, Role, Sponsor
from lindung.enrolment.services import enrolment_propose
from tests.accounts.builders import REGION_OF_ROLE
from tests.matrix_money import money_request, money_world
from tests.matrix_parts import PARTS
from tests.people.builders import make_nik, make_worker, worker_data
from tests.programmes.builders import make_programme

pytestmark = pytest.mark.django_db

ROLES = [
    "anonim",
    Role.OPERATOR_DESA,
    Role.PENDAMPING,
    Role.VERIFIKATOR,
    Role.ADMIN_PROGRAM,
    Role.PETUGAS_BPJS,
    Role.BENDAHARA,
    Role.SPONSOR,
    Role.AUDITOR,
    Role.SUPERADMIN,
]

# anon = anonymous; op = operator desa; pend = pendamping/kecamatan; ver = verifikator dinas;
# adm = admin program; bpjs = petugas BPJS; bend = bendahara program; spon = sponsor; aud = auditor;
# sup = superadmin.
MATRIX = """
| request                                      | anon  | op  | pend | ver | adm | bpjs | bend | spon | aud | sup |
|----------------------------------------------|-------|-----|------|-----|-----|------|------|------|-----|-----|
| GET /                                        | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /masuk/                                  | 200   | 302 | 302  | 302 | 302 | 302  | 302  | 302  | 302 | 302 |
| GET /tentang/                                | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /akun/sandi/                             | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /akun/wilayah-nama/?region=62.03         | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /akun/pengguna/                          | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /akun/pengguna/baru/                     | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /akun/pengguna/{own_user}/               | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /akun/pengguna/{own_user}/sandi/         | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /akun/pengguna/{own_user}/buka-kunci/   | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 302 |
| GET /pekerja/                                | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /pekerja/ (search)                      | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /pekerja/baru/                           | login | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /pekerja/periksa-nik/                   | login | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /pekerja/{own_worker}/                   | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /pekerja/{foreign_worker}/               | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /pekerja/{own_worker}/ubah/              | login | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /pekerja/{foreign_worker}/ubah/          | login | 404 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /pekerja/{own_worker}/usulkan/          | login | 302 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /pekerja/{foreign_worker}/usulkan/      | login | 404 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /kepesertaan/verifikasi/                 | login | 403 | 200  | 200 | 200 | 403  | 403  | 403  | 200 | 200 |
| POST /kepesertaan/verifikasi/ (own)          | login | 403 | 403  | 302 | 403 | 403  | 403  | 403  | 403 | 302 |
| POST /kepesertaan/verifikasi/ (foreign)      | login | 403 | 403  | 302 | 403 | 403  | 403  | 403  | 403 | 302 |
| GET /program/                                | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /program/baru/                           | login | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /program/rencana/                       | login | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /program/{own_programme}/                | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /program/{foreign_programme}/            | login | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /program/{own_programme}/ubah/           | login | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /program/{foreign_programme}/ubah/       | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 200 |
| POST /program/{own_programme}/kuota/         | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /program/{foreign_programme}/kuota/     | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /audit/                                  | login | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 200 | 200 |
| GET /monev/                                  | login | 200 | 200  | 200 | 200 | 200  | 200  | 302  | 200 | 200 |
| GET /monev/?wilayah=61.07                    | login | 404 | 404  | 404 | 404 | 404  | 404  | 302  | 404 | 200 |
| GET /monev/publik/                           | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /monev/laporan.xlsx                      | login | 200 | 200  | 200 | 200 | 200  | 200  | 302  | 200 | 200 |
| GET /monev/laporan.pdf                       | login | 200 | 200  | 200 | 200 | 200  | 200  | 302  | 200 | 200 |
| POST /monev/perbarui/                        | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| GET /api/monev                               | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/monev?region=61.07                  | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /api/monev/publik                        | 200   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /unggah/                                 | login | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /unggah/                                | login | 302 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| GET /unggah/templat.xlsx                     | login | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /unggah/{own_batch}/                     | login | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /unggah/{foreign_batch}/ | login | 404 | 403 | 403 | 404 | 403 | 403  | 403 | 403 | 200 |
| GET /unggah/{own_batch}/kolom/               | login | 302 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| GET /unggah/{own_batch}/progres/             | login | 204 | 403  | 403 | 204 | 403  | 403  | 403  | 403 | 204 |
| GET /unggah/{own_batch}/hasil.xlsx           | login | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /unggah/{foreign_batch}/hasil.xlsx | login | 404 | 403 | 403 | 404 | 403 | 403  | 403 | 403 | 200 |
| GET /unggah/bpjs/                            | login | 403 | 403  | 403 | 200 | 200  | 403  | 403  | 403 | 200 |
| POST /unggah/bpjs/kirim/ (own)               | login | 403 | 403  | 403 | 302 | 302  | 403  | 403  | 403 | 302 |
| POST /unggah/bpjs/kirim/ (foreign)           | login | 403 | 403  | 403 | 404 | 404  | 403  | 403  | 403 | 302 |
| GET /unggah/bpjs/{own_export}/berkas.xlsx    | login | 403 | 403  | 403 | 200 | 200  | 403  | 403  | 403 | 200 |
| GET /unggah/bpjs/{foreign_export}/berkas.xlsx | login | 403 | 403 | 403 | 404 | 404  | 403  | 403  | 403 | 200 |
| POST /api/transfer/imports                   | 401   | 201 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| GET /api/transfer/imports                    | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/transfer/imports/{own_batch}        | 401   | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /api/transfer/imports/{foreign_batch} | 401 | 404 | 403 | 403 | 404 | 403 | 403  | 403 | 403 | 200 |
| POST /api/transfer/imports/{own_batch}/mapping | 401 | 400 | 403  | 403 | 400 | 403  | 403  | 403  | 403 | 400 |
| GET /api/transfer/imports/{own_batch}/rows   | 401   | 200 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /api/transfer/imports/{foreign_batch}/rows | 401 | 404 | 403 | 403 | 404 | 403 | 403  | 403 | 403 | 200 |
| GET /api/tidak-ada                           | 404   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 404 |
| GET /api/people/                             | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /api/people/search                      | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/people/{own_worker}                 | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/people/{foreign_worker}             | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| POST /api/people/ (own village)              | 401   | 201 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 201 |
| POST /api/people/ (foreign village)          | 401   | 403 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 201 |
| PUT /api/people/{own_worker}                 | 401   | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| PUT /api/people/{foreign_worker}             | 401   | 404 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/people/check-nik                   | 401   | 200 | 403  | 403 | 403 | 403  | 403  | 403  | 403 | 200 |
| GET /api/programmes/                         | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/programmes/contribution?month={year}-01 | 401 | 200 | 200 | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/programmes/budget-plan?start={year}-01&funding_source=apbd_kabupaten&region=62.03 | 401 | 403 | 403 | 200 | 200 | 200 | 200  | 200 | 200 | 200 |
| GET /api/programmes/budget-plan?start={year}-01&funding_source=apbd_kabupaten&region=61.07 | 401 | 403 | 403 | 403 | 403 | 403 | 403  | 403 | 403 | 200 |
| GET /api/programmes/{own_code}               | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/programmes/{foreign_code}           | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /api/programmes/{own_code}/budget-plan   | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/programmes/{foreign_code}/budget-plan | 401 | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /api/programmes/{own_code}/quota/62.03.17.2002 | 401 | 200 | 200 | 200 | 200 | 200 | 200  | 200 | 200 | 200 |
| GET /api/programmes/{foreign_code}/quota/61.07.04.2003 | 401 | 404 | 404 | 404 | 404 | 404 | 404  | 404 | 404 | 200 |
| GET /api/enrolments/                         | 401   | 403 | 200  | 200 | 200 | 403  | 403  | 403  | 200 | 200 |
| GET /api/enrolments/eligibility?worker={own_spare}&programme={own_code} | 401 | 200 | 403 | 403 | 200 | 403 | 403  | 403 | 403 | 200 |
| GET /api/enrolments/eligibility?worker={foreign_spare}&programme={own_code} | 401 | 404 | 403 | 403 | 404 | 403 | 403  | 403 | 403 | 200 |
| POST /api/enrolments/verify (own)            | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/enrolments/verify (foreign)        | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/enrolments/reject (own)            | 401   | 403 | 403  | 200 | 403 | 403  | 403  | 403  | 403 | 200 |
| POST /api/enrolments/transition (own)        | 401   | 403 | 403  | 403 | 200 | 200  | 403  | 403  | 403 | 200 |
| GET /api/regions/                            | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/regions/62.03                       | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/regions/62.03/children              | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /iuran/tagihan/                          | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| POST /iuran/tagihan/terbitkan/ (own)         | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /iuran/tagihan/terbitkan/ (foreign)     | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /iuran/tagihan/{own_bill}/               | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /iuran/tagihan/{foreign_bill}/           | login | 404 | 404  | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| GET /iuran/tagihan/{own_bill}/unduh/xlsx/    | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /iuran/tagihan/{own_bill}/unduh/pdf/     | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /iuran/tagihan/{foreign_bill}/unduh/xlsx/ | login | 404 | 404 | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| POST /iuran/tagihan/{own_bill}/koreksi/      | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /iuran/tagihan/{foreign_bill}/koreksi/  | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| POST /iuran/tagihan/{own_bill}/bayar/        | login | 403 | 403  | 403 | 403 | 403  | 302  | 403  | 403 | 302 |
| POST /iuran/tagihan/{foreign_bill}/bayar/    | login | 403 | 403  | 403 | 403 | 403  | 404  | 403  | 403 | 302 |
| GET /iuran/tunggakan/                        | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /iuran/tunggakan/?village=61.07.04.2003  | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /iuran/perlindungan/                     | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /iuran/perlindungan/ (own person)       | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /iuran/perlindungan/ (foreign person)   | login | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| GET /api/bills/                              | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| POST /api/bills/ (own)                       | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/bills/ (foreign)                   | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| GET /api/bills/{own_bill}                    | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /api/bills/{foreign_bill}                | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| GET /api/bills/{own_bill}/lines              | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /api/bills/{foreign_bill}/lines          | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| POST /api/bills/{own_bill}/adjustments       | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/bills/{foreign_bill}/adjustments   | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| POST /api/bills/{own_bill}/payments          | 401   | 403 | 403  | 403 | 403 | 403  | 201  | 403  | 403 | 201 |
| POST /api/bills/{foreign_bill}/payments      | 401   | 403 | 403  | 403 | 403 | 403  | 404  | 403  | 403 | 201 |
| POST /api/coverage (own person)              | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 200  | 200 | 200 |
| POST /api/coverage (foreign person)          | 401   | 404 | 404  | 404 | 404 | 404  | 404  | 404  | 404 | 200 |
| GET /api/coverage/arrears                    | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /api/coverage/arrears?village=61.07.04.2003 | 401 | 200 | 200 | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /unggah/rincian-iuran/                   | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| POST /unggah/rincian-iuran/ (own)            | login | 403 | 403  | 403 | 403 | 403  | 302  | 403  | 403 | 302 |
| POST /unggah/rincian-iuran/ (foreign)        | login | 403 | 403  | 403 | 403 | 403  | 404  | 403  | 403 | 302 |
| GET /unggah/rincian-iuran/{own_statement}/   | login | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /unggah/rincian-iuran/{foreign_statement}/ | login | 404 | 404 | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| POST /unggah/rincian-iuran/{own_statement}/baris/{own_line}/ | login | 403 | 403 | 403 | 403 | 403 | 302 | 403 | 403 | 302 |
| POST /unggah/rincian-iuran/{foreign_statement}/baris/{foreign_line}/ | login | 404 | 404 | 404 | 404 | 404 | 404 | 403 | 404 | 302 |
| POST /unggah/rincian-iuran/{own_statement}/selesaikan/ | login | 403 | 403 | 403 | 403 | 403 | 302 | 403 | 403 | 302 |
| POST /unggah/rincian-iuran/{foreign_statement}/selesaikan/ | login | 404 | 404 | 404 | 404 | 404 | 404 | 403 | 404 | 302 |
| POST /api/payments/ (own)                    | 401   | 403 | 403  | 403 | 403 | 403  | 201  | 403  | 403 | 201 |
| POST /api/payments/ (foreign)                | 401   | 403 | 403  | 403 | 403 | 403  | 404  | 403  | 403 | 201 |
| POST /api/payments/statements (own)          | 401   | 403 | 403  | 403 | 403 | 403  | 201  | 403  | 403 | 201 |
| POST /api/payments/statements (foreign)      | 401   | 403 | 403  | 403 | 403 | 403  | 404  | 403  | 403 | 201 |
| GET /api/payments/statements                 | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /api/payments/statements/{own_statement} | 401   | 200 | 200  | 200 | 200 | 200  | 200  | 403  | 200 | 200 |
| GET /api/payments/statements/{foreign_statement} | 401 | 404 | 404 | 404 | 404 | 404  | 404  | 403  | 404 | 200 |
| GET /api/payments/statements/{own_statement}/lines | 401 | 200 | 200 | 200 | 200 | 200 | 200  | 403  | 200 | 200 |
| GET /api/payments/statements/{foreign_statement}/lines | 401 | 404 | 404 | 404 | 404 | 404 | 404 | 403 | 404 | 200 |
| POST /api/payments/statements/{own_statement}/lines/{own_line}/resolve | 401 | 403 | 403 | 403 | 403 | 403 | 200 | 403 | 403 | 200 |
| POST /api/payments/statements/{foreign_statement}/lines/{foreign_line}/resolve | 401 | 403 | 403 | 403 | 403 | 403 | 404 | 403 | 403 | 200 |
| GET /program/{own_money}/lanjutkan/?target={own_programme} | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_money}/lanjutkan/?target={foreign_programme} | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| POST /program/{own_money}/lanjutkan/         | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /program/{foreign_money}/lanjutkan/ | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| GET /program/{own_money}/serah-terima/       | login | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /program/{foreign_money}/serah-terima/ | login | 403 | 403 | 403 | 404 | 403  | 403  | 403  | 403 | 200 |
| POST /program/{own_money}/serah-terima/konfirmasi/ | login | 403 | 403 | 403 | 302 | 403 | 403  | 403  | 403 | 302 |
| POST /program/{foreign_money}/serah-terima/konfirmasi/ | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| GET /program/{own_money}/serah-terima/unduh.pdf | login | 403 | 403 | 403 | 200 | 403 | 403  | 403  | 403 | 200 |
| GET /program/{foreign_money}/serah-terima/unduh.pdf | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{own_money}/serah-terima/62.03.17.2002.xlsx | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /program/{foreign_money}/serah-terima/61.07.04.2003.xlsx | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| GET /api/renewal/{own_money_code}/{own_code}  | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /api/renewal/{foreign_money_code}/{foreign_code} | 401 | 403 | 403 | 403 | 404 | 403 | 403  | 403  | 403 | 200 |
| POST /api/renewal/{own_money_code}/{own_code} | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /api/renewal/{foreign_money_code}/{foreign_code} | 401 | 403 | 403 | 403 | 404 | 403 | 403 | 403  | 403 | 200 |
| GET /api/renewal/handover/{own_money_code}   | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| GET /api/renewal/handover/{foreign_money_code}   | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 200 |
| POST /api/renewal/handover/{own_money_code}  | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /api/renewal/handover/{foreign_money_code}  | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 200 |
| GET /klaim/                                  | login | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /klaim/lapor/                            | login | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 403 | 200 |
| POST /klaim/lapor/ (own worker)              | login | 302 | 302  | 302 | 302 | 302  | 403  | 403  | 403 | 302 |
| POST /klaim/lapor/ (foreign worker)          | login | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 403 | 302 |
| GET /klaim/{own_claim}/                      | login | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /klaim/{foreign_claim}/                  | login | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /klaim/{own_claim}/surat.pdf             | login | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /klaim/{foreign_claim}/surat.pdf         | login | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| POST /klaim/{own_claim}/ahli-waris/          | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /klaim/{foreign_claim}/ahli-waris/      | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| POST /klaim/{own_claim}/dokumen/ktp/         | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /klaim/{foreign_claim}/dokumen/ktp/     | login | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 302 |
| POST /klaim/{own_claim}/status/              | login | 403 | 403  | 403 | 302 | 403  | 403  | 403  | 403 | 302 |
| POST /klaim/{foreign_claim}/status/          | login | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 302 |
| GET /api/claims                              | 401   | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| POST /api/claims (own worker)                | 401   | 201 | 201  | 201 | 201 | 201  | 403  | 403  | 403 | 201 |
| POST /api/claims (foreign worker)            | 401   | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 403 | 201 |
| GET /api/claims/{own_claim}                  | 401   | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /api/claims/{foreign_claim}              | 401   | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /api/claims/{own_claim}/letter.pdf       | 401   | 200 | 200  | 200 | 200 | 200  | 403  | 403  | 200 | 200 |
| GET /api/claims/{foreign_claim}/letter.pdf   | 401   | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| POST /api/claims/{own_claim}/heirs           | 401   | 403 | 403  | 403 | 201 | 403  | 403  | 403  | 403 | 201 |
| POST /api/claims/{foreign_claim}/heirs       | 401   | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 201 |
| POST /api/claims/{own_claim}/documents/ktp   | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /api/claims/{foreign_claim}/documents/ktp | 401 | 403 | 403  | 403 | 404 | 403  | 403  | 403  | 403 | 200 |
| POST /api/claims/{own_claim}/status          | 401   | 403 | 403  | 403 | 200 | 403  | 403  | 403  | 403 | 200 |
| POST /api/claims/{foreign_claim}/status      | 401   | 404 | 404  | 404 | 404 | 404  | 403  | 403  | 404 | 200 |
| GET /unggah/klaim/                           | login | 403 | 403  | 403 | 403 | 200  | 403  | 403  | 403 | 200 |
| POST /unggah/klaim/                          | login | 403 | 403  | 403 | 403 | 302  | 403  | 403  | 403 | 302 |
| GET /unggah/klaim/pengajuan.xlsx             | login | 403 | 403  | 403 | 403 | 200  | 403  | 403  | 403 | 200 |
| GET /unggah/klaim/{own_decisions}/           | login | 403 | 403  | 403 | 403 | 200  | 403  | 403  | 403 | 200 |
| GET /unggah/klaim/{foreign_decisions}/       | login | 403 | 403  | 403 | 403 | 404  | 403  | 403  | 403 | 200 |
| GET /api/claims/export.xlsx                  | 401   | 403 | 403  | 403 | 403 | 200  | 403  | 403  | 403 | 200 |
| POST /api/claims/decisions                   | 401   | 403 | 403  | 403 | 403 | 201  | 403  | 403  | 403 | 201 |
"""

# URL patterns that are not pages of a role: infrastructure, the Django admin (staff only, its own
# permission system), sign-out (a POST that always answers with a redirect), and language switching.
EXEMPT = re.compile(r"^(admin/|i18n/|static/|healthz$|keluar/$|api/$|api/docs|api/openapi\.json)")

_serial = itertools.count(500)


def _rows():
    table = MATRIX.strip().splitlines()[2:] + [
        row for part in PARTS for row in part.ROWS.strip().splitlines()
    ]
    lines = [line for line in table if line.strip()]
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        yield cells[0], cells[1:]


def _import(path, actor, district: str, village: str):
    from lindung.transfer.services import import_file
    from tests.transfer.builders import person, sheet_rows, xlsx_bytes

    row = person(40)
    row[1] = make_nik(district=district, serial=40)
    path.write_bytes(xlsx_bytes(sheet_rows([row])))
    batch = import_file(actor=actor, path=path, village_code=village)
    assert batch.status == "done", batch.message
    return batch


def _export(programme, worker, actor=None):
    from lindung.enrolment.services import enrolment_verify
    from lindung.transfer.insurer import insurer_export_create

    enrolment, _ = enrolment_propose(actor=None, worker=worker, programme=programme)
    enrolment_verify(actor=None, enrolment=enrolment)
    return insurer_export_create(actor=actor, programme=programme)


@pytest.fixture
def world(django_user_model, tmp_path):
    """One account per role, one worker/programme/enrolment inside Kapuas and one in Bengkayang."""
    year = timezone.localdate().year
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    own_programme = make_programme(
        code="kapuas-csr",
        fiscal_year=year,
        start_month=f"{year}-01",
        funding_source="csr",
        sponsor=sponsor.pk,
    )
    foreign_programme = make_programme(
        code="bengkayang",
        owner_region="61.07",
        coverage_region="61.07",
        fiscal_year=year,
        start_month=f"{year}-01",
    )
    users = {}
    for role in ROLES[1:]:
        user = django_user_model.objects.create(username=f"matrix-{role}")
        Account.objects.create(
            user=user,
            role=role,
            region_id=REGION_OF_ROLE[role],
            sponsor=sponsor if role == Role.SPONSOR else None,
        )
        users[role] = user
    own_worker = make_worker()
    foreign_worker = make_worker(nik="6107041708850001", village_code="61.07.04.2003")
    own_enrolment, _ = enrolment_propose(actor=None, worker=own_worker, programme=own_programme)
    foreign_enrolment, _ = enrolment_propose(actor=None, worker=foreign_worker, programme=foreign_programme)
    # A second person in each region, not yet proposed, for the "propose" rows.
    own_spare = make_worker(serial=2, full_name="Siti Aminah")
    foreign_spare = make_worker(nik="6107041708850002", full_name="Rina", village_code="61.07.04.2003")
    # A finished upload and an insurer export on each side of the border.
    own_batch = _import(tmp_path / "own.xlsx", users[Role.OPERATOR_DESA], "62.03.17", "62.03.17.2002")
    foreign_batch = _import(tmp_path / "foreign.xlsx", None, "61.07.04", "61.07.04.2003")
    own_export = _export(
        own_programme, make_worker(serial=3, full_name="Dewi Lestari"), users[Role.ADMIN_PROGRAM]
    )
    bengkayang_admin = django_user_model.objects.create(username="matrix-admin-bengkayang")
    Account.objects.create(user=bengkayang_admin, role=Role.ADMIN_PROGRAM, region_id="61.07")
    foreign_export = _export(
        foreign_programme,
        make_worker(nik="6107041708850003", full_name="Yanti", village_code="61.07.04.2003"),
        bengkayang_admin,
    )
    bengkayang_officer = django_user_model.objects.create(username="matrix-bpjs-bengkayang")
    Account.objects.create(user=bengkayang_officer, role=Role.PETUGAS_BPJS, region_id="61.07")
    money = money_world(
        own_programme=own_programme,
        foreign_programme=foreign_programme,
        sponsor=sponsor,
        year=year,
        officers=(users[Role.PETUGAS_BPJS], bengkayang_officer),
        tmp_path=tmp_path,
    )
    base = money | {
        "own_batch": own_batch.pk,
        "foreign_batch": foreign_batch.pk,
        "own_export": own_export.pk,
        "foreign_export": foreign_export.pk,
        "year": year,
        "own_code": own_programme.code,
        "foreign_code": foreign_programme.code,
        "users": users,
        "own_user": users[Role.OPERATOR_DESA].pk,
        "own_worker": own_worker.pk,
        "foreign_worker": foreign_worker.pk,
        "own_spare": own_spare.pk,
        "foreign_spare": foreign_spare.pk,
        "own_programme": own_programme.pk,
        "foreign_programme": foreign_programme.pk,
        "own_enrolment": own_enrolment.pk,
        "foreign_enrolment": foreign_enrolment.pk,
        "sponsor": sponsor.pk,
        "own_programme_obj": own_programme,
        "foreign_programme_obj": foreign_programme,
        "own_worker_obj": own_worker,
        "foreign_worker_obj": foreign_worker,
    }
    for part in PARTS:
        base |= part.world(base, tmp_path)
    return base


def _api_worker(village: str, district: str) -> dict:
    data = worker_data(nik=make_nik(district=district, serial=next(_serial)), village_code=village)
    data["birth_date"] = data["birth_date"].isoformat()
    return data


def _request(client: Client, label: str, w: dict):
    """Turn a table row into a request. Bodies are the smallest valid ones for that page."""
    method, rest = label.split(" ", 1)
    path = rest.split(" (")[0].format(**w)
    note = rest.split(" (")[1].rstrip(")") if " (" in rest else ""
    year = timezone.localdate().year
    json_post = lambda body, m="post": getattr(client, m)(  # noqa: E731
        path, data=json.dumps(body), content_type="application/json"
    )
    if method == "GET":
        return client.get(path)
    if (response := money_request(client, method, path, rest, note, w)) is not None:
        return response
    for part in PARTS:
        if (response := part.request(client, method, path, rest, note, w)) is not None:
            return response
    if path == "/pekerja/":
        return client.post(path, {"q": "budi"})
    if path == "/pekerja/periksa-nik/":
        return client.post(path, {"nik": "6203171708850001"})
    if path.endswith("/usulkan/"):
        # Propose the spare person of the same region into the Kapuas programme.
        spare = w["own_spare"] if "{own_worker}" in rest else w["foreign_spare"]
        return client.post(
            path.replace(str(w["own_worker"]), str(spare)).replace(str(w["foreign_worker"]), str(spare)),
            {"programme": w["own_programme"]},
        )
    if path == "/kepesertaan/verifikasi/":
        enrolment = w["own_enrolment"] if note == "own" else w["foreign_enrolment"]
        return client.post(path, {"action": "verify", "enrolment": [enrolment]})
    if path == "/program/rencana/":
        return client.post(
            path,
            {
                "coverage_region": "62.03",
                "start_month": f"{year}-01",
                "months": 12,
                "quota_per_village": 100,
                "funding_source": "apbd_kabupaten",
                "segment": "BPU",
                "declared_income": 1_000_000,
            },
        )
    if path.endswith("/kuota/"):
        village = "62.03.17.2002" if "{own_programme}" in rest else "61.07.04.2003"
        return client.post(path, {"lines": f"{village} = 150"})
    if path == "/unggah/":
        return client.post(path, {"file": _workbook(), "village": "62.03.17.2002"})
    if path == "/unggah/bpjs/kirim/":
        return client.post(path, {"programme": w["own_code"] if note == "own" else w["foreign_code"]})
    if path == "/api/transfer/imports":
        return client.post(path, {"file": _workbook(), "village": "62.03.17.2002", "start": "false"})
    if path.endswith("/mapping"):
        return json_post({"mapping": {"1": "nik", "2": "full_name"}})
    if path == "/monev/perbarui/" or path.endswith("/buka-kunci/"):
        return client.post(path, {})
    if path == "/api/people/search":
        return json_post({"q": "budi"})
    if path == "/api/people/" and method == "POST":
        if note == "own village":
            return json_post(_api_worker("62.03.17.2002", "62.03.17"))
        return json_post(_api_worker("61.07.04.2003", "61.07.04"))
    if path.startswith("/api/people/") and method == "PUT":
        if "{own_worker}" in rest:
            body = worker_data() | {"full_name": "Budi Santoso Baru"}
        else:
            body = worker_data(nik="6107041708850001", village_code="61.07.04.2003")
        body["birth_date"] = body["birth_date"].isoformat()
        return json_post(body, "put")
    if path.startswith("/api/enrolments/"):
        enrolment = w["own_enrolment"] if note == "own" else w["foreign_enrolment"]
        body = {"ids": [enrolment], "reason": "Uji matriks"}
        if path.endswith("/transition"):
            body |= {"to_status": "submitted"}
        return json_post(body)
    if path == "/api/people/check-nik":
        return json_post({"nik": "6203171708850001"})
    raise AssertionError(f"no request defined for {label}")


def _workbook():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.transfer.builders import person, sheet_rows, xlsx_bytes

    return SimpleUploadedFile("daftar.xlsx", xlsx_bytes(sheet_rows([person(60)])))


def _observed(response) -> str:
    if response.status_code == 302 and response["Location"].startswith("/masuk/"):
        return "login"
    return str(response.status_code)


def test_permission_matrix(world, capsys):
    mismatches = []
    observed_rows = []
    for label, expected in _rows():
        observed = []
        for role, want in zip(ROLES, expected, strict=True):
            client = Client()
            if role != "anonim":
                client.force_login(world["users"][role])
            with transaction.atomic():
                got = _observed(_request(client, label, world))
                transaction.set_rollback(True)
            observed.append(got)
            if got != want:
                mismatches.append(f"{label} as {role}: expected {want}, got {got}")
        observed_rows.append((label, observed))
    with capsys.disabled():
        print("\n\nPermission matrix (observed):")
        print("| request | " + " | ".join(str(r) for r in ROLES) + " |")
        for label, codes in observed_rows:
            print(f"| {label} | " + " | ".join(codes) + " |")
    assert mismatches == [], "\n".join(mismatches)


def _patterns(resolver: URLResolver, prefix: str = ""):
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _patterns(p, route)
        elif isinstance(p, URLPattern):
            yield route


def test_matrix_covers_every_url(world):
    """A page or API endpoint that exists but is not in the table fails here, naming it."""
    covered = set()
    for label, _ in _rows():
        path = label.split(" ", 1)[1].split(" (")[0].split("?")[0].format(**world)
        covered.add(resolve(path).route)
    missing = [r for r in _patterns(get_resolver()) if r not in covered and not EXEMPT.match(r)]
    assert missing == [], "\n".join(missing)


def test_every_role_has_a_column():
    assert set(ROLES[1:]) == set(Role.values)
    assert all(len(codes) == len(ROLES) for _, codes in _rows())


# Tables a refused request may legitimately change: the audit trail (access.denied rows), the sign-in
# machinery, and Django's own bookkeeping. Every other table is compared row by row.
NOT_DATA = {"core.AuditEvent", "sessions.Session", "contenttypes.ContentType", "auth.Permission"}
REFUSED = {"401", "403", "404", "login"}
# The Kemendagri tree (tens of thousands of rows) that no page writes: its row count is compared instead.
COUNTED_ONLY = {"regions.Region"}


def _data_snapshot() -> dict[str, str]:
    """A digest of every row of every table, per table, so a difference names the table that changed."""
    snapshot = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in NOT_DATA or model._meta.app_label == "axes":
            continue
        if label in COUNTED_ONLY:
            snapshot[label] = str(model._default_manager.count())
            continue
        rows = list(model._default_manager.order_by("pk").values_list())
        snapshot[label] = f"{len(rows)} rows, " + hashlib.sha256(repr(rows).encode()).hexdigest()
    return snapshot


def _must_change_nothing(label: str, role: str, expected: str) -> bool:
    """A write refused to the role, or one aimed at a record outside its region (the national superadmin
    has no foreign records)."""
    if label.split(" ", 1)[0] not in {"POST", "PUT"}:
        return False
    return expected in REFUSED or ("foreign" in label and role != Role.SUPERADMIN)


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [
        f"{table}: {before.get(table)} -> {after.get(table)}"
        for table in after
        if before.get(table) != after[table]
    ]


def test_refused_and_foreign_writes_change_no_data(world):
    """The status code is not enough: a 403 after a half-done write, or a 302 that quietly verified a
    foreign enrolment, would pass the matrix. Each such cell compares all the data before and after."""
    changes = []
    cells = 0
    for label, expected in _rows():
        for role, want in zip(ROLES, expected, strict=True):
            if not _must_change_nothing(label, role, want):
                continue
            cells += 1
            client = Client()
            if role != "anonim":
                client.force_login(world["users"][role])
            with transaction.atomic():
                before = _data_snapshot()
                _request(client, label, world)
                after = _data_snapshot()
                transaction.set_rollback(True)
            if diff := _changed(before, after):
                changes.append(f"{label} as {role}: " + "; ".join(diff))
    assert cells > 100
    assert changes == [], "\n".join(changes)


def test_the_data_snapshot_sees_an_allowed_write(world):
    """The comparison above can fail: an operator registering a person in its own village shows up in it."""
    client = Client()
    client.force_login(world["users"][Role.OPERATOR_DESA])
    before = _data_snapshot()
    response = _request(client, "POST /api/people/ (own village)", world)
    assert response.status_code == 201
    assert [change.split(":")[0] for change in _changed(before, _data_snapshot())] == ["people.Worker"]


def test_foreign_ids_leave_a_trace(world):
    """The 404s in the table are not silent: each foreign worker id a role tried is on the audit trail."""
    from lindung.core.models import AuditEvent

    client = Client()
    client.force_login(world["users"][Role.OPERATOR_DESA])
    client.get(f"/pekerja/{world['foreign_worker']}/")
    client.get(f"/api/people/{world['foreign_worker']}")
    assert (
        AuditEvent.objects.filter(action="access.denied", object_id=str(world["foreign_worker"])).count() == 2
    )


def test_nobody_without_an_account_sees_anything(world):
    user = get_user_model().objects.create(username="tanpa-akun")
    client = Client()
    client.force_login(user)
    assert client.get("/pekerja/").status_code == 403
    assert client.get(f"/pekerja/{world['own_worker']}/").status_code == 403
    assert client.get("/api/people/").status_code == 403
