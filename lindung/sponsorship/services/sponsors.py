"""Registering and correcting sponsors: a civil servant (NIP, OPD), a company, a donor."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from lindung.accounts.access import access_require
from lindung.accounts.models import Sponsor
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.models import Region

from ..models import SponsorRegistration
from .common import SponsorshipRefused

FIELDS = ("name", "kind", "nip", "position", "institution", "contact")


def _clean(data: Mapping[str, Any]) -> dict[str, str]:
    values = {key: " ".join(str(data.get(key) or "").split()) for key in FIELDS}
    values["nip"] = re.sub(r"\s", "", values["nip"])
    return values


def _errors(values: dict[str, str]) -> dict[str, str]:
    errors = {}
    if not values["name"]:
        errors["name"] = "Nama sponsor wajib diisi."
    if values["kind"] not in Sponsor.Kind.values:
        errors["kind"] = f'Jenis sponsor "{values["kind"]}" tidak dikenal; pilih csr, asn atau donor.'
    if values["kind"] == Sponsor.Kind.ASN:
        # An ASN sponsor is known by the NIP on the payroll (18 digits, PP 17/2020) and works in an OPD.
        if not re.fullmatch(r"\d{18}", values["nip"]):
            errors["nip"] = f'NIP "{values["nip"]}" harus 18 digit angka untuk sponsor ASN.'
        if not values["institution"]:
            errors["institution"] = "OPD / instansi wajib diisi untuk sponsor ASN."
    elif values["nip"]:
        errors["nip"] = "NIP hanya diisi untuk sponsor ASN."
    for key, limit in (("name", 150), ("position", 120), ("institution", 150), ("contact", 150)):
        if len(values[key]) > limit:
            errors[key] = f"Isian {key} terlalu panjang (paling banyak {limit} karakter)."
    return errors


def sponsor_region(sponsor: Sponsor) -> str:
    """The region that manages ``sponsor`` ("" when it was registered nationally or before this app)."""
    registration = SponsorRegistration.objects.filter(sponsor=sponsor).values_list("region_id", flat=True)
    return registration.first() or ""


def sponsor_register(*, actor, region_code: str, data: Mapping[str, Any]) -> Sponsor:
    """Register a sponsor managed by ``region_code``'s programme office (SPONSOR_CREATE)."""
    access_require(
        actor,
        "sponsorship.manage",
        region_code=region_code,
        object_type="sponsor",
        what="mendaftarkan sponsor",
    )
    values = _clean(data)
    errors = _errors(values)
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        errors["region"] = f'Wilayah "{region_code}" tidak ditemukan.'
    if errors or region is None:
        raise SponsorshipRefused(errors)
    with transaction.atomic():
        sponsor = Sponsor.objects.create(**values)
        SponsorRegistration.objects.create(sponsor=sponsor, region=region, registered_by=_user(actor))
        audit_record(
            actor=actor,
            action=AuditAction.SPONSOR_CREATE,
            object_type="sponsor",
            object_id=sponsor.pk,
            region_code=region_code,
            summary=f"Sponsor baru {sponsor.name} ({sponsor.get_kind_display()})",
            detail={k: v for k, v in values.items() if k != "contact"},
        )
    return sponsor


def sponsor_update(*, actor, sponsor: Sponsor, data: Mapping[str, Any]) -> Sponsor:
    """Correct a sponsor's name, kind, NIP, position, OPD or contact (SPONSOR_UPDATE with the changes)."""
    region_code = sponsor_region(sponsor)
    access_require(
        actor,
        "sponsorship.manage",
        region_code=region_code,
        object_type="sponsor",
        object_id=sponsor.pk,
        what="mengubah sponsor",
    )
    values = _clean({key: data.get(key, getattr(sponsor, key)) for key in FIELDS})
    if errors := _errors(values):
        raise SponsorshipRefused(errors)
    changes = {k: [getattr(sponsor, k), v] for k, v in values.items() if getattr(sponsor, k) != v}
    if not changes:
        return sponsor
    with transaction.atomic():
        for key, value in values.items():
            setattr(sponsor, key, value)
        sponsor.save()
        audit_record(
            actor=actor,
            action=AuditAction.SPONSOR_UPDATE,
            object_type="sponsor",
            object_id=sponsor.pk,
            region_code=region_code,
            summary=f"Sponsor {sponsor.name} diubah: {', '.join(changes)}",
            detail={"changes": changes},
        )
    return sponsor


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None
