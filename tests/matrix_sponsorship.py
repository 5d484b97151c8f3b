"""The sponsorship rows of the permission matrix (tests/test_permission_matrix.py): sponsors, their people,
CSR commitments and payments, in Kapuas (own) and Bengkayang (foreign).

The "own" sponsor is the world's sponsor (the sponsor account speaks for it), registered in Kapuas with one
person sponsored in the operator's village; the foreign sponsor is registered in Bengkayang.
"""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.utils import timezone

from lindung.accounts.models import Sponsor
from lindung.regions.models import Region
from lindung.sponsorship.models import SponsorRegistration
from lindung.sponsorship.services import csr_commitment_record, sponsor_register, sponsorship_assign
from tests.people.builders import make_worker

ROWS = """
| GET /sponsor/                                             | login | 200 | 200 | 200 | 200 | 200 | 200 | 302 | 200 | 200 |
| GET /sponsor/saya/                                        | login | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 302 |
| GET /sponsor/saya/monev/                                  | login | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 302 | 302 |
| GET /sponsor/baru/                                        | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| POST /sponsor/baru/                                       | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| GET /sponsor/{own_sponsor}/                               | login | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /sponsor/{foreign_sponsor}/                           | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /sponsor/{own_sponsor}/ubah/                          | login | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| GET /sponsor/{foreign_sponsor}/ubah/                      | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| POST /sponsor/{own_sponsor}/ubah/                         | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/{foreign_sponsor}/ubah/                     | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/{own_sponsor}/tetapkan/                     | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/{foreign_sponsor}/tetapkan/                 | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/{own_sponsor}/komitmen/                     | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/{foreign_sponsor}/komitmen/                 | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| GET /sponsor/{own_sponsor}/monev/                         | login | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /sponsor/{foreign_sponsor}/monev/                     | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /sponsor/{own_sponsor}/sertifikat.pdf                 | login | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /sponsor/{foreign_sponsor}/sertifikat.pdf             | login | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| POST /sponsor/pekerja/{own_sponsorship}/akhiri/           | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/pekerja/{foreign_sponsorship}/akhiri/       | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/komitmen/{own_commitment}/bayar/            | login | 403 | 403 | 403 | 302 | 403 | 403 | 403 | 403 | 302 |
| POST /sponsor/komitmen/{foreign_commitment}/bayar/        | login | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 302 |
| GET /api/sponsorships/sponsors                            | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| POST /api/sponsorships/sponsors                           | 401   | 403 | 403 | 403 | 201 | 403 | 403 | 403 | 403 | 201 |
| GET /api/sponsorships/sponsors/{own_sponsor}              | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/sponsorships/sponsors/{foreign_sponsor}          | 401   | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| PUT /api/sponsorships/sponsors/{own_sponsor}              | 401   | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| PUT /api/sponsorships/sponsors/{foreign_sponsor}          | 401   | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| POST /api/sponsorships/sponsors/{own_sponsor}/sponsorships | 401  | 403 | 403 | 403 | 201 | 403 | 403 | 403 | 403 | 201 |
| POST /api/sponsorships/sponsors/{foreign_sponsor}/sponsorships | 401 | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 201 |
| POST /api/sponsorships/sponsors/{own_sponsor}/commitments | 401   | 403 | 403 | 403 | 201 | 403 | 403 | 403 | 403 | 201 |
| POST /api/sponsorships/sponsors/{foreign_sponsor}/commitments | 401 | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 201 |
| POST /api/sponsorships/{own_sponsorship}/end              | 401   | 403 | 403 | 403 | 200 | 403 | 403 | 403 | 403 | 200 |
| POST /api/sponsorships/{foreign_sponsorship}/end          | 401   | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 200 |
| POST /api/sponsorships/commitments/{own_commitment}/payments | 401 | 403 | 403 | 403 | 201 | 403 | 403 | 403 | 403 | 201 |
| POST /api/sponsorships/commitments/{foreign_commitment}/payments | 401 | 403 | 403 | 403 | 404 | 403 | 403 | 403 | 403 | 201 |
| GET /api/sponsorships/ending                              | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/sponsorships/sponsors/{own_sponsor}/monev        | 401   | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/sponsorships/sponsors/{foreign_sponsor}/monev    | 401   | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
| GET /api/sponsorships/sponsors/{own_sponsor}/certificate.pdf | 401 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200 |
| GET /api/sponsorships/sponsors/{foreign_sponsor}/certificate.pdf | 401 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 200 |
"""

