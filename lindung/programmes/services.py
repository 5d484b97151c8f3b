"""Writes on programmes. Every refusal names the field, in Indonesian.

What a funding source allows (Dana Desa refused, public money needs its regulation, APBDes belongs to the
desa, CSR names its company) is read from ``FundingSourcePolicy`` rows in force in the programme's first
month; a new programme's age limits start from the registry's ``AgeLimit`` row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from lindung.accounts.models import Sponsor
from lindung.contributions.selectors import RuleBook, RuleMissing
from lindung.core.audit import AuditAction
from lindung.core.months import month_of, month_parse
from lindung.core.services import audit_record
from lindung.people.checks import registry_age_limit
from lindung.people.models import Category
from lindung.regions import codes
from lindung.regions.models import Region

from .legal import (
    SINGLE,
    legal_bases_clean,
    legal_bases_errors,
    legal_bases_from_single,
    legal_bases_of,
    legal_bases_single_columns,
    legal_bases_write,
)
from .models import DANA_DESA, ApbdesSubSource, FundingSource, FundingSourcePolicy, Programme, Segment

# Spellings of Dana Desa seen in forms and spreadsheets; all of them read the policy row of ``dana_desa``.
_DANA_DESA = {"dana_desa", "danadesa", "dd", "dana desa", "dana-desa"}
# The levels whose government holds a budget, so may own a programme, as messages name them.
_OWNER_LEVELS = {codes.PROVINCE: "provinsi", codes.REGENCY: "kabupaten/kota", codes.VILLAGE: "desa"}
# Who a sponsor is, in "wajib menyebut … sponsornya".
# Keyed by str: ``FundingSourcePolicy.sponsor_kind`` is read back from the database as a plain string.
_SPONSOR_NOUNS: dict[str, str] = {
    Sponsor.Kind.CSR: "perusahaan",
    Sponsor.Kind.ASN: "ASN",
    Sponsor.Kind.DONOR: "donatur",
}
# The plausible range of an age limit, so that a typo (650) is caught; the limits themselves are rows.
_AGE_BOUNDS = (0, 100)

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
    "legal_bases",
    "quota_per_village",
    "total_quota",
    "budget_ceiling",
    "eligible_categories",
    "age_min",
    "age_max",
    "is_active",
    "umbrella",
)
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


class ProgrammeRefused(ValueError):
    """The programme data has errors; ``errors`` maps each field to its Indonesian message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def is_dana_desa(value: Any) -> bool:
    return str(value or "").strip().lower() in _DANA_DESA


def funding_policy(source: Any, *, on: dt.date) -> FundingSourcePolicy | None:
    """The policy row in force on ``on`` for a funding source (any spelling of Dana Desa reads its row)."""
    key = DANA_DESA if is_dana_desa(source) else str(source or "").strip()
    return FundingSourcePolicy.objects.in_force(on).filter(source=key).first() if key else None


def funding_source_refusal(source: Any, *, on: dt.date) -> str:
    """Why ``source`` may not pay contributions on ``on``; ``""`` when it may."""
    policy = funding_policy(source, on=on)
    if policy is None:
        allowed = FundingSourcePolicy.objects.in_force(on).filter(allowed=True)
        names = sorted({p.source for p in allowed}, key=_source_order)
        return f'Sumber dana "{source or ""}" tidak dikenal; pilih salah satu: {", ".join(names)}.'
    if not policy.allowed:
        return policy.refusal
    return ""


def _source_order(source: str) -> tuple[int, str]:
    values = list(FundingSource.values)
    return (values.index(source) if source in values else len(values), source)


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


def _policy_date(values: dict[str, Any]) -> dt.date:
    """The day a programme's rules are read for: its first contribution month (today while it has none)."""
    start = values.get("start_month")
    return start if isinstance(start, dt.date) else timezone.localdate()


