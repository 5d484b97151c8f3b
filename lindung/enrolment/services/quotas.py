"""Village quotas of a programme: how many places each village may fill.

Here, not in programmes, because a quota may not fall below the places enrolments already take.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.programmes.models import Programme, VillageQuota
from lindung.regions.codes import VILLAGE, within
from lindung.regions.models import Region

from ..selectors import programme_quota_usage


class QuotaRefused(ValueError):
    """``errors`` maps each village code to the Indonesian reason its quota was refused; nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@transaction.atomic
def village_quotas_set(*, actor, programme: Programme, quotas: Mapping[str, int | None]) -> int:
    """Set (or with ``None`` remove) the quota of many villages at once; all-or-nothing.

    Refuses villages outside the coverage area, non-village codes, negative quotas and a quota below the
    places already taken. Returns the number of villages changed.
    """
    codes = list(quotas)
    levels = dict(Region.objects.filter(code__in=codes).values_list("code", "level"))
    usage = programme_quota_usage(programme, villages=codes)
    coverage = programme.coverage_region_id
    errors: dict[str, str] = {}
    for code, quota in quotas.items():
        if levels.get(code) != VILLAGE:
            errors[code] = f'Kode "{code}" bukan kode desa/kelurahan yang dikenal (format 62.03.17.2002).'
        elif not within(code, coverage):
            errors[code] = (
                f"Desa {code} berada di luar wilayah cakupan program {programme.code} ({coverage})."
            )
        elif quota is not None and (not isinstance(quota, int) or quota < 0):
            errors[code] = f'Kuota desa {code} "{quota}" harus bilangan bulat tidak negatif.'
        elif quota is not None and quota < usage.used_by_village.get(code, 0):
            errors[code] = (
                f"Kuota desa {code} tidak boleh di bawah jumlah yang sudah terdaftar "
                f"({usage.used_by_village[code]} orang)."
            )
    if errors:
        raise QuotaRefused(errors)
    to_remove = [c for c, q in quotas.items() if q is None and c in usage.overrides]
    to_set = {c: q for c, q in quotas.items() if q is not None and usage.overrides.get(c) != q}
    if to_remove:
        VillageQuota.objects.filter(programme=programme, village_id__in=to_remove).delete()
    if to_set:
        VillageQuota.objects.bulk_create(
            [VillageQuota(programme=programme, village_id=c, quota=q) for c, q in to_set.items()],
            update_conflicts=True,
            unique_fields=["programme", "village"],
            update_fields=["quota"],
            batch_size=2000,
        )
    changed = len(to_remove) + len(to_set)
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.PROGRAMME_QUOTA,
            object_type="programme",
            object_id=programme.pk,
            region_code=programme.coverage_region_id,
            summary=f"Kuota desa program {programme.code} diubah ({changed} desa)",
            detail={"set": to_set, "removed": to_remove},
        )
    return changed


def village_quota_set(*, actor, programme: Programme, village_code: str, quota: int | None) -> int | None:
    """Set one village's quota (``None`` = back to the programme default); returns the quota now in force."""
    village_quotas_set(actor=actor, programme=programme, quotas={village_code: quota})
    return programme.quota_per_village if quota is None else quota