OWN_VILLAGE = "62.03.17.2002"
FOREIGN_VILLAGE = "61.07.04.2003"


def _worker(*, foreign: bool, serial: int, name: str):
    if foreign:
        return make_worker(nik=f"610704170885{serial:04d}", full_name=name, village_code=FOREIGN_VILLAGE)
    return make_worker(serial=serial, full_name=name)


def world(base: dict, tmp_path) -> dict:
    today = timezone.localdate()
    own = Sponsor.objects.get(pk=base["sponsor"])
    SponsorRegistration.objects.create(sponsor=own, region=Region.objects.get(code="62.03"))
    foreign = sponsor_register(
        actor=None, region_code="61.07", data={"name": "PT Bengkayang Sejahtera", "kind": "csr"}
    )
    out = {"own_sponsor": own.pk, "foreign_sponsor": foreign.pk}
    for side, sponsor, is_foreign in (("own", own, False), ("foreign", foreign, True)):
        member = _worker(foreign=is_foreign, serial=80, name="Pekerja Disponsori")
        free = _worker(foreign=is_foreign, serial=81, name="Pekerja Belum Disponsori")
        (sponsorship,) = sponsorship_assign(
            actor=None,
            sponsor=sponsor,
            niks=[member.nik],
            start_date=today - dt.timedelta(days=10),
            end_date=today + dt.timedelta(days=100),
        ).sponsorships
        commitment = csr_commitment_record(
            actor=None,
            sponsor=sponsor,
            amount=1_000_000,
            period_start=today - dt.timedelta(days=10),
            period_end=today + dt.timedelta(days=100),
        )
        out |= {
            f"{side}_sponsorship": sponsorship.pk,
            f"{side}_commitment": commitment.pk,
            f"{side}_free_nik": free.nik,
        }
    return out


def request(client: Client, method: str, path: str, rest: str, note: str, w: dict):
    """The smallest valid body of a sponsorship row, or None when the row is not one."""
    if not (path.startswith("/sponsor/") or path.startswith("/api/sponsorships")) or method == "GET":
        return None
    own = "{own_" in rest
    side = "own" if own else "foreign"
    today = timezone.localdate()

    def post_json(body: dict, verb: str = "post"):
        return getattr(client, verb)(path, data=json.dumps(body), content_type="application/json")

    period = {"start_date": today.isoformat(), "end_date": (today + dt.timedelta(days=180)).isoformat()}
    money = {"period_start": today.isoformat(), "period_end": (today + dt.timedelta(days=180)).isoformat()}
    if path in {"/sponsor/baru/", "/api/sponsorships/sponsors"}:
        body = {"kind": "csr", "name": "PT Uji Matriks", "region": "62.03"}
        return post_json(body) if path.startswith("/api/") else client.post(path, body)
    if method == "PUT" or path.endswith("/ubah/"):
        name = "PT Sawit Lestari" if own else "PT Bengkayang Sejahtera"
        body = {"kind": "csr", "name": name, "contact": "uji@matriks.example"}
        return post_json(body, "put") if path.startswith("/api/") else client.post(path, body)
    if path.endswith("/tetapkan/"):
        return client.post(path, {"niks": w[f"{side}_free_nik"]} | period)
    if path.endswith("/sponsorships"):
        return post_json({"niks": [w[f"{side}_free_nik"]]} | period)
    if path.endswith("/komitmen/"):
        return client.post(path, {"amount": "Rp 1.000.000"} | money)
    if path.endswith("/commitments"):
        return post_json({"amount": 1_000_000} | money)
    if path.endswith("/akhiri/"):
        return client.post(path, {"reason": "Uji matriks"})
    if path.endswith("/end"):
        return post_json({"reason": "Uji matriks"})
    if path.endswith("/bayar/"):
        return client.post(path, {"amount": "1.000", "paid_on": today.isoformat()})
    if path.endswith("/payments"):
        return post_json({"amount": 1_000, "paid_on": today.isoformat()})
    return None
