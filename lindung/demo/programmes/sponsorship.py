"""Demo sponsors: a civil servant of Kapuas's Dinas Sosial sponsoring three named workers, and the CSR
company's commitment with one payment. Through the sponsorship services as Lindung itself (actor None).

Deterministic: the workers are the first by id among the Kapuas programme's active members; the sponsorship
started about four months before the demo day and runs six months, so it ends inside the 60-day warning.
"""

from __future__ import annotations

import datetime as dt

from lindung.accounts.models import Sponsor
from lindung.enrolment.models import Enrolment, Status
from lindung.programmes.models import Programme
from lindung.sponsorship.services import (
    csr_commitment_record,
    csr_payment_record,
    sponsor_register,
    sponsorship_assign,
)

PROGRAMME = "kps-rentan"
CSR_PROGRAMME = "csr-sawit-mantangai"
ASN = {
    "name": "Rina Wati, S.Sos (contoh)",
    "kind": "asn",
    "nip": "198501012010012001",
    "position": "Analis Kebijakan Ahli Muda",
    "institution": "Dinas Sosial Kabupaten Kapuas",
}


def demo_sponsorships(today: dt.date, company: Sponsor) -> str:
    """Create the demo ASN sponsor with its three people, and ``company``'s commitment; one-line summary."""
    if Sponsor.objects.filter(name=ASN["name"]).exists():
        return ""
    members = list(
        Enrolment.objects.filter(programme__code=PROGRAMME, status=Status.ACTIVE)
        .select_related("worker")
        .order_by("id")[10:13]
    )
    asn = sponsor_register(actor=None, region_code="62.03", data=ASN)
    start = today - dt.timedelta(days=130)
    if len(members) == 3:
        sponsorship_assign(
            actor=None,
            sponsor=asn,
            niks=[m.worker.nik for m in members],
            start_date=start,
            end_date=start + dt.timedelta(days=181),
        )
    programme = Programme.objects.filter(code=CSR_PROGRAMME).first()
    if programme is None:
        return f" Sponsor ASN: {len(members)} pekerja."
    commitment = csr_commitment_record(
        actor=None,
        sponsor=company,
        amount=programme.months * 16_800 * 25,
        period_start=programme.start_month,
        period_end=programme.end_month,
        programme=programme,
        reference="PKS/CSR/001 (contoh)",
    )
    csr_payment_record(
        actor=None,
        commitment=commitment,
        amount=commitment.amount // 2,
        paid_on=min(today, programme.start_month + dt.timedelta(days=14)),
        reference="TRF-CSR-01 (contoh)",
    )
    return f" Sponsor ASN: {len(members)} pekerja; komitmen CSR dicatat."
