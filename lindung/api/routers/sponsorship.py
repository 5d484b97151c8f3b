"""The sponsorship endpoints. They call the same services and selectors as the pages and the CLI (``sponsor``).

A sponsor outside the caller's region answers 404; a sponsor account sees only itself and its own people,
NIKs masked. A refused input is a 400 naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from lindung.accounts.access import AccessRefused
from lindung.accounts.models import Sponsor
from lindung.programmes.models import Programme
from lindung.programmes.selectors import programmes_visible_to
from lindung.sponsorship.documents import sponsor_certificate_pdf
from lindung.sponsorship.selectors import (
    commitments_visible_to,
    ending_warnings,
    money_totals,
    sponsor_monev,
    sponsor_people,
    sponsor_people_audit,
    sponsor_visible,
    sponsors_visible_to,
    sponsorship_visible,
)
from lindung.sponsorship.services import (
    SponsorshipRefused,
    csr_commitment_record,
    csr_payment_record,
    sponsor_register,
    sponsor_update,
    sponsorship_assign,
    sponsorship_end,
)

from ..permissions import require
from ..schemas import Code, RecordId, RegionCode, Rupiah, Text, answers

router = Router(tags=["sponsorship"])
router.add_decorator(never_cache, mode="view")

Day = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]
Name = Annotated[str, Field(max_length=150, pattern=r"^[^\x00]*$")]
Nik = Annotated[str, Field(max_length=32, pattern=r"^[0-9 .\-]*$")]
Nip = Annotated[str, Field(max_length=24, pattern=r"^[0-9 ]*$")]


class SponsorIn(Schema):
    name: Name
    kind: Code
    nip: Nip = ""
    position: Name = ""
    institution: Name = ""
    contact: Name = ""
    region: RegionCode = ""


class SponsorOut(Schema):
    id: int
    name: str
    kind: str
    nip: str
    position: str
    institution: str


class SponsoredPersonOut(Schema):
    sponsorship: int
    full_name: str
    nik: str
    village: str
    start_date: dt.date
    end_date: dt.date
    state: str
    covered: bool
    paid_months: int


class CsrCommitmentOut(Schema):
    id: int
    programme: str
    region: str
    amount: int
    paid: int
    outstanding: int
    period_start: dt.date
    period_end: dt.date
    reference: str


class SponsorDetailOut(SponsorOut):
    people: list[SponsoredPersonOut]
    commitments: list[CsrCommitmentOut]
    committed: int
    paid: int
    outstanding: int


class SponsorshipAssignIn(Schema):
    niks: Annotated[list[Nik], Field(min_length=1, max_length=1000)]
    start_date: Day
    end_date: Day
    programme: Code = ""


class SponsorshipAssignOut(Schema):
    created: list[int]


class SponsorshipEndIn(Schema):
    on: Day | None = None
    reason: Text


class CsrCommitmentIn(Schema):
    amount: Annotated[int, Field(ge=1, le=10**15)]
    period_start: Day
    period_end: Day
    programme: Code = ""
    region: RegionCode = ""
    reference: Name = ""


class CsrPaymentIn(Schema):
    amount: Annotated[int, Field(ge=1, le=10**15)]
    paid_on: Day
    reference: Name = ""


class CsrPaymentOut(Schema):
    id: int
    commitment: int
    amount: int
    paid_on: dt.date


class SponsorshipEndingPersonOut(Schema):
    sponsorship: int
    full_name: str
    nik: str


class SponsorshipEndingOut(Schema):
    sponsor: int
    sponsor_name: str
    end_date: dt.date
    days_left: int
    urgent: bool
    people: list[SponsorshipEndingPersonOut]


class SponsorMonevOut(Schema):
    sponsored_now: int
    covered_now: int
    contribution_paid: Rupiah
    committed: Rupiah
    paid: Rupiah
    outstanding: int
    people: list[SponsoredPersonOut]


def _sponsor(request, sponsor_id: RecordId) -> Sponsor:
    sponsor = sponsor_visible(request.user, sponsor_id)
    if sponsor is None:
        raise HttpError(404, f"Sponsor #{sponsor_id} tidak ditemukan di wilayah Anda.")
    return sponsor


def _refused(exc: AccessRefused):
    raise HttpError(404 if exc.outside_scope else 403, exc.message) from exc


def _bad(exc: SponsorshipRefused):
    raise HttpError(400, str(exc)) from exc


def _programme(request, code: str) -> Programme | None:
    if not code:
        return None
    programme = programmes_visible_to(request.user).filter(code=code).first()
    if programme is None:
        raise HttpError(400, f'programme: Program "{code}" tidak ditemukan.')
    return programme


def _sponsor_out(s: Sponsor) -> dict:
    return {k: getattr(s, k) for k in ("name", "kind", "nip", "position", "institution")} | {"id": s.pk}


def _people_out(people: list[dict]) -> list[dict]:
    return [
        {
            "sponsorship": p["sponsorship"].pk,
            "full_name": p["name"],
            "nik": p["nik"],
            "village": p["village"],
            "start_date": p["sponsorship"].start_date,
            "end_date": p["sponsorship"].last_day,
            "state": p["state"],
            "covered": p["covered"],
            "paid_months": p["paid_months"],
        }
        for p in people
    ]


@router.get("/sponsors", response=answers(list[SponsorOut], 403))
def sponsors(request):
    require(request, "sponsorship.view")
    return [_sponsor_out(s) for s in sponsors_visible_to(request.user).order_by("name")[:1000]]


@router.post("/sponsors", response=answers(SponsorOut, 400, 403, 404, ok_status=201))
def sponsor_create(request, payload: SponsorIn):
    scope = require(request, "sponsorship.manage")
    try:
        sponsor = sponsor_register(
            actor=request.user, region_code=payload.region or scope.region_code, data=payload.dict()
        )
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    return Status(201, _sponsor_out(sponsor))


@router.get("/sponsors/{int:sponsor_id}", response=answers(SponsorDetailOut, 403, 404))
def sponsor_detail(request, sponsor_id: RecordId):
    require(request, "sponsorship.view")
    sponsor = _sponsor(request, sponsor_id)
    people = sponsor_people(request.user, sponsor)
    sponsor_people_audit(request.user, sponsor, people, channel="API")
    commitments = list(commitments_visible_to(request.user).filter(sponsor=sponsor))
    totals = money_totals(commitments)
    return _sponsor_out(sponsor) | {
        "people": _people_out(people),
        "commitments": [
            {
                "id": c.pk,
                "programme": c.programme.code if c.programme else "",
                "region": c.region_id,
                "amount": c.amount,
                "paid": c.paid,  # type: ignore[attr-defined]
                "outstanding": c.outstanding,  # type: ignore[attr-defined]
                "period_start": c.period_start,
                "period_end": c.period_end,
                "reference": c.reference,
            }
            for c in commitments
        ],
        "committed": totals.committed,
        "paid": totals.paid,
        "outstanding": totals.outstanding,
    }


@router.put("/sponsors/{int:sponsor_id}", response=answers(SponsorOut, 400, 403, 404))
def sponsor_edit(request, sponsor_id: RecordId, payload: SponsorIn):
    require(request, "sponsorship.manage")
    sponsor = _sponsor(request, sponsor_id)
    try:
        sponsor = sponsor_update(actor=request.user, sponsor=sponsor, data=payload.dict())
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    return _sponsor_out(sponsor)


@router.post(
    "/sponsors/{int:sponsor_id}/sponsorships",
    response=answers(SponsorshipAssignOut, 400, 403, 404, ok_status=201),
)
def sponsorships_assign(request, sponsor_id: RecordId, payload: SponsorshipAssignIn):
    require(request, "sponsorship.manage")
    sponsor = _sponsor(request, sponsor_id)
    try:
        result = sponsorship_assign(
            actor=request.user,
            sponsor=sponsor,
            niks=payload.niks,
            start_date=payload.start_date,
            end_date=payload.end_date,
            programme=_programme(request, payload.programme),
        )
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    return Status(201, {"created": [s.pk for s in result.sponsorships]})


@router.post("/{int:sponsorship_id}/end", response=answers(SponsoredPersonOut, 400, 403, 404))
def sponsorship_finish(request, sponsorship_id: RecordId, payload: SponsorshipEndIn):
    require(request, "sponsorship.manage")
    sponsorship = sponsorship_visible(request.user, sponsorship_id)
    if sponsorship is None:
        raise HttpError(404, f"Sponsor pekerja #{sponsorship_id} tidak ditemukan di wilayah Anda.")
    try:
        sponsorship_end(actor=request.user, sponsorship=sponsorship, on=payload.on, reason=payload.reason)
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    people = [
        p for p in sponsor_people(request.user, sponsorship.sponsor) if p["sponsorship"].pk == sponsorship.pk
    ]
    return _people_out(people)[0]


@router.get("/ending", response=answers(list[SponsorshipEndingOut], 403))
def ending(request):
    """Sponsorships ending within the first warning (60 days by the rule row in force), with their people."""
    require(request, "sponsorship.view")
    return [
        {
            "sponsor": g.sponsor.pk,
            "sponsor_name": g.sponsor.name,
            "end_date": g.end_date,
            "days_left": g.days_left,
            "urgent": g.urgent,
            "people": [{"sponsorship": p["id"], "full_name": p["name"], "nik": p["nik"]} for p in g.people],
        }
        for g in ending_warnings(request.user).groups
    ]


@router.post(
    "/sponsors/{int:sponsor_id}/commitments", response=answers(CsrCommitmentOut, 400, 403, 404, ok_status=201)
)
def commitment_create(request, sponsor_id: RecordId, payload: CsrCommitmentIn):
    require(request, "sponsorship.manage")
    sponsor = _sponsor(request, sponsor_id)
    try:
        c = csr_commitment_record(
            actor=request.user,
            sponsor=sponsor,
            amount=payload.amount,
            period_start=payload.period_start,
            period_end=payload.period_end,
            programme=_programme(request, payload.programme),
            region_code=payload.region,
            reference=payload.reference,
        )
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    out = {
        "id": c.pk,
        "programme": c.programme.code if c.programme else "",
        "region": c.region_id,
        "amount": c.amount,
        "paid": 0,
        "outstanding": c.amount,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "reference": c.reference,
    }
    return Status(201, out)


@router.post(
    "/commitments/{int:commitment_id}/payments", response=answers(CsrPaymentOut, 400, 403, 404, ok_status=201)
)
def payment_create(request, commitment_id: RecordId, payload: CsrPaymentIn):
    require(request, "sponsorship.manage")
    commitment = commitments_visible_to(request.user).filter(pk=commitment_id).first()
    if commitment is None:
        raise HttpError(404, f"Komitmen #{commitment_id} tidak ditemukan di wilayah Anda.")
    try:
        p = csr_payment_record(
            actor=request.user,
            commitment=commitment,
            amount=payload.amount,
            paid_on=payload.paid_on,
            reference=payload.reference,
        )
    except AccessRefused as exc:
        _refused(exc)
    except SponsorshipRefused as exc:
        _bad(exc)
    return Status(201, {"id": p.pk, "commitment": commitment.pk, "amount": p.amount, "paid_on": p.paid_on})


@router.get("/sponsors/{int:sponsor_id}/monev", response=answers(SponsorMonevOut, 403, 404))
def monev(request, sponsor_id: RecordId):
    """A sponsor's own monev: its people's coverage and the contribution paid for them."""
    require(request, "monev.view")
    sponsor = _sponsor(request, sponsor_id)
    figures = sponsor_monev(request.user, sponsor)
    sponsor_people_audit(request.user, sponsor, figures["people"], channel="API monev")
    money = figures["money"]
    return {
        "sponsored_now": figures["sponsored_now"],
        "covered_now": figures["covered_now"],
        "contribution_paid": figures["contribution_paid"],
        "committed": money.committed,
        "paid": money.paid,
        "outstanding": money.outstanding,
        "people": _people_out(figures["people"]),
    }


@router.get(
    "/sponsors/{int:sponsor_id}/certificate.pdf",
    response=answers(None, 403, 404),
    openapi_extra={
        "responses": {
            200: {
                "description": "Sertifikat kontribusi sponsor (PDF).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def certificate(request, sponsor_id: RecordId):
    require(request, "sponsorship.view")
    sponsor = _sponsor(request, sponsor_id)
    try:
        pdf = sponsor_certificate_pdf(request.user, sponsor)
    except AccessRefused as exc:
        _refused(exc)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-sponsor-{sponsor.pk}.pdf"'
    return response
