"""Reads on the registry that views, the API and reports share."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.http import Http404
from lokal import partial_mask

from lindung.accounts.selectors import scope_for_actor, scope_of
from lindung.core.audit import AuditAction
from lindung.core.services import audit_record
from lindung.regions.codes import subtree_q

from .models import Worker
from .names import normalize_name


def workers_in_region(code: str | None) -> QuerySet[Worker]:
    return Worker.objects.filter(subtree_q("village_id", code))


def workers_visible_to(user) -> QuerySet[Worker]:
    """The workers a user may see: their region's subtree; a sponsor only the people it funds."""
    scope = scope_for_actor(user)
    qs = Worker.objects.filter(scope.q("village_id"))
    if scope.is_sponsor:
        # ``scope_of`` never gives a sponsor scope without a sponsor; fail closed as the other selectors do
        # (a filter on ``sponsor_id=None`` would match the programmes that have no sponsor).
        qs = (
            qs.filter(enrolments__programme__sponsor_id=scope.sponsor_id).distinct()
            if scope.sponsor_id
            else qs.none()
        )
    return qs


def worker_for(user, pk: int, *, action: str = "worker.view") -> Worker:
    """One worker the user may see, or 404. A miss on a worker that exists elsewhere is logged as an attempt."""
    worker = workers_visible_to(user).select_related("village").filter(pk=pk).first()
    if worker is None:
        other = Worker.objects.filter(pk=pk).values_list("village_id", flat=True).first()
        if other is not None:
            audit_record(
                actor=user,
                action=AuditAction.ACCESS_DENIED,
                object_type="worker",
                object_id=pk,
                region_code=other,
                summary=f"Akses ditolak ke pekerja di luar wilayah ({action})",
            )
        raise Http404("Pekerja tidak ditemukan")
    return worker


def nik_for_display(user, nik: str) -> str:
    """The NIK as this user may see it: whole for roles whose work needs it, ``6203********0001`` otherwise.

    Only a signed-in person's role unmasks it: a page rendered with no user (``None``) shows it masked.
    """
    return nik if scope_of(user).sees_full_nik else mask_nik(nik)


def mask_nik(nik: str) -> str:
    """``6203********0001``: the partial mask lokal-id's Samaran uses for NIKs."""
    return partial_mask("NIK", nik)


def sees_full_identity(user) -> bool:
    """Whether ``user`` may see what a masked NIK hides: the birth date (day and month) and region codes.

    The masked digits are the kecamatan and the birth date, so a role that sees the NIK masked sees the birth
    year instead of the date, and region names instead of codes (docs/adr/0007-what-each-role-sees.md).
    """
    return scope_for_actor(user).sees_full_nik


# Findings whose wording carries a birth date, NIK digits or a village code, worded for a masked role.
_FINDINGS_WITHOUT_IDENTITY = {
    "birth_date_mismatch": "Tanggal lahir tidak sama dengan tanggal lahir menurut NIK.",
    "nik_birth_date_invalid": "Digit tanggal lahir di NIK bukan tanggal yang ada.",
    "nik_lost_digits": "NIK tersimpan sebagai angka di spreadsheet sehingga digitnya hilang.",
    "domicile_outside_nik_regency": "Desa domisili berada di luar kabupaten/kota penerbit NIK.",
    "nik_region_unknown": "Kode wilayah di awal NIK tidak ada dalam data wilayah Kemendagri.",
    "village_unknown": "Kode desa/kelurahan domisili tidak ditemukan.",
}


def findings_for_display(user, findings: list[dict]) -> list[dict]:
    """Stored findings as ``user`` may read them: for a masked role, without the dates and codes they quote."""
    if sees_full_identity(user):
        return list(findings)
    return [
        f | {"message": _FINDINGS_WITHOUT_IDENTITY[f["code"]]}
        if f.get("code") in _FINDINGS_WITHOUT_IDENTITY
        else f
        for f in findings
    ]


def workers_search(
    user,
    *,
    q: str = "",
    category: str = "",
    region_code: str = "",
    needs_review: bool = False,
) -> QuerySet[Worker]:
    """The visible workers matching a search, for the worker list and the API.

    ``q`` is a NIK, a KPJ or part of a name. Roles that see NIKs masked may only find a person by the whole
    NIK: a partial match would let them recover the masked digits one search at a time. Filters on
    enrolments are added by ``enrolment.selectors.workers_with_enrolment``.
    """
    qs = workers_visible_to(user)
    scope = scope_for_actor(user)
    text = (q or "").strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit() and len(digits) >= 4:
        if len(digits) == 16:
            qs = qs.filter(nik=digits)
        elif len(digits) == 11:
            qs = qs.filter(kpj=digits)
        elif scope.sees_full_nik:
            qs = qs.filter(nik__contains=digits)
        else:
            qs = qs.none()
    elif text:
        name = normalize_name(text)
        qs = qs.filter(name_normalized__contains=name) if name else qs.none()
    if category:
        qs = qs.filter(category=category)
    if region_code:
        qs = qs.filter(subtree_q("village_id", region_code)) if scope.covers(region_code) else qs.none()
    if needs_review:
        qs = qs.filter(needs_review=True)
    return qs
