"""The claim submission list for the insurer (XLSX): the open cases ready for it in the actor's region.

One row per case with the KPJ, NIK, name, kind, event date, the benefits Lindung expects and the heirs, plus
empty decision columns (Keputusan, Jumlah Dibayar, Tanggal Keputusan, Alasan) so the branch can fill them and
send the same workbook back to ``claims_exchange.claims_decisions_import``. Audited as CLAIM_EXPORT.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _

from lindung.accounts.access import access_require
from lindung.claims.models import Claim, ClaimStatus, Heir
from lindung.claims.selectors import claims_visible_to
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.core.services import audit_record
from lindung.core.spreadsheets import safe_workbook, write_text, write_value
from lindung.people.selectors import nik_for_display

READY = (ClaimStatus.DOCUMENTS_COMPLETE, ClaimStatus.SUBMITTED)
EXPORT_COLUMNS = (
    "No Klaim",
    "KPJ",
    "NIK",
    "Nama",
    "Jenis Kejadian",
    "Jaminan",
    "Tanggal Kejadian",
    "Desa",
    "Status",
    "Perkiraan Santunan (Rp)",
    "Rincian Santunan",
    "Ahli Waris",
    "Keputusan",
    "Jumlah Dibayar",
    "Tanggal Keputusan",
    "Alasan",
)


def claims_ready(actor):
    """The open cases ready for the insurer in the actor's region, oldest event first."""
    return (
        claims_visible_to(actor)
        .filter(status__in=READY)
        .select_related("village", "enrolment", "worker")
        .order_by("event_date", "id")
    )


def _heirs_text(claim_ids: list[int]) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for heir in Heir.objects.filter(claim_id__in=claim_ids).order_by("claim_id", "id"):
        texts.setdefault(heir.claim_id, []).append(f"{heir.full_name} ({heir.get_relationship_display()})")
    return {pk: "; ".join(names) for pk, names in texts.items()}


def _kpj(claim: Claim) -> str:
    if claim.enrolment_id and claim.enrolment and claim.enrolment.kpj:
        return claim.enrolment.kpj
    return claim.worker.kpj if claim.worker_id and claim.worker else ""


def _export_row(actor, claim: Claim, heirs: dict[int, str]) -> list:
    benefits = "; ".join(
        f"{b.get('label', '')}: {rupiah(b['amount']) if b.get('amount') is not None else b.get('text', '')}"
        for b in claim.benefits or []
    )
    return [
        claim.pk,
        _kpj(claim),
        nik_for_display(actor, claim.nik) if claim.nik else "",
        claim.full_name,
        str(claim.get_kind_display()),
        str(claim.get_benefit_display()),
        claim.event_date.isoformat(),
        f"{claim.village_id} {claim.village.name}",
        str(claim.get_status_display()),
        claim.expected_amount,
        benefits,
        heirs.get(claim.pk, ""),
        "",
        "",
        "",
        "",
    ]


def claims_export_xlsx(*, actor) -> tuple[bytes, int]:
    """The claim submission list of the actor's region as a workbook, and how many cases it lists.
    Audited as one CLAIM_EXPORT naming the cases (a read of personal data); ``claim.decide`` only."""
    scope = access_require(actor, "claim.decide", object_type="claim", what="daftar pengajuan klaim")
    claims = list(claims_ready(actor))
    heirs = _heirs_text([c.pk for c in claims])
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    sheet = book.add_worksheet(_("Pengajuan klaim"))
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": '"Rp" #,##0'})
    with translation.override("id"):
        rows = [_export_row(actor, c, heirs) for c in claims]
    for col, name in enumerate(EXPORT_COLUMNS):
        write_text(sheet, 0, col, name, bold)
    for r, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if col in (1, 2):  # identifiers stay text, never numbers that lose their leading zero
                write_text(sheet, r, col, value)
            else:
                write_value(sheet, r, col, value, money if col == 9 else None)
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 15, 18)
    sheet.freeze_panes(1, 0)
    book.close()
    audit_record(
        actor=actor,
        action=AuditAction.CLAIM_EXPORT,
        object_type="claim",
        region_code=scope.region_code,
        summary=f"Daftar pengajuan klaim ke BPJS: {len(claims)} kasus",
        detail={"claims": [c.pk for c in claims]},
    )
    return buffer.getvalue(), len(claims)
