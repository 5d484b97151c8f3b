"""Writes on programmes, sponsors and village quotas. Every refusal names the field, in Indonesian."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from lindung.core.services import audit_record

from .models import ApbdesSubSource, FundingSource, Programme, Segment, Sponsor, VillageQuota
from .months import month_of, month_parse

DANA_DESA_REFUSAL = (
    "Dana Desa tidak dapat digunakan untuk membayar iuran BPJS Ketenagakerjaan kepala desa, perangkat desa, "
    "maupun pekerja rentan dan miskin (SE Dirjen PDP Kemendes Nomor 4/PRI.00/I/2024 tanggal 5 Januari 2024). "
    "Gunakan APBDes dari Alokasi Dana Desa (ADD) atau pendapatan asli desa."
)
# Spellings of Dana Desa seen in forms and spreadsheets; none of them is a FundingSource.
_DANA_DESA = {"dana_desa", "danadesa", "dd", "dana desa", "dana-desa"}

# Public money needs a regulation naming the scheme; private money (CSR, ASN, donors) may go without.
PUBLIC_SOURCES = {
    FundingSource.APBN,
    FundingSource.APBD_PROVINSI,
    FundingSource.APBD_KABUPATEN,
    FundingSource.APBDES,
    FundingSource.DBH_SAWIT,
    FundingSource.DBH_DR,
}
SPONSORED_SOURCES = {
    FundingSource.CSR: Sponsor.Kind.CSR,
    FundingSource.ASN: Sponsor.Kind.ASN,
    FundingSource.DONOR: Sponsor.Kind.DONOR,
}

EDITABLE = (
    "code",
    "name",
    "owner_region",
    "coverage_region",
    "fiscal_year",
    "start_month",
    "months",
    "segment",
    "declared_income",
    "include_jht",
    "include_jp",
    "funding_source",
    "apbdes_sub_source",
    "sponsor",
    "legal_basis_type",
    "legal_basis_number",
    "legal_basis_year",
    "legal_basis_title",
    "quota_per_village",
    "total_quota",
    "budget_ceiling",
    "eligible_categories",
    "age_min",
    "age_max",
    "is_active",
)
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


class ProgrammeRefused(ValueError):
    """The programme data has errors; ``errors`` maps each field to its Indonesian message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def is_dana_desa(value: Any) -> bool:
    return str(value or "").strip().lower() in _DANA_DESA


