"""Masked NIKs cannot be rebuilt from what a masked role is shown (docs/adr/0007-what-each-role-sees.md).

A NIK is PP KK CC DDMMYY SSSS: province, regency, kecamatan, birth date (+40 on the day for women), serial.
The mask ``6203********0392`` hides the kecamatan and the birth date. For every role that sees NIKs masked,
this test collects everything its pages and its API say about a set of synthetic people, plays the attacker
(every date, year, region code, kecamatan name and sex it can find narrows the candidates) and asserts that
every person still has more than one candidate NIK.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import re

import pytest

from lindung.accounts.models import ROLES_SEEING_FULL_NIK, Role, Sponsor
from lindung.people.selectors import mask_nik
from lindung.regions.models import Region
from tests.accounts.builders import REGION_OF_ROLE, signed_in
from tests.enrolment.builders import make_enrolment
from tests.people.builders import make_nik, make_worker
from tests.programmes.builders import current_programme

pytestmark = pytest.mark.django_db

MASKED_ROLES = sorted(set(Role) - ROLES_SEEING_FULL_NIK)
MONTHS = {
    name.lower(): i
    for i, names in enumerate(
        zip(
            calendar.month_name,
            ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"],
            strict=True,
        )
    )
    for name in names
    if name
}  # fmt: skip
# Birth years an attacker would consider for a working-age person.
YEARS = range(1940, 2011)
# (village, birth date, sex, the birth date typed on the form if it differs from the NIK's)
PEOPLE = [
    ("62.03.17.2002", dt.date(1985, 8, 17), "L", None),
    ("62.03.17.2002", dt.date(1990, 1, 3), "P", None),
    ("62.03.17.2003", dt.date(1978, 12, 31), "L", None),
    ("62.03.17.2003", dt.date(2001, 2, 28), "P", None),
    ("62.03.17.2002", dt.date(1969, 6, 9), "P", dt.date(1969, 6, 19)),
    ("62.03.17.2003", dt.date(1995, 10, 22), "L", dt.date(1995, 10, 2)),
]


def _dates(text: str) -> set[dt.date]:
    found = set()
    for y, m, d in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        found.add((int(y), int(m), int(d)))
    for d, m, y in re.findall(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text):
        found.add((int(y), int(m), int(d)))
    for d, month, y in re.findall(r"\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b", text):
        if month.lower() in MONTHS:
            found.add((int(y), MONTHS[month.lower()], int(d)))
    dates = set()
    for y, m, d in found:
        with contextlib.suppress(ValueError):
            dates.add(dt.date(y, m, d))
    return {d for d in dates if d.year in YEARS}


def _years(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text) if int(y) in YEARS}


def _kecamatans(text: str, prefix: str) -> set[str]:
    """Kecamatan codes under the NIK's regency named in ``text``, by code or by name; all of them if none."""
    all_codes = dict(
        Region.objects.filter(level=3, code__startswith=prefix + ".").values_list("code", "name")
    )
    by_code = {c for c in re.findall(r"\b(\d{2}\.\d{2}\.\d{2})(?:\.\d{4})?\b", text) if c in all_codes}
    by_name = {c for c, name in all_codes.items() if re.search(rf"\b{re.escape(name)}\b", text)}
    return (by_code | by_name) or set(all_codes)


def _sexes(text: str) -> set[str]:
    found = set()
    if re.search(r"Perempuan|\"gender\":\s*\"P\"", text):
        found.add("P")
    if re.search(r"Laki-laki|\"gender\":\s*\"L\"", text):
        found.add("L")
    return found or {"L", "P"}


