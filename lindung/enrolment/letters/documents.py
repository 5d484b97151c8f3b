"""The letters as PDFs: each guarded by its capability over its region, and each download audited.

- the village's proposal letter (surat usulan): enrolment.propose, over the village;
- the verification minutes (berita acara verifikasi): enrolment.verify, over the region verified;
- the annex of the regent's decree (lampiran SK penetapan peserta): programme.manage, over the owner;
- the covering letter to the insurer (surat pengantar): programme.manage, over the owner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.pdf import pdf_from_html
from lindung.core.services import audit_record
from lindung.programmes.models import Programme
from lindung.regions import codes
from lindung.regions.models import Region

from .contents import DECIDED, PROPOSED, TO_REGISTER, VERIFIED, Letter, letter_contents


class LetterRefused(ValueError):
    """The letter cannot be made (a region outside the programme, not a village); Indonesian message."""


@dataclass(frozen=True)
class LetterKind:
    slug: str
    title: str
    capability: str
    template: str
    statuses: tuple[str, ...]
    with_rejected: bool = False


PROPOSAL = LetterKind("usulan", "Surat usulan peserta", "enrolment.propose", "proposal", PROPOSED)
MINUTES = LetterKind(
    "berita-acara", "Berita acara verifikasi", "enrolment.verify", "minutes", VERIFIED, with_rejected=True
)
DECREE_ANNEX = LetterKind(
    "lampiran-sk", "Lampiran SK penetapan peserta", "programme.manage", "decree_annex", DECIDED
)
INSURER_COVER = LetterKind(
    "pengantar-bpjs",
    "Surat pengantar ke BPJS Ketenagakerjaan",
    "programme.manage",
    "insurer_cover",
    TO_REGISTER,
)
LETTERS = {k.slug: k for k in (PROPOSAL, MINUTES, DECREE_ANNEX, INSURER_COVER)}


def _region(kind: LetterKind, programme: Programme, region_code: str | None) -> str:
    """The region a letter speaks for: the village (proposal), the region verified, or the owner (decree)."""
    if kind is PROPOSAL:
        if not region_code:
            raise LetterRefused("Surat usulan dibuat per desa: sebutkan kode desanya.")
        return region_code
    if kind is MINUTES:
        return region_code or programme.coverage_region_id
    return programme.owner_region_id


def letter_pdf(
    *, actor, programme: Programme, slug: str, region_code: str | None = None, today: dt.date | None = None
) -> tuple[bytes, str]:
    """The letter ``slug`` of ``programme`` as a PDF and its file name; refuses and audits like every use case."""
    kind = LETTERS.get(slug)
    if kind is None:
        raise LetterRefused(f'Jenis surat "{slug}" tidak dikenal; pilih: {", ".join(LETTERS)}.')
    code = _region(kind, programme, region_code)
    access_require(
        actor,
        kind.capability,
        region_code=code,
        object_type="programme",
        object_id=programme.pk,
        what=kind.title,
    )
    region = Region.objects.filter(code=code).first()
    if region is None or not (
        codes.within(code, programme.coverage_region_id) or codes.within(programme.coverage_region_id, code)
    ):
        raise LetterRefused(f"Wilayah {code} berada di luar wilayah cakupan program {programme.code}.")
    if kind is PROPOSAL and region.level != codes.VILLAGE:
        raise LetterRefused(f"Surat usulan dibuat per desa; {code} {region.name} bukan desa.")
    letter = letter_contents(
        actor,
        programme,
        region,
        kind.statuses,
        today=today or timezone.localdate(),
        with_rejected=kind.with_rejected,
    )
    html = render_to_string(f"enrolment/letters/{kind.template}.html", {"letter": letter, "kind": kind})
    pdf = pdf_from_html(html)
    _audit(actor, kind, letter)
    return pdf, f"{kind.slug}-{programme.code}-{code.replace('.', '')}.pdf"


def _audit(actor, kind: LetterKind, letter: Letter) -> None:
    """One event per download, naming the people the letter shows (UU PDP: reads of personal data)."""
    shown = [p.worker_id for p in [*letter.people, *letter.rejected]]
    audit_record(
        actor=actor,
        action=AuditAction.LETTER_DOWNLOAD,
        object_type="programme",
        object_id=letter.programme.pk,
        region_code=letter.region.code,
        summary=f"{kind.title} {letter.programme.code} {letter.region.code}: {len(shown)} orang",
        detail={"letter": kind.slug, "workers": shown},
    )