def _region_code(value: Any) -> str:
    return getattr(value, "code", None) or str(value or "").strip()


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Coerce form/API-shaped values (codes, ``YYYY-MM`` strings, ids) to what the model stores."""
    out = dict(values)
    for key in ("owner_region", "coverage_region"):
        if key in out:
            out[key] = _region_code(out[key])
    if isinstance(out.get("start_month"), str) and out["start_month"]:
        out["start_month"] = month_parse(out["start_month"])
    elif isinstance(out.get("start_month"), dt.date):
        out["start_month"] = month_of(out["start_month"])
    if isinstance(out.get("sponsor"), Sponsor):
        out["sponsor"] = out["sponsor"].pk
    for key in ("funding_source", "apbdes_sub_source", "segment", "code"):
        if isinstance(out.get(key), str):
            out[key] = out[key].strip()
    out.setdefault("apbdes_sub_source", "")
    return out


def programme_validate(values: dict[str, Any], *, instance: Programme | None = None) -> dict[str, str]:
    """Every problem with a programme's data, by field. Empty when it may be saved."""
    from lindung.regions.models import Region

    errors: dict[str, str] = {}
    code = values.get("code") or ""
    if not _CODE.match(code):
        errors["code"] = (
            f'Kode program "{code}" harus 2–40 huruf kecil, angka atau tanda hubung, mis. "bky-1desa100-2026".'
        )
    elif Programme.objects.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists():
        errors["code"] = f'Kode program "{code}" sudah dipakai program lain.'
    if not (values.get("name") or "").strip():
        errors["name"] = "Nama program wajib diisi."

    regions = Region.objects.in_bulk(
        [c for c in (values.get("owner_region"), values.get("coverage_region")) if c]
    )
    owner = regions.get(values.get("owner_region") or "")
    coverage = regions.get(values.get("coverage_region") or "")
    if owner is None:
        errors["owner_region"] = f'Wilayah pemilik "{values.get("owner_region") or ""}" tidak ditemukan.'
    elif owner.level not in (1, 2, 4):
        errors["owner_region"] = (
            f"Pemilik program harus provinsi, kabupaten/kota atau desa; {owner.code} {owner.name} adalah "
            f"{owner.get_type_display()}."
        )
    if coverage is None:
        errors["coverage_region"] = (
            f'Wilayah cakupan "{values.get("coverage_region") or ""}" tidak ditemukan.'
        )
    elif owner is not None and not (
        coverage.code == owner.code or coverage.code.startswith(owner.code + ".")
    ):
        errors["coverage_region"] = (
            f"Wilayah cakupan {coverage.code} {coverage.name} berada di luar wilayah pemilik {owner.code} {owner.name}."
        )

    year = values.get("fiscal_year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["fiscal_year"] = f'Tahun anggaran "{year}" tidak sah.'
    start = values.get("start_month")
    if not isinstance(start, dt.date):
        errors["start_month"] = "Bulan mulai wajib diisi (TTTT-BB)."
    elif isinstance(year, int) and start.year != year:
        errors["start_month"] = f"Bulan mulai {start:%Y-%m} tidak berada di tahun anggaran {year}."
    months = values.get("months")
    if not isinstance(months, int) or not 1 <= months <= 12:
        errors["months"] = (
            f'Jumlah bulan cakupan "{months}" harus 1–12 (mis. 12 untuk APBD kabupaten, 6 untuk bantuan iuran provinsi).'
        )

    segment = values.get("segment")
    if segment not in Segment.values:
        errors["segment"] = f'Segmen "{segment}" tidak dikenal; pilih BPU atau PU.'
    if values.get("include_jp") and segment != Segment.PU:
        errors["include_jp"] = "JP (Jaminan Pensiun) hanya untuk program PU (penerima upah)."
    if segment == Segment.BPU and isinstance(start, dt.date):
        income = values.get("declared_income")
        if not isinstance(income, int) or income <= 0:
            errors["declared_income"] = "Penghasilan yang dilaporkan (golongan BPU) wajib diisi."
        else:
            from lindung.contributions.selectors import RuleBook, RuleMissing

            try:
                RuleBook.load().bracket(income, start)
            except RuleMissing as exc:
                errors["declared_income"] = str(exc)

    source = values.get("funding_source")
    sub = values.get("apbdes_sub_source") or ""
    if is_dana_desa(source) or is_dana_desa(sub):
        errors["apbdes_sub_source" if is_dana_desa(sub) else "funding_source"] = DANA_DESA_REFUSAL
    elif source not in FundingSource.values:
        errors["funding_source"] = (
            f'Sumber dana "{source or ""}" tidak dikenal; pilih salah satu: {", ".join(FundingSource.values)}.'
        )
    elif source == FundingSource.APBDES and sub not in ApbdesSubSource.values:
        errors["apbdes_sub_source"] = (
            "Program dari APBDes wajib menyebut asal dananya: ADD, pendapatan asli desa, atau lainnya "
            "(bukan Dana Desa)."
        )
    elif source != FundingSource.APBDES and sub:
        errors["apbdes_sub_source"] = "Asal dana APBDes hanya diisi bila sumber dana APBDes."
    if source == FundingSource.APBDES and owner is not None and owner.level != 4:
        errors["owner_region"] = "Program dari APBDes dimiliki oleh desa; pilih kode desa sebagai pemilik."

    sponsor_id = values.get("sponsor")
    sponsor = Sponsor.objects.filter(pk=sponsor_id).first() if sponsor_id else None
    if sponsor_id and sponsor is None:
        errors["sponsor"] = f"Sponsor #{sponsor_id} tidak ditemukan."
    elif source == FundingSource.CSR and sponsor is None:
        errors["sponsor"] = "Program CSR wajib menyebut perusahaan sponsornya."
    elif sponsor is not None and SPONSORED_SOURCES.get(source) not in (None, sponsor.kind):
        errors["sponsor"] = (
            f"Sponsor {sponsor.name} berjenis {sponsor.get_kind_display()}, tidak cocok dengan sumber dana."
        )

    if source in PUBLIC_SOURCES:
        missing = [
            label
            for key, label in (
                ("legal_basis_type", "jenis"),
                ("legal_basis_number", "nomor"),
                ("legal_basis_year", "tahun"),
            )
            if not values.get(key)
        ]
        if missing:
            errors["legal_basis_number"] = (
                f"Program dari dana pemerintah wajib menyebut dasar hukumnya (mis. Perbup Bengkayang 23/2024); "
                f"belum diisi: {', '.join(missing)}."
            )

    for key, label in (
        ("quota_per_village", "Kuota per desa"),
        ("total_quota", "Kuota total"),
        ("budget_ceiling", "Pagu anggaran"),
    ):
        value = values.get(key)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[key] = f'{label} "{value}" harus bilangan bulat tidak negatif (atau kosong = tanpa batas).'

    from lindung.people.models import Category

    bad = [c for c in values.get("eligible_categories") or [] if c not in Category.values]
    if bad:
        errors["eligible_categories"] = f"Kategori tidak dikenal: {', '.join(bad)}."
    age_min, age_max = values.get("age_min"), values.get("age_max")
    if not isinstance(age_min, int) or not isinstance(age_max, int) or not 0 <= age_min <= age_max <= 100:
        errors["age_min"] = f"Batas umur {age_min}–{age_max} tidak sah (umur minimal ≤ umur maksimal, 0–100)."
    return errors


def _defaults() -> dict[str, Any]:
    fields = {f.name: f for f in Programme._meta.fields}
    return {
        name: fields[name].get_default() for name in EDITABLE if name in fields and fields[name].has_default()
    } | {"apbdes_sub_source": "", "eligible_categories": []}


def _to_model_kwargs(values: dict[str, Any]) -> dict[str, Any]:
    kwargs = {k: v for k, v in values.items() if k in EDITABLE}
    for key in ("owner_region", "coverage_region", "sponsor"):
        if key in kwargs:
            kwargs[f"{key}_id"] = kwargs.pop(key) or None
    return kwargs


@transaction.atomic
def programme_create(*, actor, data: Mapping[str, Any]) -> Programme:
    """Create a programme (funding scheme) after validation; raises ``ProgrammeRefused`` with every error."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ProgrammeRefused({k: "Kolom tidak dikenal." for k in sorted(unknown)})
    values = _clean(_defaults() | dict(data))
    errors = programme_validate(values)
    if errors:
        raise ProgrammeRefused(errors)
    user = actor if getattr(actor, "is_authenticated", False) else None
    programme = Programme.objects.create(created_by=user, **_to_model_kwargs(values))
    audit_record(
        actor=actor,
        action="programme.create",
        object_type="programme",
        object_id=programme.pk,
        region_code=programme.coverage_region_id,
        summary=f"Program baru {programme.code}: {programme.name}",
    )
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, data: Mapping[str, Any]) -> list[str]:
    """Change a programme; returns the fields changed (none: no write, no audit event)."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ProgrammeRefused({k: "Kolom tidak dikenal." for k in sorted(unknown)})
    current = {
        name: getattr(
            programme, f"{name}_id" if name in ("owner_region", "coverage_region", "sponsor") else name
        )
        for name in EDITABLE
    }
    values = _clean(current | dict(data))
    errors = programme_validate(values, instance=programme)
    if programme.enrolments.exists():
        for key in ("segment", "coverage_region", "start_month", "months"):
            if values.get(key) != current.get(key) and key not in errors:
                errors[key] = (
                    "Tidak dapat diubah karena program sudah memiliki peserta; buat program baru atau akhiri "
                    "kepesertaan lebih dulu."
                )
    if errors:
        raise ProgrammeRefused(errors)
    changed = [k for k in EDITABLE if values.get(k) != current.get(k)]
    if not changed:
        return []
    kwargs = _to_model_kwargs({k: values[k] for k in changed})
    for key, value in kwargs.items():
        setattr(programme, key, value)
    programme.save(update_fields=[*kwargs, "updated_at"])
    audit_record(
        actor=actor,
        action="programme.update",
        object_type="programme",
        object_id=programme.pk,
        region_code=programme.coverage_region_id,
        summary=f"Program {programme.code} diubah: {', '.join(changed)}",
        detail={"fields": changed},
    )
    return changed


@transaction.atomic
def village_quotas_set(*, actor, programme: Programme, quotas: Mapping[str, int | None]) -> int:
    """Set (or with ``None`` remove) the quota of many villages at once; all-or-nothing.

    Refuses villages outside the coverage area, non-village codes, negative quotas and a quota below the
    places already taken. Returns the number of villages changed.
    """
    from lindung.regions.models import Region

    from .selectors import programme_quota_usage

    codes = list(quotas)
    levels = dict(Region.objects.filter(code__in=codes).values_list("code", "level"))
    usage = programme_quota_usage(programme, villages=codes)
    coverage = programme.coverage_region_id
    errors: dict[str, str] = {}
    for code, quota in quotas.items():
        if levels.get(code) != 4:
            errors[code] = f'Kode "{code}" bukan kode desa/kelurahan yang dikenal (format 62.03.17.2002).'
        elif not (code == coverage or code.startswith(coverage + ".")):
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
        raise ProgrammeRefused(errors)
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
            action="programme.quota",
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


@transaction.atomic
def sponsor_create(*, actor, data: Mapping[str, Any]) -> Sponsor:
    """Register a sponsor (a CSR company, an ASN, an individual donor)."""
    name = " ".join(str(data.get("name", "")).split())
    kind = data.get("kind")
    errors = {}
    if not name:
        errors["name"] = "Nama sponsor wajib diisi."
    if kind not in Sponsor.Kind.values:
        errors["kind"] = f'Jenis sponsor "{kind or ""}" tidak dikenal; pilih csr, asn atau donor.'
    if errors:
        raise ProgrammeRefused(errors)
    fields = {k: str(data.get(k) or "") for k in ("nip", "position", "institution", "contact")}
    sponsor = Sponsor.objects.create(name=name, kind=kind, **fields)
    audit_record(
        actor=actor,
        action="sponsor.create",
        object_type="sponsor",
        object_id=sponsor.pk,
        summary=f"Sponsor baru {sponsor.name}",
    )
    return sponsor