def _identity_errors(values: dict[str, Any], instance: Programme | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    code = values.get("code") or ""
    if not _CODE.match(code):
        errors["code"] = (
            f'Kode program "{code}" harus 2–40 huruf kecil, angka atau tanda hubung, mis. "bky-1desa100-2026".'
        )
    elif _code_taken(code, instance):
        errors["code"] = f'Kode program "{code}" sudah dipakai program lain.'
    if not (values.get("name") or "").strip():
        errors["name"] = "Nama program wajib diisi."
    return errors


def _code_taken(code: str, instance: Programme | None) -> bool:
    """Whether another programme (not ``instance``, when it is saved) already has ``code``."""
    others = Programme.objects.filter(code=code)
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def _region_errors(values: dict[str, Any], owner: Region | None, coverage: Region | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if owner is None:
        errors["owner_region"] = f'Wilayah pemilik "{values.get("owner_region") or ""}" tidak ditemukan.'
    elif owner.level not in _OWNER_LEVELS:
        errors["owner_region"] = (
            f"Pemilik program harus provinsi, kabupaten/kota atau desa; {owner.code} {owner.name} adalah "
            f"{owner.get_type_display()}."
        )
    if coverage is None:
        errors["coverage_region"] = (
            f'Wilayah cakupan "{values.get("coverage_region") or ""}" tidak ditemukan.'
        )
    elif owner is not None and not codes.within(coverage.code, owner.code):
        errors["coverage_region"] = (
            f"Wilayah cakupan {coverage.code} {coverage.name} berada di luar wilayah pemilik {owner.code} {owner.name}."
        )
    return errors


def _period_errors(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
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
    return errors


def _segment_errors(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    segment, start = values.get("segment"), values.get("start_month")
    if segment not in Segment.values:
        errors["segment"] = f'Segmen "{segment}" tidak dikenal; pilih BPU atau PU.'
    if values.get("include_jp") and segment != Segment.PU:
        errors["include_jp"] = "JP (Jaminan Pensiun) hanya untuk program PU (penerima upah)."
    if segment == Segment.BPU and isinstance(start, dt.date):
        income = values.get("declared_income")
        if not isinstance(income, int) or income <= 0:
            errors["declared_income"] = "Penghasilan yang dilaporkan (golongan BPU) wajib diisi."
        else:
            try:
                RuleBook.load().bracket(income, start)
            except RuleMissing as exc:
                errors["declared_income"] = str(exc)
    return errors


def _funding_errors(
    values: dict[str, Any], policy: FundingSourcePolicy | None, owner: Region | None, on: dt.date
) -> dict[str, str]:
    """The funding source, its APBDes sub-source and who may own it, by the policy row in force."""
    errors: dict[str, str] = {}
    source, sub = values.get("funding_source"), values.get("apbdes_sub_source") or ""
    sub_refusal = funding_source_refusal(sub, on=on) if is_dana_desa(sub) else ""
    if sub_refusal:
        errors["apbdes_sub_source"] = sub_refusal
    elif refusal := funding_source_refusal(source, on=on):
        errors["funding_source"] = refusal
    else:
        # ``policy`` is ``funding_policy(source, on=on)``, and ``funding_source_refusal`` has just refused a
        # source without a policy row in force on that day: an accepted source always has one.
        assert policy is not None, "a funding source accepted without a policy row in force"
        if policy.needs_apbdes_sub_source and sub not in ApbdesSubSource.values:
            errors["apbdes_sub_source"] = (
                f"Program dari {policy.label} wajib menyebut asal dananya: ADD, pendapatan asli desa, atau "
                "lainnya (bukan Dana Desa)."
            )
        elif not policy.needs_apbdes_sub_source and sub:
            errors["apbdes_sub_source"] = "Asal dana APBDes hanya diisi bila sumber dana APBDes."
    if values.get("umbrella"):
        if not sub_refusal:  # each village's budget line names its own sub-source
            errors.pop("apbdes_sub_source", None)
        return errors | _umbrella_errors(values, owner)
    if policy is not None and policy.owner_level and owner is not None and owner.level != policy.owner_level:
        level = _OWNER_LEVELS.get(policy.owner_level, str(policy.owner_level))
        errors["owner_region"] = (
            f"Program dari {policy.label} dimiliki oleh {level}; pilih kode {level} sebagai pemilik."
        )
    return errors


def _umbrella_errors(values: dict[str, Any], owner: Region | None) -> dict[str, str]:
    """An umbrella scheme is APBDes owned by the kabupaten; each village's line names its own sub-source."""
    errors: dict[str, str] = {}
    if values.get("funding_source") != FundingSource.APBDES:
        errors["umbrella"] = "Skema payung hanya untuk sumber dana APBDes (satu anggaran per desa)."
    if owner is not None and owner.level != codes.REGENCY:
        errors["owner_region"] = (
            "Skema payung APBDes dimiliki oleh kabupaten/kota; pilih kode kabupaten/kota."
        )
    return errors


def _sponsor_errors(values: dict[str, Any], policy: FundingSourcePolicy | None) -> dict[str, str]:
    sponsor_id = values.get("sponsor")
    sponsor = Sponsor.objects.filter(pk=sponsor_id).first() if sponsor_id else None
    if sponsor_id and sponsor is None:
        return {"sponsor": f"Sponsor #{sponsor_id} tidak ditemukan."}
    if policy is None:
        return {}
    if policy.sponsor_required and sponsor is None:
        noun = _SPONSOR_NOUNS.get(policy.sponsor_kind, "pihak")
        return {"sponsor": f"Program {policy.label} wajib menyebut {noun} sponsornya."}
    if sponsor is not None and policy.sponsor_kind and policy.sponsor_kind != sponsor.kind:
        return {
            "sponsor": f"Sponsor {sponsor.name} berjenis {sponsor.get_kind_display()}, tidak cocok dengan sumber dana."
        }
    return {}


def _legal_basis_errors(values: dict[str, Any], policy: FundingSourcePolicy | None) -> dict[str, str]:
    required = policy is not None and policy.needs_legal_basis
    message = legal_bases_errors(values.get("legal_bases") or [], required=required)
    return {"legal_bases": message} if message else {}


def _with_legal_bases(values: dict[str, Any], data: Mapping[str, Any], current: list[dict]) -> dict[str, Any]:
    """The list of legal bases the data asks for, with the single columns mirroring its first entry.

    ``legal_bases`` replaces the list; the old single columns (``legal_basis_type`` …) replace its first
    entry only, so callers written before the list keep working.
    """
    if "legal_bases" in data:
        entries = legal_bases_clean(data["legal_bases"])
    elif any(key in data for key in SINGLE):
        first = legal_bases_from_single(values)
        entries = ([first] if first else []) + current[1:]
    else:
        entries = current
    return values | {"legal_bases": entries} | legal_bases_single_columns(entries)


def _limit_errors(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key, label in (
        ("quota_per_village", "Kuota per desa"),
        ("total_quota", "Kuota total"),
        ("budget_ceiling", "Pagu anggaran"),
    ):
        value = values.get(key)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[key] = f'{label} "{value}" harus bilangan bulat tidak negatif (atau kosong = tanpa batas).'
    bad = [c for c in values.get("eligible_categories") or [] if c not in Category.values]
    if bad:
        errors["eligible_categories"] = f"Kategori tidak dikenal: {', '.join(bad)}."
    age_min, age_max = values.get("age_min"), values.get("age_max")
    low, high = _AGE_BOUNDS
    if not isinstance(age_min, int) or not isinstance(age_max, int) or not low <= age_min <= age_max <= high:
        errors["age_min"] = (
            f"Batas umur {age_min}–{age_max} tidak sah (umur minimal ≤ umur maksimal, {low}–{high})."
        )
    return errors


def programme_validate(values: dict[str, Any], *, instance: Programme | None = None) -> dict[str, str]:
    """Every problem with a programme's data, by field. Empty when it may be saved."""
    regions = Region.objects.in_bulk(
        [c for c in (values.get("owner_region"), values.get("coverage_region")) if c]
    )
    owner = regions.get(values.get("owner_region") or "")
    coverage = regions.get(values.get("coverage_region") or "")
    on = _policy_date(values)
    policy = funding_policy(values.get("funding_source"), on=on)
    # Later checks overwrite earlier ones on the same field: the funding policy's owner rule is the sharper one.
    return (
        _identity_errors(values, instance)
        | _region_errors(values, owner, coverage)
        | _period_errors(values)
        | _segment_errors(values)
        | _funding_errors(values, policy, owner, on)
        | _sponsor_errors(values, policy)
        | _legal_basis_errors(values, policy)
        | _limit_errors(values)
    )


def _defaults() -> dict[str, Any]:
    fields = {f.name: f for f in Programme._meta.fields}
    return {
        name: fields[name].get_default()
        for name in EDITABLE
        if name in fields and fields[name].has_default() and name not in ("age_min", "age_max")
    } | {"apbdes_sub_source": "", "eligible_categories": []}


def _registry_age_defaults(values: dict[str, Any]) -> dict[str, Any]:
    """A new programme's age limits when none are given: the registry's row in force in its first month."""
    row = registry_age_limit(_policy_date(values))
    low, high = _AGE_BOUNDS
    return {
        "age_min": row.age_min if row and row.age_min is not None else low,
        "age_max": row.age_max if row and row.age_max is not None else high,
    }


def _to_model_kwargs(values: dict[str, Any]) -> dict[str, Any]:
    kwargs = {k: v for k, v in values.items() if k in EDITABLE and k != "legal_bases"}
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
    values = _with_legal_bases(_registry_age_defaults(values) | values, data, [])
    errors = programme_validate(values)
    if errors:
        raise ProgrammeRefused(errors)
    user = actor if getattr(actor, "is_authenticated", False) else None
    programme = Programme.objects.create(created_by=user, **_to_model_kwargs(values))
    legal_bases_write(programme, values["legal_bases"])
    audit_record(
        actor=actor,
        action=AuditAction.PROGRAMME_CREATE,
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
        if name != "legal_bases"
    } | {"legal_bases": legal_bases_of(programme)}
    values = _with_legal_bases(_clean(current | dict(data)), data, current["legal_bases"])
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
    if "legal_bases" in changed:
        legal_bases_write(programme, values["legal_bases"])
    audit_record(
        actor=actor,
        action=AuditAction.PROGRAMME_UPDATE,
        object_type="programme",
        object_id=programme.pk,
        region_code=programme.coverage_region_id,
        summary=f"Program {programme.code} diubah: {', '.join(changed)}",
        detail={"fields": changed},
    )
    return changed
