"""The covering letter for the heirs' claim, as PDF (WeasyPrint): documents, expected amounts, whom to contact."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah_words
from lindung.core.pdf import pdf_from_html
from lindung.core.services import audit_record
from lindung.people.selectors import nik_for_display
from lindung.regions.codes import at_level
from lindung.regions.models import Region

from .models import Claim


# Given to WeasyPrint, not written in the template: templates keep to the pages' Content-Security-Policy.
def claim_letter_pdf(actor, claim: Claim) -> bytes:
    """The letter as PDF; a read of the case, audited (CLAIM_LETTER)."""
    access_require(
        actor,
        "claim.view",
        region_code=claim.village_id,
        object_type="claim",
        object_id=claim.pk,
        what="surat klaim",
    )
    regency = Region.objects.filter(code=at_level(claim.village_id, 2)).first()
    html = render_to_string(
        "claims/claim_letter.html",
        {
            "claim": claim,
            "nik": nik_for_display(actor, claim.nik) if claim.nik else "",
            "documents": list(claim.documents.all()),
            "heirs": list(claim.heirs.all()),
            "amount_words": rupiah_words(claim.expected_amount) if claim.expected_amount else "",
            "regency": regency,
            "generated_at": timezone.localtime(),
        },
    )
    pdf = pdf_from_html(html)
    audit_record(
        actor=actor,
        action=AuditAction.CLAIM_LETTER,
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.village_id,
        summary=f"Surat pengantar klaim #{claim.pk} {claim.full_name} diunduh",
    )
    return pdf
