"""CSR commitments (amounts promised for a period) and the payments received against them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from lindung.accounts.access import access_require
from lindung.accounts.models import Sponsor
from lindung.core.audit import AuditAction
from lindung.core.money import rupiah
from lindung.core.services import audit_record
from lindung.programmes.models import Programme
from lindung.regions.models import Region

from ..models import CsrCommitment, CsrPayment
from .common import SponsorshipRefused, amount_parse, day_parse, period_parse
from .sponsors import sponsor_region


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def csr_commitment_record(
    *,
    actor,
    sponsor: Sponsor,
    amount,
    period_start,
    period_end,
    programme: Programme | None = None,
    region_code: str = "",
    reference: str = "",
) -> CsrCommitment:
    """Record what a sponsor promised to pay for a period (CSR_COMMITMENT_RECORD).

    The commitment belongs to the programme's owning region, or else to the region given, or else to the
    region that manages the sponsor.
    """
    region_code = (programme.owner_region_id if programme else "") or region_code or sponsor_region(sponsor)
    access_require(
        actor,
        "sponsorship.manage",
        region_code=region_code,
        object_type="sponsor",
        object_id=sponsor.pk,
        what="mencatat komitmen CSR",
    )
    value = amount_parse(amount, field="amount", label="Jumlah komitmen")
    start, end = period_parse(period_start, period_end, fields=("period_start", "period_end"))
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise SponsorshipRefused({"region": f'Wilayah "{region_code}" tidak ditemukan.'})
    with transaction.atomic():
        commitment = CsrCommitment.objects.create(
            sponsor=sponsor,
            programme=programme,
            region=region,
            amount=value,
            period_start=start,
            period_end=end,
            reference=" ".join(str(reference or "").split())[:80],
            created_by=_user(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CSR_COMMITMENT_RECORD,
            object_type="csr_commitment",
            object_id=commitment.pk,
            region_code=region_code,
            summary=f"Komitmen {sponsor.name} {rupiah(value)} untuk {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}",
        )
    return commitment


def csr_payment_record(
    *, actor, commitment: CsrCommitment, amount, paid_on, reference: str = ""
) -> CsrPayment:
    """Record money received against a commitment; more than is outstanding is refused (CSR_PAYMENT_RECORD)."""
    access_require(
        actor,
        "sponsorship.manage",
        region_code=commitment.region_id,
        object_type="csr_commitment",
        object_id=commitment.pk,
        what="mencatat pembayaran CSR",
    )
    value = amount_parse(amount, field="amount", label="Jumlah dibayar")
    day = day_parse(paid_on, field="paid_on", label="Tanggal bayar")
    if day > timezone.localdate():
        raise SponsorshipRefused({"paid_on": f"Tanggal bayar {day:%d-%m-%Y} belum terjadi."})
    with transaction.atomic():
        locked = CsrCommitment.objects.select_for_update().get(pk=commitment.pk)
        paid = locked.payments.aggregate(total=Sum("amount"))["total"] or 0
        outstanding = locked.amount - paid
        if value > outstanding:
            raise SponsorshipRefused(
                {
                    "amount": f"Pembayaran {rupiah(value)} melebihi sisa komitmen {rupiah(outstanding)} "
                    f"(komitmen {rupiah(locked.amount)}, sudah dibayar {rupiah(paid)})."
                }
            )
        payment = CsrPayment.objects.create(
            commitment=locked,
            amount=value,
            paid_on=day,
            reference=" ".join(str(reference or "").split())[:80],
            recorded_by=_user(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CSR_PAYMENT_RECORD,
            object_type="csr_payment",
            object_id=payment.pk,
            region_code=commitment.region_id,
            summary=f"Pembayaran {rupiah(value)} atas komitmen #{commitment.pk} ({day:%d-%m-%Y})",
        )
    return payment
