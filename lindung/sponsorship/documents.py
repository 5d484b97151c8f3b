"""The sponsor's certificate of contribution, as PDF: the total in words, the people, the legal bases."""

from __future__ import annotations

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone

from lindung.accounts.access import AccessRefused, access_denied
from lindung.accounts.models import Sponsor
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah, rupiah_words
from lindung.core.pdf import pdf_from_html
from lindung.core.services import audit_record
from lindung.programmes.models import Programme

from .models import CsrPayment
from .selectors import sponsor_people, sponsors_visible_to


def _programmes(sponsor: Sponsor, people: list[dict]) -> list[Programme]:
    ids = {p["sponsorship"].programme_id for p in people if p["sponsorship"].programme_id}
    ids |= set(sponsor.commitments.exclude(programme=None).values_list("programme_id", flat=True))
    ids |= set(Programme.objects.filter(sponsor=sponsor).values_list("pk", flat=True))
    return list(Programme.objects.filter(pk__in=ids).prefetch_related("legal_bases").order_by("code"))


def sponsor_certificate_pdf(actor, sponsor: Sponsor) -> bytes:
    """The certificate as PDF, for the sponsor itself or an office that sees it (SPONSOR_CERTIFICATE)."""
    if not sponsors_visible_to(actor).filter(pk=sponsor.pk).exists():
        access_denied(
            actor,
            object_type="sponsor",
            object_id=sponsor.pk,
            summary=f"Akses ditolak (sertifikat sponsor #{sponsor.pk})",
        )
        raise AccessRefused("Sponsor ini berada di luar wilayah akun Anda.", outside_scope=True)
    people = sponsor_people(actor, sponsor)
    total = (
        CsrPayment.objects.filter(commitment__sponsor=sponsor).aggregate(total=Sum("amount"))["total"] or 0
    )
    programmes = _programmes(sponsor, people)
    bases = list(dict.fromkeys(basis for p in programmes for basis in p.legal_basis_list))
    html = render_to_string(
        "sponsorship/certificate.html",
        {
            "sponsor": sponsor,
            "people": people,
            "total": rupiah(total),
            "total_words": rupiah_words(total),
            "programmes": programmes,
            "bases": bases,
            "generated_at": timezone.localtime(),
        },
    )
    pdf = pdf_from_html(html)
    audit_record(
        actor=actor,
        action=AuditAction.SPONSOR_CERTIFICATE,
        object_type="sponsor",
        object_id=sponsor.pk,
        summary=f"Sertifikat kontribusi {sponsor.name} diunduh ({len(people)} pekerja, {rupiah(total)})",
    )
    return pdf