def candidates(masked: str, text: str, *, kecamatans=None, sexes=None) -> set[str]:
    """Every full NIK consistent with the mask and with what ``text`` says."""
    head, tail = masked[:4], masked[-4:]
    prefix = f"{head[:2]}.{head[2:]}"
    kecamatans = kecamatans or _kecamatans(text, prefix)
    sexes = sexes or _sexes(text)
    dates = _dates(text)
    if not dates:
        years = _years(text) or set(YEARS)
        dates = {
            dt.date(y, 1, 1) + dt.timedelta(days=i)
            for y in years
            for i in range(366 if calendar.isleap(y) else 365)
        }
    return {
        make_nik(district=k, birth=d, gender=s, serial=int(tail))
        for k in kecamatans
        for d in dates
        for s in sexes
    }


def _people(sponsor):
    programme = current_programme(funding_source="csr", sponsor=sponsor.pk)
    workers = []
    for serial, (village, born, sex, typed) in enumerate(PEOPLE, start=301):
        nik = make_nik(birth=born, gender=sex, serial=serial)
        worker = make_worker(nik=nik, village_code=village, birth=typed or born, gender_=sex, serial=serial)
        make_enrolment(programme=programme, worker=worker)
        workers.append(worker)
    return workers


def _rows(html: str, worker) -> str:
    """The table rows of a list page that are about ``worker``."""
    return " ".join(
        r for r in html.split("<tr") if f"/pekerja/{worker.pk}/" in r or mask_nik(worker.nik) in r
    )


def what_role_sees(client, worker) -> str:
    """Everything the signed-in role's pages and API return about one person."""
    seen = []
    for url in ("/pekerja/", "/kepesertaan/verifikasi/"):
        response = client.get(url)
        if response.status_code == 200:
            seen.append(_rows(response.content.decode(), worker))
    response = client.post("/pekerja/", {"q": worker.nik})
    if response.status_code == 200:
        seen.append(_rows(response.content.decode(), worker))
    detail = client.get(f"/pekerja/{worker.pk}/")
    if detail.status_code == 200:
        seen.append(detail.content.decode())
    api = [
        client.get("/api/people/"),
        client.post("/api/people/search", json.dumps({"q": worker.nik}), content_type="application/json"),
        client.get("/api/enrolments/"),
    ]
    for response in api:
        if response.status_code == 200:
            items = response.json()["items"]
            seen += [json.dumps(i) for i in items if worker.pk in (i.get("id"), i.get("worker_id"))]
    response = client.get(f"/api/people/{worker.pk}")
    if response.status_code == 200:
        seen.append(json.dumps(response.json()))
    return "\n".join(seen)


def test_the_attacker_rebuilds_a_nik_from_a_birth_date_and_a_village_code():
    nik = make_nik(birth=dt.date(1985, 8, 17), gender="P", serial=392)
    shown = '{"birth_date": "1985-08-17", "gender": "P", "village_code": "62.03.17.2002"}'
    assert candidates(mask_nik(nik), shown) == {nik}


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_nik_can_be_rebuilt_from_what_a_masked_role_sees(client, role):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    workers = _people(sponsor)
    signed_in(client, role, REGION_OF_ROLE[role], sponsor=sponsor if role == Role.SPONSOR else None)
    rebuilt = {}
    for worker in workers:
        shown = what_role_sees(client, worker)
        assert mask_nik(worker.nik) in shown  # the role does see this person
        found = candidates(mask_nik(worker.nik), shown)
        assert worker.nik in found
        rebuilt[worker.full_name + worker.nik[-4:]] = len(found)
    assert all(n > 1 for n in rebuilt.values()), rebuilt


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_nik_can_be_rebuilt_even_knowing_the_kecamatan_and_sex(client, role):
    sponsor = Sponsor.objects.create(name="PT Sawit Lestari", kind=Sponsor.Kind.CSR)
    workers = _people(sponsor)
    signed_in(client, role, REGION_OF_ROLE[role], sponsor=sponsor if role == Role.SPONSOR else None)
    for worker in workers:
        shown = what_role_sees(client, worker)
        found = candidates(mask_nik(worker.nik), shown, kecamatans={"62.03.17"}, sexes={worker.gender})
        assert len(found) > 1, (worker.nik, len(found))
