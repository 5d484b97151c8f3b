"""Demo claims: a few cases in every status, through the claims services as Lindung itself (actor None).

Deterministic: the members are the first by id among the Kapuas programme's active members (and a lapsed
one), the dates count back from the demo day. All synthetic, as every demo person is.

- a work accident, just reported;
- deaths with their heir and every document: documents complete, submitted, and paid by the insurer;
- a work accident of a member lapsed with more than 3 months unpaid on the event day, refused for arrears;
- the death of a person never enrolled, kept on record with no entitlement.
"""

from __future__ import annotations

import datetime as dt

from lindung.claims.models import Claim
from lindung.claims.services import (
    Decision,
    claim_document_tick,
    claim_heir_add,
    claim_report,
    claim_status_set,
    claims_decide,
)
from lindung.contributions.models import PaymentRule
from lindung.enrolment.models import Enrolment, Status
from lindung.people.models import Worker
from lindung.regions import codes

PROGRAMME = "kps-rentan"
STRANGER_VILLAGE = "62.03.17.2002"  # Pulau Mambulau
HEIRS = ["Siti Aminah", "Nurhayati", "Rusmini"]


def _members(status: str, n: int) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(programme__code=PROGRAMME, status=status)
        .select_related("worker")
        .order_by("id")[:n]
    )


def _death(enrolment: Enrolment, day: dt.date, today: dt.date, n: int) -> Claim:
    """A death with its heir and every required document ticked, documents complete."""
    claim = claim_report(
        actor=None,
        kind="death",
        event_date=day,
        place=f"Desa {enrolment.worker.village.name}",
        account="Meninggal dunia karena sakit di rumah (data demo).",
        worker=enrolment.worker,
        today=today,
    ).claim
    claim_heir_add(
        actor=None, claim=claim, full_name=HEIRS[n % len(HEIRS)], relationship="spouse", today=today
    )
    for code in claim.documents.filter(required=True).values_list("code", flat=True):
        claim_document_tick(actor=None, claim=claim, code=code)
    return claim_status_set(actor=None, claim=claim, to_status="documents_complete", today=today)


def _stranger_nik(day: dt.date) -> str:
    """A NIK of the Pulau Mambulau kecamatan no registry person has (serial 9001 upwards)."""
    prefix = codes.parent(STRANGER_VILLAGE).replace(codes.SEPARATOR, "")
    taken = set(Worker.objects.filter(nik__startswith=prefix).values_list("nik", flat=True))
    serial = 9001
    while (nik := f"{prefix}{day:%d%m}80{serial:04d}") in taken:
        serial += 1
    return nik


def _arrears_reason(day: dt.date) -> str:
    """The refusal in the payment rule's words: more than N unpaid months void the right, with its basis."""
    rule = PaymentRule.objects.in_force(day).order_by("-valid_from").first()
    if rule is None:
        return "Menunggak pada tanggal kejadian; hak gugur."
    return (
        f"Menunggak lebih dari {rule.lapse_after_unpaid_months} bulan pada tanggal kejadian; "
        f"hak gugur ({rule.legal_basis})."
    )


def demo_claims(today: dt.date) -> str:
    """Create the demo claims; a one-line summary."""
    active = _members(Status.ACTIVE, 5)
    lapsed = _members(Status.NON_ACTIVE, 1)
    if len(active) < 5:
        return ""
    claim_report(
        actor=None,
        kind="work_accident",
        event_date=today - dt.timedelta(days=2),
        place="Kebun karet, jalan desa",
        account="Terjatuh dari pohon saat menyadap karet (data demo).",
        worker=active[0].worker,
        today=today,
    )
    _death(active[1], today - dt.timedelta(days=12), today, 0)
    submitted = _death(active[2], today - dt.timedelta(days=30), today, 1)
    paid = _death(active[3], today - dt.timedelta(days=60), today, 2)
    for claim in (submitted, paid):
        claim_status_set(actor=None, claim=claim, to_status="submitted", today=today)
    decisions = [Decision(paid.pk, "paid", paid.expected_amount, today - dt.timedelta(days=5))]
    if lapsed:
        refused = claim_report(
            actor=None,
            kind="work_accident",
            event_date=today - dt.timedelta(days=1),
            place="Sungai Kapuas",
            account="Tangan terluka saat memperbaiki perahu (data demo).",
            worker=lapsed[0].worker,
            today=today,
        ).claim
        decisions.append(Decision(refused.pk, "refused", reason=_arrears_reason(refused.event_date)))
    claims_decide(actor=None, decisions=decisions, today=today)
    born = dt.date(1980, 3, 14)
    claim_report(
        actor=None,
        kind="death",
        event_date=today - dt.timedelta(days=20),
        place="Desa Pulau Mambulau",
        account="Tenggelam saat mencari ikan; belum pernah terdaftar di Lindung (data demo).",
        nik=_stranger_nik(born),
        full_name="Jumadi",
        village_code=STRANGER_VILLAGE,
        today=today,
    )
    return f" Klaim demo: {Claim.objects.count()} kasus."
